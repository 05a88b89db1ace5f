"""Activaciones de la familia de los rectificadores, desde primeros principios."""

from __future__ import annotations

from typing import Any

import torch
from torch import Tensor

from actloss._validation import (
    check_same_dtype,
    require_floating,
    require_number,
    require_tensor,
    require_tensors,
)
from actloss.functional import _autocast as autocast
from actloss.functional import _kernels as kernels
from actloss.functional import _transforms as transforms
from actloss.functional._pointwise import Rule, apply, cached


def _ones_where(mask: Tensor, other: float, like: Tensor) -> Tensor:
    """1 donde ``mask`` es cierto y ``other`` en el resto, con el dtype de ``like``."""
    return torch.where(mask, like.new_ones(()), like.new_tensor(other))


def _leaky_value(x: Tensor, negative_slope: float) -> Tensor:
    # max(x, a x) is x for x > 0 and a x for x <= 0 when a <= 1 (min when a > 1), exactly,
    # and it keeps nan; no boolean mask (see ``_kernels``). Written into the fresh product
    # unless autograd differentiates this formula.
    low = x * negative_slope
    pick = torch.maximum if negative_slope <= 1 else torch.minimum
    return pick(x, low) if kernels.recorded(low) else pick(x, low, out=low)


@cached
def _leaky_rule(negative_slope: float) -> Rule:
    # negative_slope has passed require_number (leaky_relu) or is rrelu's mean slope.
    if negative_slope == 0 or not kernels.is_finite(negative_slope):
        # a x would be nan at x = +inf (0 * inf): select with masks, as torch does;
        # torch.where(x > 0, ...) sends nan to the second branch, where nan * a is nan.
        return Rule(
            value=lambda x: torch.where(x > 0, x, x * negative_slope),
            derivative=lambda x: _ones_where(x > 0, negative_slope, x),
            constant_pieces=True,
        )
    return Rule(
        value=lambda x: _leaky_value(x, negative_slope),
        # torch sends nan to the ``x <= 0`` side: slope a there.
        derivative=lambda x: kernels.step(x, negative_slope, 1.0, nan=negative_slope),
        constant_pieces=True,
    )


_RELU = Rule(
    # clamp_min keeps nan, as torch's relu does.
    value=lambda x: x.clamp_min(0),
    # torch passes the gradient where ``not x <= 0``, which includes nan.
    derivative=lambda x: kernels.step(x, nan=1.0),
    # The output is 0 exactly where x <= 0 (and nan where x is): in-place relu needs no copy.
    derivative_from_output=kernels.positive_indicator,
    constant_pieces=True,
)


def relu(input: Tensor, inplace: bool = False) -> Tensor:
    r"""Rectificador lineal: deja pasar la parte positiva y anula la negativa.

    .. math::

        \operatorname{ReLU}(x) = \max(0, x), \qquad
        \operatorname{ReLU}'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}

    En el pliegue :math:`x = 0` se toma la derivada 0, como torch.

    Argumentos:
        input: tensor de cualquier forma; también acepta enteros, como torch.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import relu
        >>> relu(torch.tensor([-2.0, 0.0, 3.0]))
        tensor([0., 0., 3.])
    """
    require_tensor(input, "relu")
    if input.dtype == torch.bool:
        raise RuntimeError(
            "relu: el argumento `input` no puede ser booleano (torch tampoco lo admite); "
            "se recibió dtype torch.bool."
        )
    return apply(_RELU, input, inplace)


def relu_(input: Tensor) -> Tensor:
    """Versión en el sitio de :func:`relu`: ``relu(input, inplace=True)``."""
    return relu(input, inplace=True)


def leaky_relu(input: Tensor, negative_slope: float = 0.01, inplace: bool = False) -> Tensor:
    r"""ReLU con fugas: la parte negativa se multiplica por una pendiente pequeña.

    .. math::

        \operatorname{LeakyReLU}(x) = \begin{cases} x & x > 0 \\ a\,x & x \le 0 \end{cases},
        \qquad
        \operatorname{LeakyReLU}'(x) = \begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}

    donde :math:`a` es ``negative_slope``. En :math:`x = 0` la derivada es :math:`a`,
    como en torch.

    Argumentos:
        input: tensor de coma flotante de cualquier forma.
        negative_slope: la pendiente :math:`a` de la parte negativa. Por defecto: ``0.01``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import leaky_relu
        >>> leaky_relu(torch.tensor([-2.0, 0.0, 3.0]), negative_slope=0.1)
        tensor([-0.2000,  0.0000,  3.0000])
    """
    require_tensor(input, "leaky_relu")
    require_floating(input, "leaky_relu")
    negative_slope = require_number(negative_slope, "leaky_relu", "negative_slope")
    return apply(_leaky_rule(negative_slope), input, inplace)


def leaky_relu_(input: Tensor, negative_slope: float = 0.01) -> Tensor:
    """Versión en el sitio de :func:`leaky_relu`."""
    return leaky_relu(input, negative_slope, inplace=True)


def _channel_view(weight: Tensor, input: Tensor) -> Tensor:
    """Da a ``weight`` la forma que se difunde sobre el canal (dimensión 1) de ``input``."""
    if weight.numel() == 1:
        return weight.reshape(())
    channels = input.shape[1] if input.dim() >= 2 else 1
    if weight.dim() != 1 or weight.numel() != channels:
        raise RuntimeError(
            f"prelu: el argumento `weight` debe tener 1 elemento o uno por canal "
            f"(dimensión 1 de `input`, tamaño {channels}); tiene {weight.numel()}."
        )
    return weight.reshape([channels] + [1] * (input.dim() - 2))


def _select_with_mask(weight: Tensor) -> bool:
    """Elegir la rama con ``torch.where``: al compilar (inductor la funde sin coste), fuera
    de la CPU (leer las pendientes detendría la GPU en cada llamada), sin valores que leer
    (``meta``, tensores falsos) o si alguna pendiente no es finita, pues la suma sin
    máscara daría ``0 * inf = nan``."""
    if kernels.unreadable(weight) or weight.device.type != "cpu":
        return True
    return not bool(weight.isfinite().all())


class _PReLU(torch.autograd.Function):
    """PReLU con ambas derivadas escritas: respecto a la entrada y a la pendiente."""

    @staticmethod
    def forward(ctx: Any, x: Tensor, weight: Tensor) -> Tensor:
        ctx.save_for_backward(x, weight)
        a = _channel_view(weight, x)
        if _select_with_mask(weight):
            return torch.where(x > 0, x, a * x)
        # max(x, 0) + a min(x, 0): x or a x, with nan kept and no boolean mask (see ``_kernels``).
        return x.clamp_max(0).mul_(a).add_(x.clamp_min(0))

    @staticmethod
    def formula(x: Tensor, weight: Tensor) -> Tensor:
        """Con la máscara y sin escribir en el sitio (``transforms.run`` bajo torch.func): las
        mismas derivadas, también en ``nan`` (``nan > 0`` es falso: pendiente ``a``)."""
        return torch.where(x > 0, x, _channel_view(weight, x) * x)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, Tensor]:
        x, weight = ctx.saved_tensors
        a = _channel_view(weight, x)
        # A second-order graph needs out-of-place products; otherwise the temporaries take them.
        graph = kernels.out_of_place(grad)
        # d/da (a x) = x on the side x <= 0 (nan included), summed where a is shared.
        per_element = x.clamp_max(0) * grad if graph else x.clamp_max(0).mul_(grad)
        if weight.numel() == 1:
            grad_weight = per_element.sum()
        else:
            grad_weight = per_element.sum(dim=[d for d in range(x.dim()) if d != 1])
        del per_element
        if _select_with_mask(weight):
            grad_x = kernels.tied(torch.where(x > 0, grad, a * grad), x)
            return grad_x, grad_weight.reshape(weight.shape)
        with torch.no_grad():  # 1 where x > 0, 0 elsewhere (nan too, as torch)
            positive = kernels.step(x, nan=0.0)
            negative = positive.neg().add_(1)
        # a (1 - s) + s is exactly a or 1, without a boolean mask (see ``_kernels``).
        if graph:
            grad_x = grad * kernels.tied(negative * a + positive, x)
        else:
            grad_x = negative.mul_(a).add_(positive).mul_(grad)
        return grad_x, grad_weight.reshape(weight.shape)


@autocast.in_lower_precision
def prelu(input: Tensor, weight: Tensor) -> Tensor:
    r"""ReLU paramétrica: la pendiente negativa :math:`a` es un parámetro que se aprende.

    .. math::

        \operatorname{PReLU}(x) = \begin{cases} x & x > 0 \\ a\,x & x \le 0 \end{cases}

    .. math::

        \frac{\partial\,\operatorname{PReLU}}{\partial x} =
            \begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases},
        \qquad
        \frac{\partial\,\operatorname{PReLU}}{\partial a} =
            \begin{cases} 0 & x > 0 \\ x & x \le 0 \end{cases}

    Con un solo parámetro, :math:`a` es común a toda la entrada; con uno por canal,
    se aplica a lo largo de la dimensión 1, como en torch.

    Argumentos:
        input: tensor de coma flotante; su dimensión 1 es la de los canales.
        weight: tensor 1-D con 1 elemento o con tantos como canales, del mismo dtype
            que ``input``.

    Forma:
        - Entrada: :math:`(*)`, con los canales en la dimensión 1 si hay más de uno.
        - ``weight``: :math:`(1)` o :math:`(C)`.
        - Salida: la forma de la entrada.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import prelu
        >>> prelu(torch.tensor([-2.0, 3.0]), torch.tensor([0.25]))
        tensor([-0.5000,  3.0000])
    """
    require_tensors("prelu", input=input, weight=weight)
    check_same_dtype(weight, input, "prelu", "weight")
    require_floating(input, "prelu")
    _channel_view(weight, input)  # validate before autograd sees it
    return transforms.run(_PReLU, input, weight)  # type: ignore[no-any-return]


def rrelu(
    input: Tensor,
    lower: float = 1.0 / 8,
    upper: float = 1.0 / 3,
    training: bool = False,
    inplace: bool = False,
) -> Tensor:
    r"""ReLU con fugas aleatorias: en entrenamiento, cada pendiente negativa se sortea.

    .. math::

        \operatorname{RReLU}(x) = \begin{cases} x & x > 0 \\ a\,x & x \le 0 \end{cases},
        \qquad a \sim \mathcal{U}(\text{lower}, \text{upper})
        \text{ en entrenamiento}, \qquad a = \frac{\text{lower} + \text{upper}}{2}
        \text{ en evaluación}.

    La derivada es :math:`\begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}`, con la
    pendiente sorteada :math:`a`. Fuera del entrenamiento es :func:`leaky_relu` con la
    pendiente media.

    En la CPU y sin compilar, con la misma semilla, las pendientes sorteadas son las de
    torch, número a número: se sortean del mismo generador y en el mismo orden.

    Argumentos:
        input: tensor de coma flotante de cualquier forma.
        lower: cota inferior de la pendiente. Por defecto: ``1/8``.
        upper: cota superior de la pendiente. Por defecto: ``1/3``.
        training: si es ``True``, sortea las pendientes. Por defecto: ``False``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import rrelu
        >>> rrelu(torch.tensor([-3.0, 1.0]), lower=0.1, upper=0.3)
        tensor([-0.6000,  1.0000])
    """
    return _rrelu(input, lower, upper, training, inplace, None)


def _rrelu(
    input: Tensor,
    lower: float,
    upper: float,
    training: bool,
    inplace: bool,
    generator: torch.Generator | None,
) -> Tensor:
    require_tensor(input, "rrelu")
    require_floating(input, "rrelu")
    lower = require_number(lower, "rrelu", "lower")
    upper = require_number(upper, "rrelu", "upper")
    for name, bound in (("lower", lower), ("upper", upper)):
        if not kernels.is_finite(bound):
            raise RuntimeError(f"rrelu: el argumento `{name}` debe ser finito; se recibió {bound}.")
    if lower > upper:
        raise RuntimeError(
            f"rrelu: el argumento `lower` ({lower}) no puede ser mayor que `upper` ({upper})."
        )
    if not inplace:  # torch's kernel works on (and returns) a contiguous tensor
        input = input.contiguous()
    if not training:
        return apply(_leaky_rule((lower + upper) / 2), input, inplace)
    with torch.no_grad():
        slope = _drawn_slopes(input, lower, upper, generator)
    stored = slope.to(input.dtype)  # the slope torch keeps for the backward pass
    rule = Rule(
        value=lambda x: (x * slope).to(x.dtype), derivative=lambda x: stored, constant_pieces=True
    )
    return apply(rule, input, inplace)


def _drawn_slopes(
    input: Tensor, lower: float, upper: float, generator: torch.Generator | None
) -> Tensor:
    r"""Las pendientes de entrenamiento: 1 donde ``x > 0`` (o es nan) y una sorteada de
    :math:`\mathcal{U}(\text{lower}, \text{upper})` donde ``x <= 0``.

    En la CPU se sortean como torch: un double por cada ``x <= 0``, en el orden de los
    elementos, redondeado al tipo en que se calcula (float32 para la media precisión). Así,
    con la misma semilla, salen las pendientes de torch bit a bit: solo intervienen un
    entero pasado a [0, 1), un producto y una suma, cada uno redondeado como allí, sea cual
    sea la CPU x86-64. Un build de torch que fundiera el producto y la suma en una FMA
    (posible en arm64) podría diferir en la última cifra.
    Fuera de la CPU, compilando, con tensores falsos o bajo torch.func (donde no se puede
    contar cuántos ``x <= 0`` hay), se sortea una por elemento: la misma distribución,
    otros números.
    """
    if input.device.type != "cpu" or kernels.unreadable(input) or transforms.transformed():
        keep = kernels.step(input, nan=1.0)  # torch's ``not x <= 0``
        slope = torch.empty_like(input).uniform_(lower, upper, generator=generator)
        return slope.mul_(keep.neg().add_(1)).add_(keep)
    dtype = torch.float32 if input.dtype in kernels.HALF_PRECISION else input.dtype
    low, high = (torch.tensor(float(bound), dtype=dtype).item() for bound in (lower, upper))
    drawn = input <= 0
    unit = torch.empty(int(drawn.sum()), dtype=torch.float64).uniform_(generator=generator)
    slope = torch.ones(input.shape, dtype=dtype)
    slope[drawn] = unit.mul_(high - low).add_(low).to(dtype)
    return slope


def rrelu_(
    input: Tensor,
    lower: float = 1.0 / 8,
    upper: float = 1.0 / 3,
    training: bool = False,
    generator: torch.Generator | None = None,
) -> Tensor:
    """Versión en el sitio de :func:`rrelu`; ``generator``, como en torch, sortea las pendientes."""
    return _rrelu(input, lower, upper, training, True, generator)


__all__ = ["leaky_relu", "leaky_relu_", "prelu", "relu", "relu_", "rrelu", "rrelu_"]
