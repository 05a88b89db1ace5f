"""Activaciones vectoriales, desde primeros principios.

softmax, softmin, log_softmax, softmax2d y GLU no actúan elemento a elemento:
cada salida depende de toda una dimensión de la entrada. Su derivada es una
matriz jacobiana; la retropropagación solo necesita su producto por el gradiente
de salida (el producto vector-jacobiano), que aquí está escrito en forma cerrada.
"""

from __future__ import annotations

import numbers
import warnings
from typing import Any

import torch
from torch import Tensor

from actloss._validation import require_floating, require_int, require_tensor, warn_caller
from actloss.functional import _kernels as kernels
from actloss.functional import _transforms as transforms


def _implicit_dim(name: str, ndim: int, stacklevel: int) -> int:
    """La dimensión que elige torch cuando no se da ``dim``, con su aviso de obsolescencia."""
    message = (
        f"{name}: no se dio el argumento `dim`; elegirlo implícitamente está obsoleto. "
        "Se esperaba una llamada con dim=X."
    )
    if torch.compiler.is_compiling():  # dynamo cannot trace warnings.warn; warn_caller can
        warn_caller(message)
    else:
        warnings.warn(message, UserWarning, stacklevel=stacklevel)
    return 0 if ndim in (0, 1, 3) else 1


def _checked_dim(dim: int, ndim: int, name: str) -> int:
    """``dim`` como índice no negativo; ``IndexError`` si está fuera de rango, como torch."""
    if type(dim) is not int:  # numpy's integers and integer 0-D tensors pass, as in torch
        require_int(dim, name, "dim")
    size = max(ndim, 1)
    if not -size <= dim < size:
        raise IndexError(
            f"{name}: el argumento `dim` debe estar en [{-size}, {size - 1}]; se recibió {dim}."
        )
    return dim % size if ndim > 0 else 0


class _Softmax(torch.autograd.Function):
    r"""``y = exp(s x - max(s x)) / sum exp(s x - max(s x))``, con ``s = 1`` o ``s = -1`` (softmin).

    Retropropaga :math:`s\, y \odot (g - \langle g, y\rangle)`.
    """

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: int, sign: int) -> Tensor:
        # Subtracting the maximum leaves the result unchanged and keeps exp from overflowing.
        # In place on one temporary.
        e = x - x.amax(dim, keepdim=True) if sign > 0 else x.amin(dim, keepdim=True) - x
        kernels.exp_(e)
        y = e.div_(e.sum(dim, keepdim=True))
        ctx.dim, ctx.sign = dim, sign
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def formula(x: Tensor, dim: int, sign: int) -> Tensor:
        """Lo mismo sin escribir en el sitio (``transforms.run`` bajo torch.func). El máximo no
        cambia el resultado: sin derivada, autograd no reparte gradiente en sus empates."""
        z = x if sign > 0 else -x
        e = kernels.exp(z - z.amax(dim, keepdim=True).detach())
        return e / e.sum(dim, keepdim=True)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None]:
        (y,) = ctx.saved_tensors
        # J = diag(y) - y y^T is symmetric, so J^T g = y * (g - <g, y>) = g y - y <g, y>.
        if kernels.out_of_place(grad):  # a second-order graph: no in-place operations
            out = y * (grad - (grad * y).sum(ctx.dim, keepdim=True))
            return (out if ctx.sign > 0 else -out), None, None
        out = grad * y
        out.addcmul_(y, out.sum(ctx.dim, keepdim=True), value=-1)
        return (out if ctx.sign > 0 else out.neg_()), None, None


class _LogSoftmax(torch.autograd.Function):
    r"""``z = x - max x - log sum exp(x - max x)``; retropropaga :math:`g - e^{z} \sum g`."""

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: int, sign: int) -> Tensor:
        z = x - x.amax(dim, keepdim=True)
        z.sub_(kernels.exp(z).sum(dim, keepdim=True).log_())
        ctx.dim = dim
        ctx.save_for_backward(z)
        return z

    @staticmethod
    def formula(x: Tensor, dim: int, sign: int) -> Tensor:
        """Lo mismo sin escribir en el sitio (``transforms.run`` bajo torch.func)."""
        z = x - x.amax(dim, keepdim=True).detach()
        return z - kernels.exp(z).sum(dim, keepdim=True).log()

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None]:
        (z,) = ctx.saved_tensors
        # dz_i/dx_j = delta_ij - softmax(x)_j, so J^T g = g - softmax(x) * sum(g).
        total = grad.sum(ctx.dim, keepdim=True)
        if kernels.out_of_place(grad):  # a second-order graph: no in-place operations
            return grad - z.exp() * total, None, None
        return kernels.exp(z).mul_(total.neg_()).add_(grad), None, None


def _normalized(
    function: type[torch.autograd.Function],
    input: Tensor,
    dim: int | None,
    stacklevel: int,
    dtype: torch.dtype | None,
    name: str,
    sign: int = 1,
) -> Tensor:
    if not isinstance(input, Tensor):
        # torch asks the argument for ``.softmax`` (AttributeError); softmin negates it
        # first, which only a number survives (TypeError otherwise).
        refused = sign < 0 and not isinstance(input, numbers.Number)
        require_tensor(input, name, error=TypeError if refused else AttributeError)
    if dim is None:
        # Two frames more than torch's: this one and the public wrapper (``_protocol``).
        dim = _implicit_dim(name, input.dim(), stacklevel + 2)
    if dtype is not None:
        input = input.to(dtype)
    require_floating(input, name)
    dim = _checked_dim(dim, input.dim(), name)
    if input.dim() == 0:  # a scalar is a vector of one element
        return transforms.run(function, input.reshape(1), 0, sign).reshape(())  # type: ignore[no-any-return]
    if input.numel() == 0:
        return input.clone() if sign > 0 else -input
    # Half precision accumulates in float32, as torch's CPU kernel does; that kernel also
    # works on (and returns) a contiguous tensor, whatever the input's layout.
    contiguous = input.contiguous()
    return kernels.in_float32(lambda x: transforms.run(function, x, dim, sign))(contiguous)


def softmax(
    input: Tensor,
    dim: int | None = None,
    _stacklevel: int = 3,
    dtype: torch.dtype | None = None,
) -> Tensor:
    r"""Softmax: convierte un vector de puntuaciones en una distribución de probabilidad.

    .. math::

        \operatorname{softmax}(x)_i = \frac{e^{x_i}}{\sum_j e^{x_j}}, \qquad
        \frac{\partial \operatorname{softmax}(x)_i}{\partial x_j} = y_i (\delta_{ij} - y_j)

    con :math:`y = \operatorname{softmax}(x)`. La retropropagación usa el producto
    por la jacobiana escrito en forma cerrada, :math:`y \odot (g - \langle g, y\rangle)`.
    Se calcula con :math:`x - \max_j x_j`, que no cambia el resultado y evita el
    desbordamiento de :math:`e^{x}` con puntuaciones de magnitud :math:`10^4`. Es suave:
    no tiene pliegues.

    Argumentos:
        input: tensor de coma flotante.
        dim: la dimensión que suma 1. Si es ``None``, se elige como torch (0 para
            tensores de 0, 1 o 3 dimensiones y 1 para el resto) y se avisa con
            ``UserWarning``, porque esa elección está obsoleta. Por defecto: ``None``.
        dtype: si se da, la entrada se convierte a ese dtype antes de operar (útil para
            no desbordar con ``float16``). Por defecto: ``None``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import softmax
        >>> softmax(torch.tensor([1.0, 2.0, 3.0]), dim=0)
        tensor([0.0900, 0.2447, 0.6652])
        >>> softmax(torch.tensor([1e4, 0.0]), dim=0)  # sin desbordamiento
        tensor([1., 0.])
    """
    return _normalized(_Softmax, input, dim, _stacklevel, dtype, "softmax")


def softmin(
    input: Tensor,
    dim: int | None = None,
    _stacklevel: int = 3,
    dtype: torch.dtype | None = None,
) -> Tensor:
    r"""Softmin: el softmax de la entrada cambiada de signo; da más peso a los valores pequeños.

    .. math::

        \operatorname{softmin}(x)_i = \frac{e^{-x_i}}{\sum_j e^{-x_j}}, \qquad
        \frac{\partial \operatorname{softmin}(x)_i}{\partial x_j} = -y_i (\delta_{ij} - y_j)

    con :math:`y = \operatorname{softmin}(x) = \operatorname{softmax}(-x)`.

    Argumentos:
        input: tensor de coma flotante.
        dim: la dimensión que suma 1; ``None`` se resuelve como en :func:`softmax`, con
            aviso. Por defecto: ``None``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import softmin
        >>> softmin(torch.tensor([1.0, 2.0, 3.0]), dim=0)
        tensor([0.6652, 0.2447, 0.0900])
    """
    return _normalized(_Softmax, input, dim, _stacklevel, dtype, "softmin", sign=-1)


def log_softmax(
    input: Tensor,
    dim: int | None = None,
    _stacklevel: int = 3,
    dtype: torch.dtype | None = None,
) -> Tensor:
    r"""Logaritmo del softmax, calculado sin pasar por el softmax.

    .. math::

        \operatorname{log\_softmax}(x)_i = x_i - \log \sum_j e^{x_j}, \qquad
        \frac{\partial \operatorname{log\_softmax}(x)_i}{\partial x_j} =
        \delta_{ij} - \operatorname{softmax}(x)_j

    El producto por la jacobiana es :math:`g - \operatorname{softmax}(x) \sum_i g_i`.
    Se calcula como :math:`(x_i - m) - \log \sum_j e^{x_j - m}` con
    :math:`m = \max_j x_j`: es finito aunque :math:`\operatorname{softmax}(x)_i`
    sea 0 en coma flotante, donde ``log(softmax(x))`` daría :math:`-\infty`.

    Argumentos:
        input: tensor de coma flotante.
        dim: la dimensión sobre la que se normaliza; ``None`` se resuelve como en
            :func:`softmax`, con aviso. Por defecto: ``None``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import log_softmax
        >>> log_softmax(torch.tensor([0.0, 200.0]), dim=0)  # log(softmax) daría -inf
        tensor([-200.,    0.])
    """
    return _normalized(_LogSoftmax, input, dim, _stacklevel, dtype, "log_softmax")


def softmax2d(input: Tensor) -> Tensor:
    r"""Softmax sobre los canales en cada posición: la función de :class:`~actloss.nn.Softmax2d`.

    torch no tiene forma funcional de ``Softmax2d``; esta función es la que usa el
    módulo: :func:`softmax` con ``dim=-3``, la dimensión de los canales de una
    entrada :math:`(C, H, W)` o :math:`(N, C, H, W)`.

    .. math::

        y_{c h w} = \frac{e^{x_{c h w}}}{\sum_{c'} e^{x_{c' h w}}}, \qquad
        \frac{\partial y_{c h w}}{\partial x_{c' h w}} = y_{c h w}(\delta_{c c'} - y_{c' h w})

    Argumentos:
        input: tensor de coma flotante de 3 o 4 dimensiones.

    Forma:
        - Entrada: :math:`(N, C, H, W)` o :math:`(C, H, W)`.
        - Salida: la misma forma; en cada posición, los :math:`C` canales suman 1.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import softmax2d
        >>> y = softmax2d(torch.randn(2, 3, 4, 5))
        >>> torch.allclose(y.sum(dim=1), torch.ones(2, 4, 5))
        True
    """
    if input.dim() not in (3, 4):
        raise ValueError(
            "softmax2d: el argumento `input` debe tener 3 o 4 dimensiones "
            f"((C, H, W) o (N, C, H, W)); se recibió uno de {input.dim()}."
        )
    return softmax(input, -3)


class _GLU(torch.autograd.Function):
    r"""``a * sigmoid(b)``, con las dos mitades de la derivada escritas."""

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: int) -> Tensor:
        a, b = x.chunk(2, dim)
        ctx.dim = dim
        ctx.save_for_backward(x)
        return kernels.sigmoid(b).mul_(a)

    @staticmethod
    def formula(x: Tensor, dim: int) -> Tensor:
        """Lo mismo sin escribir en el sitio (``transforms.run`` bajo torch.func)."""
        a, b = x.chunk(2, dim)
        return kernels.sigmoid(b) * a

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        (x,) = ctx.saved_tensors
        a, b = x.chunk(2, ctx.dim)
        # d/da = sigmoid(b); d/db = a * sigmoid(b) * (1 - sigmoid(b)).
        if not kernels.in_place(grad):
            s = kernels.sigmoid(b)
            grad_a = grad * s
            return torch.cat([grad_a, grad_a * (1 - s) * a], ctx.dim), None
        # Without a graph, both halves are written in place into the result's two halves.
        out = torch.empty_like(x)
        grad_a, grad_b = out.chunk(2, ctx.dim)
        s = kernels.sigmoid(b, out=grad_a)
        torch.sub(1, s, out=grad_b).mul_(s).mul_(a).mul_(grad)
        s.mul_(grad)
        return out, None


def glu(input: Tensor, dim: int = -1) -> Tensor:
    r"""Unidad lineal con compuerta: la primera mitad por la sigmoide de la segunda.

    La entrada se parte en dos mitades :math:`a` y :math:`b` a lo largo de ``dim``:

    .. math::

        \operatorname{GLU}(a, b) = a \odot \sigma(b), \qquad
        \frac{\partial \operatorname{GLU}}{\partial a} = \sigma(b), \qquad
        \frac{\partial \operatorname{GLU}}{\partial b} = a\,\sigma(b)\,(1 - \sigma(b))

    La salida tiene la mitad de tamaño en ``dim``. Es suave: no tiene pliegues.

    Argumentos:
        input: tensor de coma flotante con tamaño par en ``dim``.
        dim: la dimensión que se parte en dos. Por defecto: ``-1``.

    Forma:
        - Entrada: :math:`(*_1, N, *_2)` con :math:`N` par.
        - Salida: :math:`(*_1, N/2, *_2)`.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import glu
        >>> glu(torch.tensor([2.0, -4.0, 0.0, 100.0]))  # (2, -4) por sigmoide de (0, 100)
        tensor([ 1., -4.])
    """
    require_tensor(input, "glu", error=AttributeError)
    if input.dim() == 0:
        raise RuntimeError(
            "glu: el argumento `input` no puede ser un escalar: se parte en dos mitades."
        )
    require_floating(input, "glu")
    dim = _checked_dim(dim, input.dim(), "glu")
    size = input.shape[dim]
    if size % 2:
        raise RuntimeError(
            f"glu: la dimensión `dim`={dim} de `input` debe tener tamaño par; tiene {size}."
        )
    # Half precision in float32, forward and backward, as torch's CPU kernel: 1 - sigmoid(b)
    # would cancel and the small products would underflow.
    return kernels.in_float32(lambda x: transforms.run(_GLU, x, dim))(input)


__all__ = ["glu", "log_softmax", "softmax", "softmax2d", "softmin"]
