"""Activaciones suaves, desde primeros principios.

Sigmoide, tanh, softsign, logsigmoid, softplus, SiLU, Mish, GELU, ELU, CELU y SELU.
Cada una declara su valor y su derivada en forma cerrada (una :class:`Rule`), y la
retropropagación usa esa derivada escrita. Las fórmulas se escriben en su forma
estable: ninguna da ``nan`` ni pierde el límite cuando :math:`|x|` es grande (la
sigmoide deja que :math:`e^{-x}` desborde a infinito, que da exactamente su límite 0).

Para gastar poco, cada fórmula usa a lo sumo una exponencial, trabaja en el sitio sobre
sus temporales y no crea máscaras booleanas (véase ``actloss.functional._pointwise.step``);
las derivadas que necesitan más de un
temporal se evalúan por bloques, para que la retropropagación ocupe lo que la de torch.

En ``float16`` y ``bfloat16`` el cálculo se hace en ``float32`` y se redondea al
final, como hacen los núcleos de torch en la CPU.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import torch
from torch import Tensor

from actloss._validation import require_floating
from actloss.functional._pointwise import Rule, apply, fill_nan, step, step_

_LOW_PRECISION = (torch.float16, torch.bfloat16)

# SELU's constants (Klambauer et al., 2017), to the precision torch uses.
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946

# exp(x) is evaluated as 2^(x log2 e): on this CPU torch's exp2 takes a third of the time
# of exp. The rounding of x log2 e adds a relative error of about |x| eps, negligible where
# these formulas use exp; expm1 stays where its accuracy near 0 matters (tanh, ELU).
_LOG2E = 1 / math.log(2)

# GELU's tanh approximation: sqrt(2 / pi) and the cubic coefficient.
_GELU_BETA = math.sqrt(2.0 / math.pi)
_GELU_KAPPA = 0.044715


def _opmath(fn: Callable[[Tensor], Tensor]) -> Callable[[Tensor], Tensor]:
    """``fn`` evaluada en ``float32`` para los dtypes de media precisión."""

    def wrapped(x: Tensor) -> Tensor:
        if x.dtype in _LOW_PRECISION:
            return fn(x.float()).to(x.dtype)
        return fn(x)

    return wrapped


# A derivative is evaluated by pieces from this many elements on.
_BLOCKWISE_FROM = 1 << 16


def _own(t: Tensor) -> Tensor:
    """``t``, para escribir en él en el sitio; una copia si autograd está grabando un grafo.

    Las fórmulas trabajan en el sitio sobre sus temporales (una pasada y una reserva
    menos). Cuando autograd deriva la fórmula (segunda derivada, o
    :func:`~actloss.functional._pointwise.autograd_through_formula`), un tensor que una
    operación guardó para su retropropagación no puede cambiar: antes se copia.
    """
    return t.clone() if torch.is_grad_enabled() else t


def _blockwise(fn: Callable[..., Tensor], blocks: int) -> Callable[[Tensor], Tensor]:
    """``fn(x, out)`` evaluada por ``blocks`` bloques, cada uno escrito en su parte del resultado.

    Para una derivada que necesita temporales además de su resultado: por bloques, cada
    temporal es una fracción del tensor, y la retropropagación ocupa, además de ``grad``,
    un tensor completo, como la de torch. ``fn`` escribe su primera operación en ``out``
    (si se da) y trabaja ahí en el sitio. Solo sin compilar y sin grafo: inductor funde la
    fórmula de todos modos.
    """

    def wrapped(x: Tensor) -> Tensor:
        n = x.numel()
        if (
            n < _BLOCKWISE_FROM
            or not x.is_contiguous()
            or torch.is_grad_enabled()
            or torch.compiler.is_compiling()
        ):
            return fn(x)
        result = torch.empty_like(x, memory_format=torch.contiguous_format)
        flat_x, flat_result = x.view(-1), result.view(-1)
        size = -(-n // blocks)
        for start in range(0, n, size):
            out = flat_result[start : start + size]
            block = fn(flat_x[start : start + size], out)
            if block.data_ptr() != out.data_ptr():
                out.copy_(block)
        return result

    return wrapped


def _times(x: Tensor, c: float, out: Tensor | None) -> Tensor:
    """``x * c``, into ``out`` if given."""
    return x.mul(c) if out is None else torch.mul(x, c, out=out)


def _rule(
    value: Callable[[Tensor], Tensor],
    derivative: Callable[..., Tensor],
    blocks: int = 0,
) -> Rule:
    if blocks:
        derivative = _blockwise(derivative, blocks)
    return Rule(value=_opmath(value), derivative=_opmath(derivative))


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


def _logistic_(t: Tensor) -> Tensor:
    r""":math:`1 / (1 + 2^t)`, escrito en ``t`` (un temporal propio): la sigmoide de
    :math:`-t \ln 2`. Donde :math:`2^t` desborda a infinito da exactamente 0, su límite."""
    return _own(t.exp2_()).add_(1).reciprocal_()


def _sigmoid(x: Tensor, out: Tensor | None = None) -> Tensor:
    # 1/(1 + e^{-x}), as torch's kernel: where e^{-x} overflows to inf the result is 0,
    # the limit, and nothing is nan. One temporary, worked in place.
    return _logistic_(_times(x, -_LOG2E, out))


def _sigmoid_from_output(s: Tensor) -> Tensor:
    return (1 - s).mul_(s)


def _sigmoid_derivative(x: Tensor) -> Tensor:
    return _sigmoid_from_output(_sigmoid(x))


def _tanh(x: Tensor) -> Tensor:
    # tanh|x| = -m / (2 + m) with m = expm1(-2|x|) in [-1, 0]: one transcendental, exact
    # near 0, no overflow; copysign puts back the sign of x (and of -0.0).
    m = x.abs().mul_(-2).expm1_()
    return _own(m).div_(m + 2).copysign_(x)


def _tanh_from_output(t: Tensor) -> Tensor:
    return (t * t).neg_().add_(1)


def _tanh_derivative(x: Tensor) -> Tensor:
    return _tanh_from_output(_tanh(x))


# Both derivatives read the output, as torch's backward does: y (1 - y) and 1 - y².
_SIGMOID = Rule(
    value=_opmath(_sigmoid),
    derivative=_opmath(_sigmoid_derivative),
    derivative_from_output=_opmath(_sigmoid_from_output),
)
_TANH = Rule(
    value=_opmath(_tanh),
    derivative=_opmath(_tanh_derivative),
    derivative_from_output=_opmath(_tanh_from_output),
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
    q = _own(x.abs().add_(1).reciprocal_()).mul_(x).abs_()
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


def _logsigmoid(x: Tensor) -> Tensor:
    # log sigma(x) = min(x, 0) - log(1 + exp(-|x|)): never log(0), never exp(+big).
    soft = _own(x.abs().mul_(-_LOG2E).exp2_()).log1p_()
    return x.clamp_max(0).sub_(soft)


def _logsigmoid_derivative(x: Tensor) -> Tensor:
    # sigma(-x) = 1/(1 + e^x), on one temporary.
    return _logistic_(x.mul(_LOG2E))


def _logistic_loss_gradients(
    x: Tensor, y: Tensor, grad: Tensor, need_x: bool, need_y: bool
) -> tuple[Tensor | None, Tensor | None]:
    """``grad`` por las derivadas de :math:`-[y \\log\\sigma(x) + (1 - y)\\log\\sigma(-x)]`
    respecto a ``x`` (:math:`\\sigma(x) - y`) y a ``y`` (:math:`-x`), sin grafo: la sigmoide
    con una exponencial y sin máscara, y en el mismo temporal."""
    grad_x = _sigmoid(x).sub_(y).mul_(grad) if need_x else None
    grad_y = torch.mul(x, grad).neg_() if need_y else None
    return grad_x, grad_y


_LOGSIGMOID = _rule(_logsigmoid, _logsigmoid_derivative)


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
    # The switch without masks (see ``step``): where ``above`` is 1, the exponent is
    # lowered by ``big`` so that exp gives exactly 0, which leaves only the x term.
    big = abs(threshold) + 1000.0

    def scaled(x: Tensor, shift: float = 0.0) -> Tensor:
        """Un tensor nuevo ``beta x - shift``, con el redondeo de ``beta x`` de torch."""
        return x - shift if beta == 1 else x.mul(beta).sub_(shift)

    def value(x: Tensor) -> Tensor:
        above = step_(scaled(x, threshold))  # 1 where torch returns x
        exponent = scaled(x).clamp_max_(threshold).sub_(above, alpha=big).mul_(_LOG2E)
        soft = _own(exponent.exp2_()).log1p_()
        if beta != 1:
            soft.div_(beta)
        # Plus x where torch returns x; -inf * 0 (below the threshold) is a nan made 0.
        return soft.add_(fill_nan(_own(above).mul_(x), 0.0))

    def derivative(x: Tensor) -> Tensor:
        # sigma(beta x) = 1/(1 + e^{-beta x}) below the threshold, 1 above it; on one
        # temporary: the step, built in place, is then scaled.
        z = step_(scaled(x, threshold))
        return _logistic_(z.mul_(-big * _LOG2E).sub_(x, alpha=beta * _LOG2E))

    return _rule(value, derivative)


def _softplus_selected(
    beta: float, threshold: float
) -> tuple[Callable[[Tensor], Tensor], Callable[[Tensor], Tensor]]:
    def value(x: Tensor) -> Tensor:
        bx = x * beta
        return torch.where(bx > threshold, x, torch.log1p(torch.exp(bx)) / beta)

    def derivative(x: Tensor) -> Tensor:
        bx = x * beta
        return torch.where(bx > threshold, x.new_ones(()), _sigmoid(bx))

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
    return _own(_sigmoid(x)).mul_(x)


def _silu_derivative(x: Tensor, out: Tensor | None = None) -> Tensor:
    # sigma (1 + x (1 - sigma)), in this order (as torch): no cancellation for large x.
    s = _sigmoid(x, out)
    return _own(s).mul_((1 - s).mul_(x).add_(1))


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
    e = x.clamp_max(20).mul_(_LOG2E).exp2_()
    n = (e + 2).mul_(e) if out is None else torch.add(e, 2, out=out).mul_(e)
    return _own(n).div_(n + 2), e


def _mish(x: Tensor) -> Tensor:
    t, _ = _tanh_softplus(x)
    return _own(t).mul_(x)


def _mish_derivative(x: Tensor, out: Tensor | None = None) -> Tensor:
    # t + x sigma(x) (1 - t²), with sigma(x) = e / (1 + e) from the same exponential (it
    # only matters below x = 20, where 1 - t² is not 0).
    t, e = _tanh_softplus(x, out)
    xs = _own(e).div_(e + 1).mul_(x)
    return _own(t).addcmul_(xs, (t * t).neg_().add_(1))


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
    return _times(x, math.sqrt(0.5), out).erf_().add_(1).mul_(0.5)


def _gelu_exact(x: Tensor) -> Tensor:
    return _normal_cdf(x).mul_(x)


def _gelu_exact_nan_at_inf(x: Tensor) -> Tensor:
    # torch's vectorised float32/bfloat16 kernel returns nan at +inf: y + 0·x is y
    # for finite x and nan at ±inf (at -inf y is already nan).
    return _gelu_exact(x).add_(x, alpha=0)


def _gelu_exact_derivative(x: Tensor, out: Tensor | None = None) -> Tensor:
    density = _own(x.square().mul_(-0.5 * _LOG2E).exp2_()).mul_(1 / math.sqrt(2 * math.pi))
    return _normal_cdf(x, out).addcmul_(x, density)


def _gelu_tanh_sigmoid(x: Tensor, out: Tensor | None = None) -> Tensor:
    """``(1 + tanh u) / 2 = sigma(2u)``, with one exponential instead of tanh."""
    square = x.square() if out is None else torch.mul(x, x, out=out)
    return _logistic_(square.mul_(_GELU_KAPPA).add_(1).mul_(x).mul_(-2 * _GELU_BETA * _LOG2E))


def _gelu_tanh(x: Tensor) -> Tensor:
    return _own(_gelu_tanh_sigmoid(x)).mul_(x)


def _gelu_tanh_derivative(x: Tensor, out: Tensor | None = None) -> Tensor:
    # With s = sigma(2u): s + x s (1 - s) 2u', that is s (1 + w (1 - s)) with w = 2 x u'.
    s = _gelu_tanh_sigmoid(x, out)
    w = x.square().mul_(3 * _GELU_KAPPA).add_(1).mul_(x).mul_(2 * _GELU_BETA)
    return _own(s).mul_((1 - s).mul_(w).add_(1))


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
        negative = _own(negative.expm1_())
        if negative_scale != 1:
            negative.mul_(negative_scale)
        return negative.add_(x.clamp_min(0), alpha=scale)

    def exp_branch(x: Tensor, out: Tensor | None) -> Tensor:
        # slope e^{input_scale min(x, 0)}: the derivative for x <= 0, and slope for x > 0.
        negative = x.clamp_max(0) if out is None else torch.clamp_max(x, 0, out=out)
        e = negative.mul_(input_scale * _LOG2E).exp2_()
        return _own(e).mul_(slope) if slope != 1 else e

    def derivative(x: Tensor, out: Tensor | None = None) -> Tensor:
        if inplace and alpha < 0:
            raise RuntimeError(
                "elu: con `inplace=True` el argumento `alpha` no puede ser negativo si se "
                "retropropaga (torch tampoco lo admite); use la versión que no escribe "
                "en el sitio."
            )
        d = exp_branch(x, out)
        if slope != scale:  # the two sides differ at 0: scale where x > 0 (see ``step``)
            d = _own(d).lerp_(x.new_tensor(scale), step(x))
        # torch sends nan to the positive branch of the gradient (``x <= 0`` is false).
        return fill_nan(_own(d), scale)

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
