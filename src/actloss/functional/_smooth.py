"""Activaciones suaves, desde primeros principios.

Sigmoide, tanh, softsign, logsigmoid, softplus, SiLU, Mish, GELU, ELU, CELU y SELU.
Cada una declara su valor y su derivada en forma cerrada (una :class:`Rule`), y la
retropropagación usa esa derivada escrita. Las fórmulas se escriben en su forma
estable: ninguna da ``nan`` ni pierde el límite cuando :math:`|x|` es grande (la
sigmoide deja que :math:`e^{-x}` desborde a infinito, que da exactamente su límite 0).

Para gastar poco, cada fórmula usa a lo sumo una exponencial, trabaja en el sitio sobre
sus temporales, no crea máscaras booleanas y evalúa por bloques las derivadas que
necesitan más de un temporal; en ``float16`` y ``bfloat16`` calcula en ``float32``. Esas
piezas, y su porqué, están en ``actloss.functional._kernels``.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import torch
from torch import Tensor

from actloss._validation import require_floating
from actloss.functional import _kernels as kernels
from actloss.functional._pointwise import Rule, apply

# SELU's constants (Klambauer et al., 2017), to the precision torch uses.
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946

# GELU's tanh approximation: sqrt(2 / pi) and the cubic coefficient.
_GELU_BETA = math.sqrt(2.0 / math.pi)
_GELU_KAPPA = 0.044715


def _rule(
    value: Callable[[Tensor], Tensor],
    derivative: Callable[..., Tensor],
    blocks: int = 0,
) -> Rule:
    if blocks:
        derivative = kernels.low_memory(derivative, blocks)
    return Rule(value=kernels.in_float32(value), derivative=kernels.in_float32(derivative))


def _as_floating(input: Tensor, fn: str) -> Tensor:
    """Los enteros pasan al dtype por defecto, como en ``torch.sigmoid`` y ``torch.tanh``.

    Los complejos, que torch acepta aquí, se rechazan: las fórmulas estables usan
    :math:`|x|` y darían un número equivocado.
    """
    if input.is_complex():
        raise NotImplementedError(
            f"{fn}: el argumento `input` no puede ser complejo en actloss; "
            f"se recibió dtype {input.dtype}."
        )
    if input.is_floating_point():
        return input
    return input.to(torch.get_default_dtype())


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
_SIGMOID = Rule(
    value=kernels.in_float32(kernels.sigmoid),
    derivative=kernels.in_float32(_sigmoid_derivative),
    derivative_from_output=kernels.in_float32(_sigmoid_from_output),
)
_TANH = Rule(
    value=kernels.in_float32(kernels.tanh),
    derivative=kernels.in_float32(_tanh_derivative),
    derivative_from_output=kernels.in_float32(_tanh_from_output),
)


def sigmoid(input: Tensor) -> Tensor:
    r"""Sigmoide logística: aplasta la recta real en el intervalo :math:`(0, 1)`.

    .. math::

        \sigma(x) = \frac{1}{1 + e^{-x}}, \qquad \sigma'(x) = \sigma(x)\,(1 - \sigma(x))

    Se evalúa como :math:`1/(1 + e^{-x})`, igual que el núcleo de torch: donde
    :math:`e^{-x}` desborda a :math:`\infty` el resultado es exactamente 0, su límite, y
    nunca ``nan``. Es la misma función que ``torch.nn.functional.sigmoid`` (y que
    ``torch.sigmoid``, sin ``out``).

    Argumentos:
        input: tensor de cualquier forma; los enteros pasan al dtype por defecto,
            como en torch.

    Forma:
        La salida tiene la forma de la entrada.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import sigmoid
        >>> sigmoid(torch.tensor([-1000.0, 0.0, 1000.0]))
        tensor([0.0000, 0.5000, 1.0000])
    """
    return apply(_SIGMOID, _as_floating(input, "sigmoid"))


def tanh(input: Tensor) -> Tensor:
    r"""Tangente hiperbólica: una sigmoide centrada en cero, con imagen :math:`(-1, 1)`.

    .. math::

        \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1, \qquad
        \tanh'(x) = 1 - \tanh^2(x)

    Se evalúa como :math:`\operatorname{sign}(x)\,(1 - e^{-2|x|})/(1 + e^{-2|x|})`,
    sin desbordamientos. Es la misma función que ``torch.nn.functional.tanh``.

    Argumentos:
        input: tensor de cualquier forma; los enteros pasan al dtype por defecto,
            como en torch.

    Forma:
        La salida tiene la forma de la entrada.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import tanh
        >>> tanh(torch.tensor([-1000.0, 0.0, 0.5]))
        tensor([-1.0000,  0.0000,  0.4621])
    """
    return apply(_TANH, _as_floating(input, "tanh"))


# --- softsign --------------------------------------------------------------------------


def _softsign(x: Tensor) -> Tensor:
    return x / (1 + x.abs())


def _softsign_derivative(x: Tensor) -> Tensor:
    # 1/(1+|x|)^2 written as (1 - |x/(1+|x|)|)^2, on one temporary: at x = ±inf the
    # quotient is nan, and so is torch's gradient (it differentiates the same quotient).
    q = kernels.writable(x.abs().add_(1).reciprocal_()).mul_(x).abs_()
    return q.neg_().add_(1).square_()


_SOFTSIGN = _rule(_softsign, _softsign_derivative)


def softsign(input: Tensor) -> Tensor:
    r"""Softsign: como tanh, pero se acerca a sus asíntotas de forma polinómica.

    .. math::

        \operatorname{Softsign}(x) = \frac{x}{1 + |x|}, \qquad
        \operatorname{Softsign}'(x) = \frac{1}{(1 + |x|)^2} = (1 - |\operatorname{Softsign}(x)|)^2

    La derivada decae como :math:`1/x^2`, no exponencialmente como la de tanh.
    En :math:`x = \pm\infty` el valor es ``nan`` (:math:`\infty/\infty`), como en torch.

    Argumentos:
        input: tensor de cualquier forma; los enteros pasan al dtype por defecto,
            como en torch.

    Forma:
        La salida tiene la forma de la entrada.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import softsign
        >>> softsign(torch.tensor([-3.0, 0.0, 1.0]))
        tensor([-0.7500,  0.0000,  0.5000])
    """
    return apply(_SOFTSIGN, _as_floating(input, "softsign"))


# --- logsigmoid and softplus -----------------------------------------------------------


def _logsigmoid_derivative(x: Tensor) -> Tensor:
    return kernels.sigmoid(x, -1.0)  # sigma(-x), on one temporary


_LOGSIGMOID = _rule(kernels.logsigmoid, _logsigmoid_derivative)


def logsigmoid(input: Tensor) -> Tensor:
    r"""Logaritmo de la sigmoide, calculado sin pasar por :math:`\sigma(x)`.

    .. math::

        \log \sigma(x) = \min(x, 0) - \log\left(1 + e^{-|x|}\right), \qquad
        \frac{d}{dx} \log \sigma(x) = 1 - \sigma(x) = \sigma(-x)

    La forma de la izquierda no evalúa :math:`\log 0`: para :math:`x = -200` da
    :math:`-200` en ``float32``, donde :math:`\log(\sigma(x))` da :math:`-\infty`.

    Argumentos:
        input: tensor de coma flotante de cualquier forma.

    Forma:
        La salida tiene la forma de la entrada.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import logsigmoid
        >>> logsigmoid(torch.tensor([-200.0, 0.0, 200.0]))
        tensor([-200.0000,   -0.6931,    0.0000])
    """
    require_floating(input, "logsigmoid")
    return apply(_LOGSIGMOID, input)


def _softplus_rule(beta: float, threshold: float) -> Rule:
    # Above the threshold (beta x > threshold) softplus is x to working precision, and
    # exp(beta x) is never evaluated where it is used: the same switch torch makes.
    if not (beta > 0 and threshold <= 50):  # unusual parameters: the plain selection
        return _rule(*_softplus_selected(beta, threshold))
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

    return _rule(value, derivative)


def _softplus_selected(
    beta: float, threshold: float
) -> tuple[Callable[[Tensor], Tensor], Callable[[Tensor], Tensor]]:
    def value(x: Tensor) -> Tensor:
        bx = x * beta
        return torch.where(bx > threshold, x, torch.log1p(torch.exp(bx)) / beta)

    def derivative(x: Tensor) -> Tensor:
        bx = x * beta
        return torch.where(bx > threshold, x.new_ones(()), kernels.sigmoid(bx))

    return value, derivative


def softplus(input: Tensor, beta: float = 1.0, threshold: float = 20.0) -> Tensor:
    r"""Softplus: una versión derivable de ReLU.

    .. math::

        \operatorname{Softplus}(x) = \frac{1}{\beta} \log\left(1 + e^{\beta x}\right),
        \qquad
        \operatorname{Softplus}'(x) = \sigma(\beta x)

    Cuando :math:`\beta x` supera ``threshold`` se devuelve :math:`x` (y la derivada
    es 1), como en torch: ahí las dos expresiones coinciden en la precisión de trabajo
    y :math:`e^{\beta x}` desbordaría. Cuando :math:`\beta \to \infty` tiende a ReLU.

    Argumentos:
        input: tensor de coma flotante de cualquier forma.
        beta: la pendiente :math:`\beta`; cuanto mayor, más se parece a ReLU.
            Por defecto: ``1.0``.
        threshold: a partir de :math:`\beta x >` ``threshold`` la función es la
            identidad. Por defecto: ``20.0``.

    Forma:
        La salida tiene la forma de la entrada.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import softplus
        >>> softplus(torch.tensor([-1.0, 0.0, 1000.0]), beta=2.0)
        tensor([6.3464e-02, 3.4657e-01, 1.0000e+03])
    """
    require_floating(input, "softplus")
    return apply(_softplus_rule(beta, threshold), input)


# --- SiLU, Mish and GELU -----------------------------------------------------------------


def _silu(x: Tensor) -> Tensor:
    return kernels.writable(kernels.sigmoid(x)).mul_(x)


def _silu_derivative(x: Tensor, out: Tensor | None = None) -> Tensor:
    # sigma (1 + x (1 - sigma)), in this order (as torch): no cancellation for large x.
    s = kernels.sigmoid(x, out=out)
    return kernels.writable(s).mul_((1 - s).mul_(x).add_(1))


_SILU = _rule(_silu, _silu_derivative, blocks=4)


def silu(input: Tensor, inplace: bool = False) -> Tensor:
    r"""SiLU (o *swish*): la entrada multiplicada por su sigmoide.

    .. math::

        \operatorname{SiLU}(x) = x\,\sigma(x), \qquad
        \operatorname{SiLU}'(x) = \sigma(x)\,\bigl(1 + x\,(1 - \sigma(x))\bigr)

    No es monótona: tiene un mínimo de :math:`-0.2785` en :math:`x \approx -1.2785`.

    Argumentos:
        input: tensor de coma flotante de cualquier forma.
        inplace: si es ``True``, escribe el resultado en ``input``. Por defecto: ``False``.

    Forma:
        La salida tiene la forma de la entrada.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import silu
        >>> silu(torch.tensor([-1.0, 0.0, 2.0]))
        tensor([-0.2689,  0.0000,  1.7616])
    """
    require_floating(input, "silu")
    return apply(_SILU, input, inplace)


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
    return kernels.writable(t).addcmul_(xs, (t * t).neg_().add_(1))


_MISH = _rule(_mish, _mish_derivative, blocks=8)


def mish(input: Tensor, inplace: bool = False) -> Tensor:
    r"""Mish: la entrada multiplicada por la tangente hiperbólica de su softplus.

    .. math::

        \operatorname{Mish}(x) = x \tanh(\operatorname{Softplus}(x)), \qquad
        \operatorname{Mish}'(x) = \tanh(\operatorname{Softplus}(x))
            + x\,\sigma(x)\,\bigl(1 - \tanh^2(\operatorname{Softplus}(x))\bigr)

    porque :math:`\operatorname{Softplus}' = \sigma`. No es monótona: tiene un mínimo
    de :math:`-0.3088` en :math:`x \approx -1.1924`.

    Argumentos:
        input: tensor de coma flotante de cualquier forma.
        inplace: si es ``True``, escribe el resultado en ``input``. Por defecto: ``False``.

    Forma:
        La salida tiene la forma de la entrada.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import mish
        >>> mish(torch.tensor([-1.0, 0.0, 2.0]))
        tensor([-0.3034,  0.0000,  1.9440])
    """
    require_floating(input, "mish")
    return apply(_MISH, input, inplace)


def _normal_cdf(x: Tensor, out: Tensor | None = None) -> Tensor:
    return kernels.scaled(x, math.sqrt(0.5), out).erf_().add_(1).mul_(0.5)


def _gelu_exact(x: Tensor) -> Tensor:
    return _normal_cdf(x).mul_(x)


def _gelu_exact_nan_at_inf(x: Tensor) -> Tensor:
    # torch's vectorised float32/bfloat16 kernel returns nan at +inf: y + 0·x is y
    # for finite x and nan at ±inf (at -inf y is already nan).
    return _gelu_exact(x).add_(x, alpha=0)


def _gelu_exact_derivative(x: Tensor, out: Tensor | None = None) -> Tensor:
    density = kernels.writable(kernels.exp_(x.square(), -0.5)).mul_(1 / math.sqrt(2 * math.pi))
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


_GELU_TANH = _rule(_gelu_tanh, _gelu_tanh_derivative, blocks=8)
_GELU_EXACT = _rule(_gelu_exact, _gelu_exact_derivative, blocks=4)
_GELU_EXACT_NAN_AT_INF = _rule(_gelu_exact_nan_at_inf, _gelu_exact_derivative, blocks=4)


def gelu(input: Tensor, approximate: str = "none") -> Tensor:
    r"""GELU: la entrada ponderada por la probabilidad normal de no superarla.

    .. math::

        \operatorname{GELU}(x) = x\,\Phi(x), \qquad
        \operatorname{GELU}'(x) = \Phi(x) + x\,\varphi(x)

    donde :math:`\Phi` y :math:`\varphi` son la función de distribución y la densidad de
    la normal estándar. Con ``approximate='tanh'`` se usa

    .. math::

        \operatorname{GELU}(x) \approx \tfrac{1}{2} x \bigl(1 + \tanh u\bigr), \quad
        u = \sqrt{2/\pi}\,(x + 0.044715\,x^3), \qquad
        \operatorname{GELU}'(x) \approx \tfrac{1}{2}(1 + \tanh u)
            + \tfrac{1}{2} x\,(1 - \tanh^2 u)\,\sqrt{2/\pi}\,(1 + 3 \cdot 0.044715\,x^2).

    Con ``approximate='none'`` en ``float32`` y ``bfloat16``, el núcleo de torch en la
    CPU da ``nan`` en :math:`x = +\infty`; aquí se reproduce ese valor.

    Argumentos:
        input: tensor de coma flotante de cualquier forma.
        approximate: ``'none'`` (la fórmula exacta, con :math:`\operatorname{erf}`) o
            ``'tanh'`` (la aproximación). Por defecto: ``'none'``.

    Forma:
        La salida tiene la forma de la entrada.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import gelu
        >>> gelu(torch.tensor([-1.0, 0.0, 2.0]))
        tensor([-0.1587,  0.0000,  1.9545])
        >>> gelu(torch.tensor([-1.0, 0.0, 2.0]), approximate="tanh")
        tensor([-0.1588,  0.0000,  1.9546])
    """
    if approximate not in ("none", "tanh"):
        raise RuntimeError(
            f"gelu: el argumento `approximate` debe ser 'none' o 'tanh'; "
            f"se recibió {approximate!r}."
        )
    require_floating(input, "gelu")
    if approximate == "tanh":
        return apply(_GELU_TANH, input)
    if input.dtype in (torch.float32, torch.bfloat16):
        return apply(_GELU_EXACT_NAN_AT_INF, input)
    return apply(_GELU_EXACT, input)


# --- ELU, CELU and SELU ------------------------------------------------------------------


def _elu_rule(
    alpha: float, scale: float = 1.0, input_scale: float = 1.0, inplace: bool = False
) -> Rule:
    """``scale·x`` si ``x > 0``; ``alpha·scale·(exp(input_scale·x) − 1)`` si no.

    Como torch, la versión en el sitio con ``alpha < 0`` no se puede retropropagar.
    """

    negative_scale = alpha * scale
    slope = negative_scale * input_scale  # the derivative's limit at 0 from the left

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
        if inplace and alpha < 0:
            raise RuntimeError(
                "elu: con `inplace=True` el argumento `alpha` no puede ser negativo si se "
                "retropropaga (torch tampoco lo admite); use la versión que no escribe "
                "en el sitio."
            )
        d = exp_branch(x, out)
        if slope != scale:  # the two sides differ at 0: scale where x > 0
            d = kernels.writable(d).lerp_(x.new_tensor(scale), kernels.step(x))
        # torch sends nan to the positive branch of the gradient (``x <= 0`` is false).
        return kernels.fill_nan(kernels.writable(d), scale)

    return _rule(value, derivative, blocks=4 if alpha * input_scale != 1 else 0)


def elu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:
    r"""ELU: la identidad para :math:`x > 0` y una exponencial saturada para :math:`x \le 0`.

    .. math::

        \operatorname{ELU}(x) = \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0
        \end{cases}, \qquad
        \operatorname{ELU}'(x) = \begin{cases} 1 & x > 0 \\ \alpha\,e^{x} & x \le 0
        \end{cases}

    Los valores negativos acercan a cero la activación media. En :math:`x = 0` se toma
    la derivada :math:`\alpha`, como torch (con :math:`\alpha = 1` no hay pliegue).

    Argumentos:
        input: tensor de coma flotante de cualquier forma.
        alpha: el valor :math:`-\alpha` al que tiende la parte negativa. Por defecto: ``1.0``.
        inplace: si es ``True``, escribe el resultado en ``input``. Por defecto: ``False``.

    Forma:
        La salida tiene la forma de la entrada.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import elu
        >>> elu(torch.tensor([-100.0, -1.0, 2.0]))
        tensor([-1.0000, -0.6321,  2.0000])
    """
    require_floating(input, "elu")
    return apply(_elu_rule(alpha, inplace=inplace), input, inplace)


def elu_(input: Tensor, alpha: float = 1.0) -> Tensor:
    """Versión en el sitio de :func:`elu`: ``elu(input, alpha, inplace=True)``."""
    return elu(input, alpha, inplace=True)


def celu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:
    r"""CELU: ELU con la entrada dividida por :math:`\alpha`; derivable para todo :math:`\alpha`.

    .. math::

        \operatorname{CELU}(x) = \max(0, x) + \min\bigl(0, \alpha\,(e^{x/\alpha} - 1)\bigr),
        \qquad
        \operatorname{CELU}'(x) = \begin{cases} 1 & x > 0 \\ e^{x/\alpha} & x \le 0
        \end{cases}

    Es una reparametrización de ELU: :math:`\operatorname{CELU}_\alpha(x) =
    \alpha\,\operatorname{ELU}_1(x/\alpha)`, y su derivada vale 1 a ambos lados de 0.

    Argumentos:
        input: tensor de coma flotante de cualquier forma.
        alpha: la escala :math:`\alpha`; no puede ser 0. Por defecto: ``1.0``.
        inplace: si es ``True``, escribe el resultado en ``input``. Por defecto: ``False``.

    Forma:
        La salida tiene la forma de la entrada.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import celu
        >>> celu(torch.tensor([-100.0, -1.0, 2.0]), alpha=2.0)
        tensor([-2.0000, -0.7869,  2.0000])
    """
    if alpha == 0:
        raise RuntimeError("celu: el argumento `alpha` no puede ser 0 (se divide por él).")
    require_floating(input, "celu")
    return apply(_elu_rule(alpha, 1.0, 1.0 / alpha, inplace), input, inplace)


def celu_(input: Tensor, alpha: float = 1.0) -> Tensor:
    """Versión en el sitio de :func:`celu`: ``celu(input, alpha, inplace=True)``."""
    return celu(input, alpha, inplace=True)


_SELU = _elu_rule(SELU_ALPHA, SELU_SCALE)


def selu(input: Tensor, inplace: bool = False) -> Tensor:
    r"""SELU: ELU escalada con las constantes que hacen la red autonormalizante.

    .. math::

        \operatorname{SELU}(x) = \lambda \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1)
        & x \le 0 \end{cases}, \qquad
        \operatorname{SELU}'(x) = \lambda \begin{cases} 1 & x > 0 \\ \alpha\,e^{x}
        & x \le 0 \end{cases}

    con :math:`\alpha = 1.6732632423543772\ldots` y :math:`\lambda = 1.0507009873554805\ldots`,
    elegidas para que media 0 y varianza 1 sea un punto fijo: si
    :math:`Z \sim \mathcal{N}(0, 1)`, :math:`\mathbb{E}[\operatorname{SELU}(Z)] = 0` y
    :math:`\mathbb{E}[\operatorname{SELU}(Z)^2] = 1`. En :math:`x = 0` la derivada es
    :math:`\lambda\alpha`, como en torch.

    Argumentos:
        input: tensor de coma flotante de cualquier forma.
        inplace: si es ``True``, escribe el resultado en ``input``. Por defecto: ``False``.

    Forma:
        La salida tiene la forma de la entrada.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import selu
        >>> selu(torch.tensor([-100.0, 0.0, 1.0]))
        tensor([-1.7581,  0.0000,  1.0507])
    """
    require_floating(input, "selu")
    return apply(_SELU, input, inplace)


def selu_(input: Tensor) -> Tensor:
    """Versión en el sitio de :func:`selu`: ``selu(input, inplace=True)``."""
    return selu(input, inplace=True)


__all__ = [
    "celu",
    "celu_",
    "elu",
    "elu_",
    "gelu",
    "logsigmoid",
    "mish",
    "selu",
    "selu_",
    "sigmoid",
    "silu",
    "softplus",
    "softsign",
    "tanh",
]
