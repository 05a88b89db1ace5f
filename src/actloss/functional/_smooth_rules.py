"""Las reglas rápidas de las activaciones suaves: el valor y la derivada de cada una.

Cada regla (:class:`~actloss.functional._pointwise.Rule`) da el valor y la derivada en
forma cerrada, escritos con las piezas de ``_kernels``: una exponencial como mucho, en el
sitio sobre sus temporales, sin máscaras booleanas, las derivadas con más de un temporal
por bloques y la media precisión en ``float32``. Las fórmulas de libro, su definición,
están en :mod:`actloss.reference`; las pruebas comparan las dos.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable

import torch
from torch import Tensor

from actloss.functional import _kernels as kernels
from actloss.functional import _transforms as transforms
from actloss.functional._pointwise import Rule, cached
from actloss.reference import _smooth as definitions

# GELU's tanh approximation: sqrt(2 / pi) and the cubic coefficient.
_GELU_BETA = math.sqrt(2.0 / math.pi)
_GELU_KAPPA = 0.044715


def _rule(
    value: Callable[[Tensor], Tensor],
    derivative: Callable[..., Tensor],
    definition: Callable[[Tensor], Tensor],
    blocks: int = 0,
) -> Rule:
    if blocks:
        derivative = kernels.low_memory(derivative, blocks)
    return Rule(
        value=kernels.in_float32(value),
        derivative=kernels.in_float32(derivative),
        definition=definition,
    )


# --- the logistic sigmoid and tanh -------------------------------------------------------


def _sigmoid_from_output(s: Tensor) -> Tensor:
    return (1 - s).mul_(s)


def _sigmoid_derivative(x: Tensor) -> Tensor:
    return _sigmoid_from_output(kernels.sigmoid(x))


def _tanh_from_output(t: Tensor) -> Tensor:
    return (t * t).neg_().add_(1)


def _tanh_derivative(x: Tensor) -> Tensor:
    return _tanh_from_output(kernels.tanh(x))


# Both derivatives read the output, as torch's backward does: y (1 - y) and 1 - y².
SIGMOID = Rule(
    value=kernels.in_float32(kernels.sigmoid),
    derivative=kernels.in_float32(_sigmoid_derivative),
    derivative_from_output=kernels.in_float32(_sigmoid_from_output),
    definition=definitions.sigmoid,
)


TANH = Rule(
    value=kernels.in_float32(kernels.tanh),
    derivative=kernels.in_float32(_tanh_derivative),
    derivative_from_output=kernels.in_float32(_tanh_from_output),
    definition=definitions.tanh,
)


# --- complex arguments ---------------------------------------------------------------------
# torch accepts complex tensors in sigmoid and tanh. The real kernels above rely on |x| and
# copysign, which mean something else there, so a complex input takes these plain forms.
# Both functions are holomorphic: the backward multiplies grad by conj(f'(z)) (see
# ``transforms.backward_factor``), with f' read from the output as for real inputs.


def _complex_sigmoid(z: Tensor) -> Tensor:
    # torch's kernel formula: where exp(-z) overflows the quotient is 0 or nan, as there.
    # reciprocal, not 1 / w: that multiplies by 1 and loses the sign of a zero part.
    return torch.reciprocal(1 + torch.exp(-z))


def _complex_tanh(z: Tensor) -> Tensor:
    r""":math:`\tanh(x + iy)` por la fórmula de Kahan, con :math:`t = \tan y`,
    :math:`s = \sinh x` y :math:`\beta = 1 + t^2`:

    .. math::

        \tanh(x + iy) = \frac{\beta\, s \sqrt{1 + s^2} + i\,t}{1 + \beta s^2}

    No resta cantidades parecidas (el cociente de exponenciales del libro pierde cifras
    cerca de los ejes). Donde :math:`\tanh|x|` redondea a 1, :math:`s^2` podría desbordar y
    el valor es :math:`\pm 1 + 4i \sin y \cos y\, e^{-2|x|}`. Los ceros son los de
    ``ctanh`` de C99, que torch llama: un :math:`z` real tiene tanh real, uno imaginario
    puro la tiene imaginaria pura, y :math:`x = \pm\infty` da :math:`\pm 1 + 0i` sea
    cual sea :math:`y`.
    """
    x, y = z.real, z.imag
    # tanh|x| = 1 - 2 e^{-2|x|} + ... rounds to 1 once e^{-2|x|} < eps / 8.
    limit = 0.5 * math.log(8 / torch.finfo(x.dtype).eps)
    far = x.abs() > limit
    # Clamped so that the branch torch.where discards stays finite: torch.func differentiates
    # this formula for the second derivative, and 0 * inf there would be nan.
    t, s = torch.tan(y), torch.sinh(x.clamp(-limit, limit))
    beta = 1 + t * t
    denominator = 1 + beta * s * s
    real = beta * s * torch.sqrt(1 + s * s) / denominator
    imaginary = t / denominator
    # Far out, ±1 + a tail; but a finite x with y = ±inf or nan gives nan, as in C99.
    one = torch.copysign(torch.ones_like(x), x)
    real = torch.where(far & (y.isfinite() | x.isinf()), one, real)
    tail = 4 * torch.sin(y) * torch.cos(y) * torch.exp(-2 * x.abs())
    imaginary = torch.where(far, tail, imaginary)
    # On finite axes the formula already gives the signed zeros; C99 also keeps them when
    # the other part is not finite.
    real = torch.where((x == 0) & ~y.isfinite(), x, real)
    imaginary = torch.where((y == 0) & x.isnan(), y, imaginary)
    imaginary = torch.where(
        x.isinf() & ~y.isfinite(), torch.copysign(torch.zeros_like(y), y), imaginary
    )
    return torch.complex(real, imaginary)


COMPLEX_SIGMOID = Rule(
    value=_complex_sigmoid,
    derivative=lambda z: _sigmoid_from_output(_complex_sigmoid(z)),
    derivative_from_output=_sigmoid_from_output,
    definition=_complex_sigmoid,  # plain operations: autograd derives it right
)
COMPLEX_TANH = Rule(
    value=_complex_tanh,
    derivative=lambda z: _tanh_from_output(_complex_tanh(z)),
    derivative_from_output=_tanh_from_output,
    definition=_complex_tanh,  # its where() branches stay finite: autograd derives it right
)


# --- softsign, logsigmoid and softplus ------------------------------------------------------


def _softsign(x: Tensor) -> Tensor:
    return x / (1 + x.abs())


def _softsign_derivative(x: Tensor) -> Tensor:
    # 1/(1+|x|)^2 written as (1 - |x/(1+|x|)|)^2, on one temporary: at x = ±inf the
    # quotient is nan, and so is torch's gradient (it differentiates the same quotient).
    q = kernels.writable(x.abs().add_(1).reciprocal_()).mul_(x).abs_()
    return q.neg_().add_(1).square_()


SOFTSIGN = _rule(_softsign, _softsign_derivative, definitions.softsign)


def _logsigmoid_derivative(x: Tensor) -> Tensor:
    return kernels.sigmoid(x, -1.0)  # sigma(-x), on one temporary


LOGSIGMOID = _rule(kernels.logsigmoid, _logsigmoid_derivative, definitions.logsigmoid)


@cached
def softplus(beta: float, threshold: float) -> Rule:
    # Above the threshold (beta x > threshold) softplus is x to working precision, and
    # exp(beta x) is never evaluated where it is used: the same switch torch makes.
    definition = functools.partial(definitions.softplus, beta=beta, threshold=threshold)
    if not (beta > 0 and -math.inf < threshold <= 50):  # unusual parameters: torch's formula
        return _rule(*_softplus_selected(beta, threshold), definition)
    # The switch without masks (see ``_kernels``): where ``above`` is 1, the exponent is
    # lowered by ``big`` so that exp gives exactly 0, which leaves only the x term.
    big = abs(threshold) + 1000.0

    def scaled(x: Tensor, shift: float = 0.0) -> Tensor:
        """Un tensor nuevo ``beta x - shift``, con el redondeo de ``beta x`` de torch."""
        return x - shift if beta == 1 else x.mul(beta).sub_(shift)

    def value(x: Tensor) -> Tensor:
        above = kernels.step_(scaled(x, threshold))  # 1 where torch returns x
        exponent = scaled(x).clamp_max_(threshold).sub_(above, alpha=big)
        soft = kernels.writable(kernels.exp_(exponent)).log1p_()
        if beta != 1:
            soft.div_(beta)
        # Plus x where torch returns x; -inf * 0 (below the threshold) is a nan made 0.
        return soft.add_(kernels.fill_nan(kernels.writable(above).mul_(x), 0.0))

    def derivative(x: Tensor) -> Tensor:
        # sigma(beta x) = 1/(1 + e^{-beta x}) below the threshold, 1 above it; on one
        # temporary: the step, built in place, is then scaled.
        z = kernels.step_(scaled(x, threshold))
        return kernels.sigmoid_of_sum_(z, big, x, beta)

    return _rule(value, derivative, definition)


def _softplus_selected(
    beta: float, threshold: float
) -> tuple[Callable[[Tensor], Tensor], Callable[[Tensor], Tensor]]:
    def value(x: Tensor) -> Tensor:
        bx = x * beta
        return torch.where(bx > threshold, x, torch.log1p(torch.exp(bx)) / beta)

    def derivative(x: Tensor) -> Tensor:
        # torch's z / (z + 1) with z = e^{beta x}: nan where beta x = inf is not above the
        # threshold (inf or nan), 0 at beta x = -inf.
        bx = x * beta
        z = torch.exp(bx)
        return torch.where(bx > threshold, x.new_ones(()), z / (z + 1))

    return value, derivative


# --- SiLU, Mish and GELU -----------------------------------------------------------------


def _silu(x: Tensor) -> Tensor:
    return kernels.writable(kernels.sigmoid(x)).mul_(x)


def _silu_derivative(x: Tensor, out: Tensor | None = None) -> Tensor:
    # sigma (1 + x (1 - sigma)), in this order (as torch): no cancellation for large x.
    s = kernels.sigmoid(x, out=out)
    return kernels.writable(s).mul_((1 - s).mul_(x).add_(1))


SILU = _rule(_silu, _silu_derivative, definitions.silu, blocks=4)


def _tanh_softplus(x: Tensor, out: Tensor | None = None) -> tuple[Tensor, Tensor]:
    # tanh(log(1 + e^x)) = n / (n + 2) with n = e^x (e^x + 2); from x = 20 on it is 1
    # in float64 too, so the exponent stops there.
    e = kernels.exp_(x.clamp_max(20))
    n = (e + 2).mul_(e) if out is None else torch.add(e, 2, out=out).mul_(e)
    return kernels.writable(n).div_(n + 2), e


def _mish(x: Tensor) -> Tensor:
    t, _ = _tanh_softplus(x)
    return kernels.writable(t).mul_(x)


def _mish_derivative(x: Tensor, out: Tensor | None = None) -> Tensor:
    # t + x sigma(x) (1 - t²), with sigma(x) = e / (1 + e) from the same exponential (it
    # only matters below x = 20, where 1 - t² is not 0).
    t, e = _tanh_softplus(x, out)
    xs = kernels.writable(e).div_(e + 1).mul_(x)
    if transforms.transformed():  # vmap has no batching rule for addcmul_
        return t + xs * (1 - t * t)
    return kernels.writable(t).addcmul_(xs, (t * t).neg_().add_(1))


MISH = _rule(_mish, _mish_derivative, definitions.mish, blocks=8)


def _normal_cdf(x: Tensor, out: Tensor | None = None) -> Tensor:
    return kernels.scaled(x, math.sqrt(0.5), out).erf_().add_(1).mul_(0.5)


def _gelu_exact(x: Tensor) -> Tensor:
    return _normal_cdf(x).mul_(x)


def _gelu_exact_derivative(x: Tensor, out: Tensor | None = None) -> Tensor:
    density = kernels.writable(kernels.exp_(x.square(), -0.5)).mul_(1 / math.sqrt(2 * math.pi))
    if transforms.transformed():  # vmap has no batching rule for addcmul_
        return _normal_cdf(x, out) + x * density
    return _normal_cdf(x, out).addcmul_(x, density)


def _gelu_tanh_sigmoid(x: Tensor, out: Tensor | None = None) -> Tensor:
    """``(1 + tanh u) / 2 = sigma(2u)``, with one exponential instead of tanh."""
    square = x.square() if out is None else torch.mul(x, x, out=out)
    return kernels.sigmoid_(square.mul_(_GELU_KAPPA).add_(1).mul_(x), 2 * _GELU_BETA)


def _gelu_tanh(x: Tensor) -> Tensor:
    return kernels.writable(_gelu_tanh_sigmoid(x)).mul_(x)


def _gelu_tanh_derivative(x: Tensor, out: Tensor | None = None) -> Tensor:
    # With s = sigma(2u): s + x s (1 - s) 2u', that is s (1 + w (1 - s)) with w = 2 x u'.
    s = _gelu_tanh_sigmoid(x, out)
    w = x.square().mul_(3 * _GELU_KAPPA).add_(1).mul_(x).mul_(2 * _GELU_BETA)
    return kernels.writable(s).mul_((1 - s).mul_(w).add_(1))


GELU_TANH = _rule(
    _gelu_tanh,
    _gelu_tanh_derivative,
    functools.partial(definitions.gelu, approximate="tanh"),
    blocks=8,
)
GELU_EXACT = _rule(_gelu_exact, _gelu_exact_derivative, definitions.gelu, blocks=4)


# --- ELU, CELU and SELU ------------------------------------------------------------------


def _refuse_inplace_negative(alpha: float, inplace: bool) -> None:
    if inplace and alpha < 0:
        raise RuntimeError(
            "elu: con `inplace=True` el argumento `alpha` no puede ser negativo si se "
            "retropropaga (torch tampoco lo admite); use la versión que no escribe "
            "en el sitio."
        )


def _elu_definition(alpha: float, scale: float, input_scale: float) -> Callable[[Tensor], Tensor]:
    return functools.partial(definitions.elu_, alpha=alpha, scale=scale, input_scale=input_scale)


@cached
def elu(alpha: float, scale: float = 1.0, input_scale: float = 1.0, inplace: bool = False) -> Rule:
    """``scale·x`` si ``x > 0``; ``alpha·scale·(exp(input_scale·x) − 1)`` si no.

    Como torch, la versión en el sitio con ``alpha < 0`` no se puede retropropagar.
    """

    negative_scale = alpha * scale
    slope = negative_scale * input_scale  # the derivative's limit at 0 from the left
    if not kernels.is_finite(alpha):
        return _elu_nonfinite(alpha, scale, input_scale, inplace)

    def value(x: Tensor) -> Tensor:
        # scale max(x, 0) + alpha scale expm1(input_scale min(x, 0)): no mask, and the
        # branch not taken adds exactly 0 (expm1(0) = 0, max(x, 0) = 0).
        negative = x.clamp_max(0)
        if input_scale != 1:
            negative.mul_(input_scale)
        negative = kernels.writable(negative.expm1_())
        if negative_scale != 1:
            negative.mul_(negative_scale)
        return negative.add_(x.clamp_min(0), alpha=scale)

    def exp_branch(x: Tensor, out: Tensor | None) -> Tensor:
        # slope e^{input_scale min(x, 0)}: the derivative for x <= 0, and slope for x > 0.
        negative = x.clamp_max(0) if out is None else torch.clamp_max(x, 0, out=out)
        e = kernels.exp_(negative, input_scale)
        return kernels.writable(e).mul_(slope) if slope != 1 else e

    def derivative(x: Tensor, out: Tensor | None = None) -> Tensor:
        _refuse_inplace_negative(alpha, inplace)
        d = exp_branch(x, out)
        if slope != scale and transforms.transformed():  # vmap has no batching rule for lerp_
            d = torch.lerp(d, x.new_tensor(scale), kernels.step(x))
        elif slope != scale:  # the two sides differ at 0: scale where x > 0
            d = kernels.writable(d).lerp_(x.new_tensor(scale), kernels.step(x))
        # torch sends nan to the positive branch of the gradient (``x <= 0`` is false).
        return kernels.fill_nan(kernels.writable(d), scale)

    definition = _elu_definition(alpha, scale, input_scale)
    return _rule(value, derivative, definition, blocks=4 if alpha * input_scale != 1 else 0)


def _elu_nonfinite(alpha: float, scale: float, input_scale: float, inplace: bool) -> Rule:
    """ELU con ``alpha`` infinito o ``nan``, como torch: elige la rama con máscaras.

    La regla sin máscaras suma ``alpha·expm1(0) = inf·0 = nan`` también donde ``x >= 0``;
    torch da ahí ``scale·x`` (y ``x`` en ``x = 0``).
    """
    negative_scale, slope = alpha * scale, alpha * scale * input_scale

    def value(x: Tensor) -> Tensor:
        negative = torch.expm1(x * input_scale) * negative_scale
        return torch.where(x > 0, x * scale, torch.where(x == 0, x, negative))

    def derivative(x: Tensor) -> Tensor:
        _refuse_inplace_negative(alpha, inplace)
        # ``not x <= 0`` takes the positive branch, nan included, as torch does.
        return torch.where(x <= 0, torch.exp(x * input_scale) * slope, x.new_tensor(scale))

    definition = _elu_definition(alpha, scale, input_scale)
    return _rule(value, derivative, definition)
