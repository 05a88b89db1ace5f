"""Definición de las activaciones vectoriales: softmax, sus parientes y GLU.

No actúan elemento a elemento, así que su derivada es una matriz jacobiana. Las de
softmax, softmin, log-softmax y softmax2d devuelven la jacobiana entera, con la
dimensión ``dim`` llevada a las dos últimas: ``J[..., i, j]`` es
:math:`\\partial y_i / \\partial x_j`. El gradiente que calcula la retropropagación es el
producto :math:`g^\\top J`. La de GLU es diagonal por bloques y devuelve solo las dos
mitades que no son cero.
"""

from __future__ import annotations

import torch
from torch import Tensor

from actloss.reference._smooth import sigmoid


def _implicit_dim(input: Tensor) -> int:
    """La dimensión que elige torch cuando no se da ``dim`` (una elección obsoleta)."""
    return 0 if input.dim() in (0, 1, 3) else 1


def softmax(
    input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype: torch.dtype | None = None
) -> Tensor:
    r"""Softmax: convierte puntuaciones en una distribución de probabilidad sobre ``dim``.

    .. math::

        \operatorname{softmax}(x)_i = \frac{e^{x_i}}{\sum_j e^{x_j}}
        = \frac{e^{x_i - m}}{\sum_j e^{x_j - m}}, \qquad m = \max_j x_j

    Restar el máximo no cambia el cociente y evita que :math:`e^{x}` se desborde.

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import softmax
        >>> softmax(torch.tensor([1.0, 2.0, 1e4]), dim=0)
        tensor([0., 0., 1.])
    """
    x = input if dtype is None else input.to(dtype)
    dim = _implicit_dim(x) if dim is None else dim
    # El máximo es una constante que se resta: no necesita gradiente.
    e = torch.exp(x - x.amax(dim, keepdim=True).detach())
    return e / e.sum(dim, keepdim=True)


def softmax_derivative(input: Tensor, dim: int | None = None) -> Tensor:
    r"""Jacobiana de softmax, con ``dim`` en las dos últimas dimensiones.

    .. math::

        \frac{\partial y_i}{\partial x_j} = y_i\,(\delta_{ij} - y_j), \qquad
        J = \operatorname{diag}(y) - y\,y^\top

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import softmax_derivative
        >>> softmax_derivative(torch.tensor([0.0, 0.0]), dim=0)
        tensor([[ 0.2500, -0.2500],
                [-0.2500,  0.2500]])
    """
    dim = _implicit_dim(input) if dim is None else dim
    y = softmax(input, dim).movedim(dim, -1)
    return torch.diag_embed(y) - y.unsqueeze(-1) * y.unsqueeze(-2)


def softmin(
    input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype: torch.dtype | None = None
) -> Tensor:
    r"""Softmin: el softmax de las puntuaciones cambiadas de signo.

    .. math::

        \operatorname{softmin}(x)_i = \frac{e^{-x_i}}{\sum_j e^{-x_j}}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import softmin
        >>> softmin(torch.tensor([1.0, 1.0, 1e4]), dim=0)
        tensor([0.5000, 0.5000, 0.0000])
    """
    return softmax(-input, dim, dtype=dtype)


def softmin_derivative(input: Tensor, dim: int | None = None) -> Tensor:
    r"""Jacobiana de softmin: la de softmax en :math:`-x`, cambiada de signo.

    .. math::

        \frac{\partial y_i}{\partial x_j} = -y_i\,(\delta_{ij} - y_j), \qquad
        J = y\,y^\top - \operatorname{diag}(y)

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import softmin_derivative
        >>> softmin_derivative(torch.tensor([0.0, 0.0]), dim=0)
        tensor([[-0.2500,  0.2500],
                [ 0.2500, -0.2500]])
    """
    return -softmax_derivative(-input, dim)


def log_softmax(
    input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype: torch.dtype | None = None
) -> Tensor:
    r"""Logaritmo de softmax, estable: finito donde el softmax redondea a 0.

    .. math::

        \log \operatorname{softmax}(x)_i = x_i - \log \sum_j e^{x_j}

    El log-sum-exp se calcula restando el máximo (``torch.logsumexp``).

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import log_softmax
        >>> log_softmax(torch.tensor([0.0, 1e4]), dim=0)
        tensor([-10000.,      0.])
    """
    x = input if dtype is None else input.to(dtype)
    dim = _implicit_dim(x) if dim is None else dim
    return x - torch.logsumexp(x, dim, keepdim=True)


def log_softmax_derivative(input: Tensor, dim: int | None = None) -> Tensor:
    r"""Jacobiana de log-softmax, con ``dim`` en las dos últimas dimensiones.

    .. math::

        \frac{\partial y_i}{\partial x_j} = \delta_{ij} - \operatorname{softmax}(x)_j,
        \qquad J = I - \mathbf{1}\,\operatorname{softmax}(x)^\top

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import log_softmax_derivative
        >>> log_softmax_derivative(torch.tensor([0.0, 0.0]), dim=0)
        tensor([[ 0.5000, -0.5000],
                [-0.5000,  0.5000]])
    """
    dim = _implicit_dim(input) if dim is None else dim
    p = softmax(input, dim).movedim(dim, -1)
    return torch.eye(p.shape[-1], dtype=p.dtype) - p.unsqueeze(-2)


def softmax2d(input: Tensor) -> Tensor:
    r"""Softmax sobre los canales en cada posición de una imagen :math:`(N, C, H, W)` o
    :math:`(C, H, W)`: la dimensión :math:`-3`.

    .. math::

        y_{chw} = \frac{e^{x_{chw}}}{\sum_{c'} e^{x_{c'hw}}}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import softmax2d
        >>> softmax2d(torch.zeros(2, 1, 1)).flatten()
        tensor([0.5000, 0.5000])
    """
    return softmax(input, -3)


def softmax2d_derivative(input: Tensor) -> Tensor:
    r"""Jacobiana de softmax2d en cada posición, con los canales en las dos últimas
    dimensiones.

    .. math::

        \frac{\partial y_{chw}}{\partial x_{c'hw}} = y_{chw}\,(\delta_{cc'} - y_{c'hw})

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import softmax2d_derivative
        >>> softmax2d_derivative(torch.zeros(2, 1, 1)).shape
        torch.Size([1, 1, 2, 2])
    """
    return softmax_derivative(input, -3)


def glu(input: Tensor, dim: int = -1) -> Tensor:
    r"""Unidad lineal con compuerta: la primera mitad de ``dim`` por la sigmoide de la
    segunda.

    .. math::

        \operatorname{GLU}(a, b) = a \odot \sigma(b), \qquad x = (a, b)

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import glu
        >>> glu(torch.tensor([2.0, -4.0, 0.0, 100.0]))
        tensor([ 1., -4.])
    """
    a, b = input.chunk(2, dim)
    return a * sigmoid(b)


def glu_derivative(input: Tensor, dim: int = -1) -> Tensor:
    r"""Las derivadas no nulas de GLU, con la forma de la entrada: :math:`y_k` solo depende
    de :math:`a_k` y de :math:`b_k`, así que la primera mitad es :math:`\partial y_k /
    \partial a_k` y la segunda :math:`\partial y_k / \partial b_k`.

    .. math::

        \frac{\partial y_k}{\partial a_k} = \sigma(b_k), \qquad
        \frac{\partial y_k}{\partial b_k} = a_k\,\sigma(b_k)\,\bigl(1 - \sigma(b_k)\bigr)

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import glu_derivative
        >>> glu_derivative(torch.tensor([2.0, 0.0]))
        tensor([0.5000, 0.5000])
    """
    a, b = input.chunk(2, dim)
    s = sigmoid(b)
    return torch.cat([s, a * s * (1 - s)], dim)


__all__ = [
    "glu",
    "glu_derivative",
    "log_softmax",
    "log_softmax_derivative",
    "softmax",
    "softmax2d",
    "softmax2d_derivative",
    "softmax_derivative",
    "softmin",
    "softmin_derivative",
]
