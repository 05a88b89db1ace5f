"""Activaciones lineales a trozos y de encogimiento, desde primeros principios.

Threshold, Hardtanh, ReLU6, Hardsigmoid, Hardswish y los *shrink* (Hardshrink,
Softshrink, Tanhshrink). Cada una declara su valor y su derivada en forma cerrada
con :class:`~actloss.functional._pointwise.Rule`; en los pliegues se usa la misma
derivada que torch, que cada docstring enuncia.
"""

from __future__ import annotations

import functools

import torch
from torch import Tensor

from actloss._validation import (
    refuse_bool,
    require_number,
    require_real_floating_tensor,
    require_tensor,
)
from actloss.functional import _kernels as kernels
from actloss.functional import _transforms as transforms
from actloss.functional._pointwise import Rule, apply, cached
from actloss.reference import _piecewise as definitions


def _apply(rule: Rule, input: Tensor, inplace: bool = False) -> Tensor:
    """:func:`apply`, pero ``float16`` y ``bfloat16`` se evalúan en ``float32``.

    Así lo hace torch: sus umbrales (``threshold``, ``lambd``...) se comparan en
    ``float32``, no redondeados a la precisión de la entrada.
    """
    evaluate = kernels.in_float32(functools.partial(apply, rule))
    if inplace and input.dtype in kernels.HALF_PRECISION:  # computed on a float32 copy
        return input.copy_(evaluate(input))
    return evaluate(input, inplace)


def _in_dtype_of(x: Tensor, fn: str, **scalars: float) -> list[Tensor]:
    """Los escalares con el dtype de ``x``, como los convierte torch; uno que no cabe (un
    infinito en un entero) falla con ``RuntimeError``, como en torch, y se nombra."""
    converted = []
    for name, scalar in scalars.items():
        if isinstance(scalar, Tensor):  # torch reads a 0-D tensor's value (new_tensor warns)
            scalar = scalar.item()
        try:
            converted.append(x.new_tensor(scalar))
        except RuntimeError:
            raise RuntimeError(
                f"{fn}: el argumento `{name}` debe caber en el dtype {x.dtype} de `input`; "
                f"se recibió {scalar}."
            ) from None
    return converted


def _indicator(mask: Tensor, like: Tensor, scale: float = 1.0) -> Tensor:
    """``scale`` donde ``mask`` es cierto y 0 en el resto, con el dtype de ``like``."""
    return torch.where(mask, like.new_tensor(scale), like.new_zeros(()))


@cached
def _threshold_rule(threshold: float, value: float, fn: str) -> Rule:
    def masked_value(x: Tensor) -> Tensor:
        refuse_bool(x, fn, NotImplementedError)  # only integer inputs and these bounds come here
        # The scalars take the input's dtype first, as torch's kernel does (also for ints).
        bound, fill = _in_dtype_of(x, fn, threshold=threshold, value=value)
        return torch.where(x <= bound, fill, x)

    def masked_derivative(x: Tensor) -> Tensor:
        # ``not x <= threshold``: nan lets the gradient through, as in torch.
        return _indicator(~(x <= threshold), x)

    if not (kernels.is_finite(threshold) and kernels.is_finite(value)):
        return Rule(masked_value, masked_derivative, constant_pieces=True)

    def value_fn(x: Tensor) -> Tensor:
        if not x.is_floating_point():
            return masked_value(x)
        # keep * max(x, θ) + (1 - keep) * v, with keep = [x > θ] written as floats (nan
        # gives 0, and nan * 0 is nan): exactly x or v; the clamp keeps -inf out of 0 * inf.
        # No boolean tensor (see ``_kernels``); the backward does not reuse it.
        keep = kernels.greater(x.detach(), threshold)
        kept = x.clamp_min(threshold)
        if kernels.recorded(kept):
            return kept * keep + (value - value * keep)
        # keep - 1 is -1 where v belongs and 0 (times -v: ±0) where x does.
        return kept.mul_(keep).add_(keep.sub_(1), alpha=-value)

    return Rule(
        value_fn,
        # 1 where ``not x <= θ`` (nan included, as in torch).
        derivative=lambda x: kernels.not_at_most(x, threshold),
        constant_pieces=True,
    )


def threshold(input: Tensor, threshold: float, value: float, inplace: bool = False) -> Tensor:
    r"""Umbral: deja pasar :math:`x` si supera el umbral y, si no, lo sustituye por un valor fijo.

    .. math::

        y = \begin{cases} x & x > \theta \\ v & x \le \theta \end{cases}, \qquad
        \frac{dy}{dx} = \begin{cases} 1 & x > \theta \\ 0 & x \le \theta \end{cases}

    donde :math:`\theta` es ``threshold`` y :math:`v` es ``value``. En
    :math:`x = \theta` la derivada es 0, como en torch. Por debajo del umbral la
    salida es constante, así que no pasa gradiente.

    Argumentos:
        input: tensor de cualquier forma; también acepta enteros, como torch.
        threshold: el umbral :math:`\theta`. Obligatorio, sin valor por defecto.
        value: el valor :math:`v` que sustituye a las entradas que no superan el
            umbral. Obligatorio, sin valor por defecto.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import threshold
        >>> threshold(torch.tensor([-1.0, 0.5, 2.0]), 0.5, -3.0)
        tensor([-3., -3.,  2.])
    """
    return _apply(_checked_threshold_rule(input, threshold, value, "threshold"), input, inplace)


def threshold_(input: Tensor, threshold: float, value: float) -> Tensor:
    """Versión en el sitio de :func:`threshold`."""
    rule = _checked_threshold_rule(input, threshold, value, "threshold_")
    return _apply(rule, input, inplace=True)


def _checked_threshold_rule(input: Tensor, threshold: float, value: float, fn: str) -> Rule:
    require_tensor(input, fn)
    threshold = require_number(threshold, fn, "threshold")
    value = require_number(value, fn, "value")
    return _threshold_rule(threshold, value, fn)


@cached
def _hardtanh_rule(min_val: float, max_val: float, fn: str) -> Rule:
    def value_fn(x: Tensor) -> Tensor:
        if x.is_floating_point():  # clamp keeps nan
            return x.clamp(min_val, max_val)
        refuse_bool(x, fn, RuntimeError)
        # Integer input: the bounds take its dtype first, as torch casts them.
        return torch.clamp(x, *_in_dtype_of(x, fn, min_val=min_val, max_val=max_val))

    if kernels.is_nan(min_val) or kernels.is_nan(max_val):  # the output is nan; torch's gradient 0
        return Rule(value_fn, derivative=torch.zeros_like, constant_pieces=True)

    def derivative(t: Tensor) -> Tensor:
        # 1 strictly inside, 0 at both corners and beyond, as in torch; nan lets the
        # gradient through, as torch's scalar kernel does (its vectorized kernel gives 0).
        # The output is strictly inside exactly where the input is: either one serves.
        return kernels.interval(t, min_val, max_val, 1.0, 0.0, open=True, nan=1.0)

    return Rule(value_fn, derivative, derivative_from_output=derivative, constant_pieces=True)


def hardtanh(
    input: Tensor, min_val: float = -1.0, max_val: float = 1.0, inplace: bool = False
) -> Tensor:
    r"""Tangente hiperbólica dura: la identidad recortada al intervalo ``[min_val, max_val]``.

    .. math::

        y = \min(\max(x, a), b)
          = \begin{cases} a & x < a \\ x & a \le x \le b \\ b & x > b \end{cases},
        \qquad
        \frac{dy}{dx} = \begin{cases} 1 & a < x < b \\ 0 & \text{en otro caso} \end{cases}

    con :math:`a` = ``min_val`` y :math:`b` = ``max_val``. En las esquinas
    :math:`x = a` y :math:`x = b` la derivada es 0, como en torch. En una entrada
    ``nan`` el gradiente pasa, como en el kernel escalar de torch (el vectorizado da 0).

    Argumentos:
        input: tensor de cualquier forma; también acepta enteros, como torch.
        min_val: extremo inferior :math:`a`. Por defecto: ``-1.0``.
        max_val: extremo superior :math:`b`. Por defecto: ``1.0``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import hardtanh
        >>> hardtanh(torch.tensor([-3.0, 0.25, 3.0]))
        tensor([-1.0000,  0.2500,  1.0000])
    """
    return _hardtanh(input, min_val, max_val, inplace, "hardtanh")


def hardtanh_(input: Tensor, min_val: float = -1.0, max_val: float = 1.0) -> Tensor:
    """Versión en el sitio de :func:`hardtanh`."""
    return _hardtanh(input, min_val, max_val, True, "hardtanh_")


def _hardtanh(input: Tensor, min_val: float, max_val: float, inplace: bool, fn: str) -> Tensor:
    require_tensor(input, fn)
    min_val = require_number(min_val, fn, "min_val")
    max_val = require_number(max_val, fn, "max_val")
    if min_val > max_val:
        raise ValueError(
            f"{fn}: el argumento `min_val` ({min_val}) no puede ser mayor que "
            f"`max_val` ({max_val})."
        )
    return _apply(_hardtanh_rule(min_val, max_val, fn), input, inplace)


def relu6(input: Tensor, inplace: bool = False) -> Tensor:
    r"""ReLU6: un ReLU cuya salida no pasa de 6; es :func:`hardtanh` con ``(0, 6)``.

    .. math::

        \operatorname{ReLU6}(x) = \min(\max(0, x), 6), \qquad
        \operatorname{ReLU6}'(x) = \begin{cases} 1 & 0 < x < 6 \\ 0 & \text{en otro caso}
        \end{cases}

    En :math:`x = 0` y :math:`x = 6` la derivada es 0, como en torch; ``nan`` se trata
    como en :func:`hardtanh`.

    Argumentos:
        input: tensor de cualquier forma; también acepta enteros, como torch.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import relu6
        >>> relu6(torch.tensor([-1.0, 3.0, 10.0]))
        tensor([0., 3., 6.])
    """
    return _hardtanh(input, 0.0, 6.0, inplace, "relu6")


def _hardsigmoid_value(x: Tensor) -> Tensor:
    if transforms.transformed():  # vmap has no batching rule for clamp_: out of place
        return (x + 3).clamp(0, 6) / 6
    return (x + 3).clamp_(0, 6).div_(6)


_HARDSIGMOID = Rule(
    value=_hardsigmoid_value,
    # Strict inequalities: 0 at x = ±3 and for nan, as in torch.
    derivative=lambda x: kernels.interval(x, -3.0, 3.0, 1 / 6, 0.0, open=True, nan=0.0),
    constant_pieces=True,
)


def hardsigmoid(input: Tensor, inplace: bool = False) -> Tensor:
    r"""Sigmoide dura: la aproximación lineal a trozos de la sigmoide.

    .. math::

        y = \frac{\min(\max(x + 3, 0), 6)}{6}
          = \begin{cases} 0 & x \le -3 \\ x/6 + 1/2 & -3 < x < 3 \\ 1 & x \ge 3 \end{cases},
        \qquad
        \frac{dy}{dx} = \begin{cases} 1/6 & -3 < x < 3 \\ 0 & \text{en otro caso} \end{cases}

    En los pliegues :math:`x = \pm 3` la derivada es 0, como en torch.

    Argumentos:
        input: tensor de coma flotante de cualquier forma.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import hardsigmoid
        >>> hardsigmoid(torch.tensor([-4.0, 0.0, 1.5, 4.0]))
        tensor([0.0000, 0.5000, 0.7500, 1.0000])
    """
    require_real_floating_tensor(input, "hardsigmoid")
    return _apply(_HARDSIGMOID, input, inplace)


def _hardswish_derivative(x: Tensor) -> Tensor:
    # torch: 0 up to and including -3, x/3 + 1/2 inside, 1 from 3 on (and for nan).
    # One temporary and no boolean mask (see ``_kernels``): x / 1 inside and x / (+0) = ∓inf
    # at the ends; after the formula, nan_to_num sends -inf to 0 and +inf (and nan) to 1.
    if kernels.compiled():
        # Fused by inductor, comparisons on x cost nothing: the backward keeps x for x/3,
        # so no mask is saved (see ``_kernels``). A nan fails both tests and lands on 1.
        inside = torch.where(x > -3, x / 3 + 0.5, 0.0)
        return torch.where(x < 3, inside, 1.0)
    with torch.no_grad():  # a nan input stays nan / 0 = nan whatever its indicator
        inside = kernels.interval(x, -3.0, 3.0, 1.0, 0.0, open=True, nan=0.0)
    spread = x / inside if kernels.recorded(x) else torch.div(x, inside, out=inside)
    return spread.div_(3).add_(0.5).nan_to_num_(nan=1.0, posinf=1.0, neginf=0.0)


def _hardswish_value(x: Tensor) -> Tensor:
    if transforms.transformed():  # as _hardsigmoid_value
        return (x + 3).clamp(0, 6) * x / 6
    return (x + 3).clamp_(0, 6).mul_(x).div_(6)


_HARDSWISH = Rule(
    value=_hardswish_value,
    derivative=_hardswish_derivative,
    definition=definitions.hardswish,
)


def hardswish(input: Tensor, inplace: bool = False) -> Tensor:
    r"""Hardswish: :math:`x` por la sigmoide dura, la aproximación lineal a trozos de SiLU.

    .. math::

        y = x \cdot \frac{\min(\max(x + 3, 0), 6)}{6}, \qquad
        \frac{dy}{dx} = \begin{cases} 0 & x \le -3 \\ x/3 + 1/2 & -3 < x < 3 \\
        1 & x \ge 3 \end{cases}

    La derivada salta en :math:`x = \pm 3`; como torch, se toma 0 en
    :math:`x = -3` y 1 en :math:`x = 3`. En una entrada ``nan`` vale 1, como en el
    kernel escalar de torch (el vectorizado da ``nan``).

    Argumentos:
        input: tensor de coma flotante de cualquier forma.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import hardswish
        >>> hardswish(torch.tensor([-4.0, 0.0, 1.5, 4.0]))
        tensor([-0.0000,  0.0000,  1.1250,  4.0000])
    """
    require_real_floating_tensor(input, "hardswish")
    return _apply(_HARDSWISH, input, inplace)


def _outside(x: Tensor, lambd: float) -> Tensor:
    """``not |x| <= lambd`` en el dtype de ``x``: cierto para nan, como en el kernel escalar."""
    bound = x.new_tensor(lambd)
    return ~((x >= -bound) & (x <= bound))


def _beyond(x: Tensor, lambd: float) -> Tensor:
    """1 donde no es :math:`|x| \\le \\lambda` (``nan`` incluido), 0 donde sí."""
    return kernels.not_at_most(x.abs(), lambd, fresh=True)


@cached
def _hardshrink_rule(lambd: float) -> Rule:
    if kernels.is_nan(lambd):  # nothing is inside: the value is x, but torch's gradient is 0
        return Rule(value=torch.clone, derivative=torch.zeros_like, constant_pieces=True)
    if not kernels.is_finite(lambd):  # |x| - λ would be nan at |x| = λ = inf
        return Rule(
            # ``not outside`` is false for nan, so nan passes through as in torch.
            value=lambda x: torch.where(~_outside(x, lambd), x.new_zeros(()), x),
            derivative=lambda x: _indicator(_outside(x, lambd), x),
            constant_pieces=True,
        )

    def value(x: Tensor) -> Tensor:
        # x times [|x| > λ] as floats (see ``kernels.greater``): 0 inside, x beyond, nan kept
        # (nan * 0); adding 0 turns the -0 of a small negative x into torch's +0.
        if transforms.transformed():  # vmap has no batching rule for gt_: out of place
            keep = (x.detach().abs() > lambd).to(x.dtype)
        else:
            keep = x.detach().abs().gt_(lambd)
        return x * keep + 0.0 if kernels.recorded(x) else keep.mul_(x).add_(0.0)

    # The gradient passes where ``not |x| <= λ``, nan included, as in torch's scalar kernel.
    return Rule(value, lambda x: _beyond(x, lambd), constant_pieces=True)


def hardshrink(input: Tensor, lambd: float = 0.5) -> Tensor:
    r"""Encogimiento duro: anula las entradas de magnitud hasta :math:`\lambda` y deja el resto.

    .. math::

        y = \begin{cases} x & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}, \qquad
        \frac{dy}{dx} = \begin{cases} 1 & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}

    En :math:`x = \pm\lambda` la derivada es 0, como en torch. En una entrada ``nan`` el
    gradiente pasa, como en el kernel escalar de torch (el vectorizado da 0).

    Argumentos:
        input: tensor de coma flotante de cualquier forma.
        lambd: el umbral :math:`\lambda`. Por defecto: ``0.5``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import hardshrink
        >>> hardshrink(torch.tensor([-1.0, 0.3, 0.5, 2.0]))
        tensor([-1.,  0.,  0.,  2.])
    """
    require_real_floating_tensor(input, "hardshrink")
    lambd = require_number(lambd, "hardshrink", "lambd")
    return _apply(_hardshrink_rule(lambd), input)


def softshrink(input: Tensor, lambd: float = 0.5) -> Tensor:
    r"""Encogimiento suave: acerca cada entrada a 0 en :math:`\lambda` y anula las pequeñas.

    .. math::

        y = \operatorname{sign}(x) \max(|x| - \lambda, 0)
          = \begin{cases} x - \lambda & x > \lambda \\ x + \lambda & x < -\lambda \\
        0 & |x| \le \lambda \end{cases}, \qquad
        \frac{dy}{dx} = \begin{cases} 1 & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}

    Es el operador proximal de :math:`\lambda \lVert \cdot \rVert_1`: un paso de
    ISTA. En :math:`x = \pm\lambda` la derivada es 0, como en torch. En una entrada
    ``nan`` el gradiente pasa, como en el kernel escalar de torch (el vectorizado da 0).

    Argumentos:
        input: tensor de coma flotante de cualquier forma.
        lambd: el umbral :math:`\lambda \ge 0`. Por defecto: ``0.5``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import softshrink
        >>> softshrink(torch.tensor([-1.0, 0.3, 2.0]))
        tensor([-0.5000,  0.0000,  1.5000])
    """
    require_real_floating_tensor(input, "softshrink")
    lambd = require_number(lambd, "softshrink", "lambd")
    # torch's range: [0, the largest finite number of the input's dtype].
    if not 0 <= lambd <= 65504.0 and not 0 <= lambd <= torch.finfo(input.dtype).max:
        raise RuntimeError(
            "softshrink: el argumento `lambd` debe estar entre 0 y el mayor número finito de "
            f"{input.dtype}; se recibió {lambd}."
        )

    return _apply(_softshrink_rule(lambd), input)


@cached
def _softshrink_rule(lambd: float) -> Rule:
    def value(x: Tensor) -> Tensor:
        # x - clamp(x, -λ, λ): x - λ above, x + λ below, 0 between, nan kept; no mask.
        clamped = x.clamp(-lambd, lambd)
        return x - clamped if kernels.recorded(clamped) else clamped.neg_().add_(x)

    return Rule(value, derivative=lambda x: _beyond(x, lambd), constant_pieces=True)


def _tanh_of(x: Tensor) -> Tensor:
    # actloss's tanh (one expm1) is cheaper than torch.tanh on this CPU: a third of it
    # compiled, slightly less without compiling. In half precision torch.tanh, which rounds
    # once, as torch's tanhshrink does.
    return kernels.tanh(x) if x.dtype in (torch.float32, torch.float64) else torch.tanh(x)


def _tanh_squared(x: Tensor) -> Tensor:
    # d/dx (x - tanh x) = 1 - (1 - tanh² x) = tanh² x (tanh's backward reads its output).
    t = _tanh_of(x)
    return t.square() if kernels.recorded(t) else t.square_()


def _tanhshrink_value(x: Tensor) -> Tensor:
    t = _tanh_of(x)
    return x - t if kernels.recorded(t) else t.neg_().add_(x)


def _tanhshrink_and_tanh(x: Tensor) -> tuple[Tensor, Tensor]:
    # tanh is the costly part: computed once and kept for the backward, as torch does.
    t = _tanh_of(x)
    return x - t, t


def _tanhshrink_definition(x: Tensor) -> Tensor:
    # The reference is written for real numbers; a complex x takes torch.tanh, as the value.
    return x - torch.tanh(x) if x.is_complex() else definitions.tanhshrink(x)


_TANHSHRINK = Rule(
    value=_tanhshrink_value,
    derivative=_tanh_squared,
    value_and_state=_tanhshrink_and_tanh,
    derivative_from_state=torch.square,
    definition=_tanhshrink_definition,
)


def tanhshrink(input: Tensor) -> Tensor:
    r"""Tanhshrink: lo que le falta a la tangente hiperbólica para ser la identidad.

    .. math::

        y = x - \tanh(x), \qquad \frac{dy}{dx} = \tanh^2(x)

    Es suave en todas partes: no tiene pliegues. Con entrada entera devuelve
    coma flotante, como torch.

    Argumentos:
        input: tensor de cualquier forma.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import tanhshrink
        >>> tanhshrink(torch.tensor([0.0, 1.0, 10.0]))
        tensor([0.0000, 0.2384, 9.0000])
    """
    # torch computes ``input - input.tanh()`` in the input dtype, half precision included;
    # so it asks a non-tensor for ``tanh`` (AttributeError).
    require_tensor(input, "tanhshrink", error=AttributeError)
    return apply(_TANHSHRINK, input)


__all__ = [
    "hardshrink",
    "hardsigmoid",
    "hardswish",
    "hardtanh",
    "hardtanh_",
    "relu6",
    "softshrink",
    "tanhshrink",
    "threshold",
    "threshold_",
]
