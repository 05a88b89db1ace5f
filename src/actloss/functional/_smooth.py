"""Activaciones suaves, desde primeros principios.

Sigmoide, tanh, softsign, logsigmoid, softplus, SiLU, Mish, GELU, ELU, CELU y SELU.
Cada función comprueba sus argumentos y aplica su regla de ``_smooth_rules``: el valor y
la derivada en forma cerrada, que la retropropagación usa en vez de derivar la fórmula.
Las fórmulas se escriben en su forma estable: ninguna da ``nan`` ni pierde el límite
cuando :math:`|x|` es grande (la sigmoide deja que :math:`e^{-x}` desborde a infinito,
que da exactamente su límite 0).
"""

from __future__ import annotations

import torch
from torch import Tensor

from actloss._validation import (
    refuse_bool,
    require_floating,
    require_number,
    require_real_floating_tensor,
    require_tensor,
)
from actloss.functional import _smooth_rules as rules
from actloss.functional._pointwise import apply

# SELU's constants (Klambauer et al., 2017), to the precision torch uses.
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def _as_floating(input: Tensor, fn: str, accepts_bool: bool = True) -> Tensor:
    """Los enteros pasan al dtype por defecto, como en ``torch.sigmoid`` y ``torch.tanh``;
    los complejos siguen siendo complejos, como allí.

    Un argumento que no es tensor da ``AttributeError``, como en ``torch.nn.functional``
    (que le pide un método); los booleanos, ``NotImplementedError`` donde torch los
    rechaza (``accepts_bool=False``), y también ``complex32``: torch no lo calcula en la
    CPU, y actloss no lo calcula en ningún dispositivo.
    """
    require_tensor(input, fn, error=AttributeError)
    if input.dtype == torch.complex32:
        raise NotImplementedError(
            f"{fn}: el argumento `input` no puede ser complex32 (complejo de media "
            "precisión), como en torch; conviértalo a complex64."
        )
    if input.is_floating_point() or input.is_complex():
        return input
    if not accepts_bool:
        refuse_bool(input, fn, NotImplementedError)
    return input.to(torch.get_default_dtype())


# --- the logistic sigmoid and tanh -------------------------------------------------------


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
            como en torch. Admite complejos, como torch: :math:`1/(1 + e^{-z})` con la
            exponencial compleja.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import sigmoid
        >>> sigmoid(torch.tensor([-1000.0, 0.0, 1000.0]))
        tensor([0.0000, 0.5000, 1.0000])
    """
    x = _as_floating(input, "sigmoid")
    return apply(rules.COMPLEX_SIGMOID if x.is_complex() else rules.SIGMOID, x)


def tanh(input: Tensor) -> Tensor:
    r"""Tangente hiperbólica: una sigmoide centrada en cero, con imagen :math:`(-1, 1)`.

    .. math::

        \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1, \qquad
        \tanh'(x) = 1 - \tanh^2(x)

    Se evalúa como :math:`\operatorname{sign}(x)\,(1 - e^{-2|x|})/(1 + e^{-2|x|})`,
    sin desbordamientos. Es la misma función que ``torch.nn.functional.tanh``.

    Argumentos:
        input: tensor de cualquier forma; los enteros pasan al dtype por defecto,
            como en torch. Admite complejos, como torch, con la fórmula de Kahan (sin
            restas de cantidades parecidas cerca de los ejes).

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import tanh
        >>> tanh(torch.tensor([-1000.0, 0.0, 0.5]))
        tensor([-1.0000,  0.0000,  0.4621])
    """
    x = _as_floating(input, "tanh")
    return apply(rules.COMPLEX_TANH if x.is_complex() else rules.TANH, x)


# --- softsign --------------------------------------------------------------------------


def softsign(input: Tensor) -> Tensor:
    r"""Softsign: como tanh, pero se acerca a sus asíntotas de forma polinómica.

    .. math::

        \operatorname{Softsign}(x) = \frac{x}{1 + |x|}, \qquad
        \operatorname{Softsign}'(x) = \frac{1}{(1 + |x|)^2} = (1 - |\operatorname{Softsign}(x)|)^2

    La derivada decae como :math:`1/x^2`, no exponencialmente como la de tanh.
    En :math:`x = \pm\infty` el valor es ``nan`` (:math:`\infty/\infty`), como en torch.

    Argumentos:
        input: tensor de cualquier forma; los enteros pasan al dtype por defecto,
            como en torch. Admite complejos, como torch: :math:`z/(1 + |z|)`, que no es
            holomorfa, así que autograd deriva el cociente mismo, como allí.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import softsign
        >>> softsign(torch.tensor([-3.0, 0.0, 1.0]))
        tensor([-0.7500,  0.0000,  0.5000])
    """
    x = _as_floating(input, "softsign", accepts_bool=False)
    if x.is_complex():
        # |z| is not holomorphic: autograd differentiates the quotient itself, as in torch.
        return x / (x.abs() + 1)
    return apply(rules.SOFTSIGN, x)


# --- logsigmoid and softplus -----------------------------------------------------------


def logsigmoid(input: Tensor) -> Tensor:
    r"""Logaritmo de la sigmoide, calculado sin pasar por :math:`\sigma(x)`.

    .. math::

        \log \sigma(x) = \min(x, 0) - \log\left(1 + e^{-|x|}\right), \qquad
        \frac{d}{dx} \log \sigma(x) = 1 - \sigma(x) = \sigma(-x)

    La forma de la izquierda no evalúa :math:`\log 0`: para :math:`x = -200` da
    :math:`-200` en ``float32``, donde :math:`\log(\sigma(x))` da :math:`-\infty`.

    Argumentos:
        input: tensor de coma flotante de cualquier forma.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import logsigmoid
        >>> logsigmoid(torch.tensor([-200.0, 0.0, 200.0]))
        tensor([-200.0000,   -0.6931,    0.0000])
    """
    require_real_floating_tensor(input, "logsigmoid")
    # torch's kernel works on (and returns) a contiguous tensor, whatever the layout.
    return apply(rules.LOGSIGMOID, input.contiguous())


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

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import softplus
        >>> softplus(torch.tensor([-1.0, 0.0, 1000.0]), beta=2.0)
        tensor([6.3464e-02, 3.4657e-01, 1.0000e+03])
    """
    require_real_floating_tensor(input, "softplus")
    beta = require_number(beta, "softplus", "beta")
    threshold = require_number(threshold, "softplus", "threshold")
    return apply(rules.softplus(beta, threshold), input)


# --- SiLU, Mish and GELU -----------------------------------------------------------------


def silu(input: Tensor, inplace: bool = False) -> Tensor:
    r"""SiLU (o *swish*): la entrada multiplicada por su sigmoide.

    .. math::

        \operatorname{SiLU}(x) = x\,\sigma(x), \qquad
        \operatorname{SiLU}'(x) = \sigma(x)\,\bigl(1 + x\,(1 - \sigma(x))\bigr)

    No es monótona: tiene un mínimo de :math:`-0.2785` en :math:`x \approx -1.2785`.

    Argumentos:
        input: tensor de coma flotante de cualquier forma.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import silu
        >>> silu(torch.tensor([-1.0, 0.0, 2.0]))
        tensor([-0.2689,  0.0000,  1.7616])
    """
    require_tensor(input, "silu")
    require_floating(input, "silu")
    if input.is_complex() and input.requires_grad and torch.is_grad_enabled():
        raise RuntimeError(
            "silu: el argumento `input` no puede ser complejo con requires_grad=True: torch "
            "no deriva silu con salida compleja."
        )
    return apply(rules.SILU, input, inplace)


def mish(input: Tensor, inplace: bool = False) -> Tensor:
    r"""Mish: la entrada multiplicada por la tangente hiperbólica de su softplus.

    .. math::

        \operatorname{Mish}(x) = x \tanh(s), \quad s = \operatorname{Softplus}(x), \qquad
        \operatorname{Mish}'(x) = \tanh(s) + x\,\sigma(x)\,(1 - \tanh^2 s)

    porque :math:`\operatorname{Softplus}' = \sigma`. No es monótona: tiene un mínimo
    de :math:`-0.3088` en :math:`x \approx -1.1924`.

    Argumentos:
        input: tensor de coma flotante de cualquier forma.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import mish
        >>> mish(torch.tensor([-1.0, 0.0, 2.0]))
        tensor([-0.3034,  0.0000,  1.9440])
    """
    require_real_floating_tensor(input, "mish")
    return apply(rules.MISH, input, inplace)


def gelu(input: Tensor, *, approximate: str = "none") -> Tensor:
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

    En :math:`x = +\infty` da :math:`+\infty`, su límite, como el bucle escalar de torch.
    El núcleo vectorizado de torch en ``float32`` y ``bfloat16`` da ahí ``nan`` o
    :math:`+\infty` según la CPU (``nan`` con AVX-512), así que ese valor no se copia.

    Argumentos:
        input: tensor de coma flotante de cualquier forma.
        approximate: ``'none'`` (la fórmula exacta, con :math:`\operatorname{erf}`) o
            ``'tanh'`` (la aproximación). Por defecto: ``'none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import gelu
        >>> gelu(torch.tensor([-1.0, 0.0, 2.0]))
        tensor([-0.1587,  0.0000,  1.9545])
        >>> gelu(torch.tensor([-1.0, 0.0, 2.0]), approximate="tanh")
        tensor([-0.1588,  0.0000,  1.9546])
    """
    if approximate not in ("none", "tanh"):
        if not isinstance(approximate, str):
            raise TypeError(
                "gelu: el argumento `approximate` debe ser una cadena ('none' o 'tanh'); "
                f"se recibió {type(approximate).__name__}."
            )
        raise RuntimeError(
            f"gelu: el argumento `approximate` debe ser 'none' o 'tanh'; "
            f"se recibió {approximate!r}."
        )
    require_real_floating_tensor(input, "gelu")
    if approximate == "tanh":
        return apply(rules.GELU_TANH, input)
    return apply(rules.GELU_EXACT, input)


# --- ELU, CELU and SELU ------------------------------------------------------------------


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

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import elu
        >>> elu(torch.tensor([-100.0, -1.0, 2.0]))
        tensor([-1.0000, -0.6321,  2.0000])
    """
    return _elu(input, alpha, 1.0, 1.0, inplace, "elu")


def elu_(input: Tensor, alpha: float = 1.0, scale: float = 1.0, input_scale: float = 1.0) -> Tensor:
    r"""Versión en el sitio de :func:`elu`, con las escalas de ``torch.nn.functional.elu_``.

    Escribe en ``input`` :math:`\text{scale} \cdot x` si :math:`x > 0` y
    :math:`\text{scale} \cdot \alpha\,(e^{\text{input\_scale} \cdot x} - 1)` si no; con las
    escalas por defecto es ``elu(input, alpha, inplace=True)``.
    """
    scale = require_number(scale, "elu_", "scale")
    input_scale = require_number(input_scale, "elu_", "input_scale")
    return _elu(input, alpha, scale, input_scale, True, "elu_")


def _elu(
    input: Tensor,
    alpha: float,
    scale: float,
    input_scale: float,
    inplace: bool,
    fn: str,
) -> Tensor:
    require_real_floating_tensor(input, fn)
    alpha = require_number(alpha, fn, "alpha")
    return apply(rules.elu(alpha, scale, input_scale, inplace), input, inplace)


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

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import celu
        >>> celu(torch.tensor([-100.0, -1.0, 2.0]), alpha=2.0)
        tensor([-2.0000, -0.7869,  2.0000])
    """
    require_real_floating_tensor(input, "celu")
    alpha = require_number(alpha, "celu", "alpha")
    if alpha == 0:
        raise RuntimeError("celu: el argumento `alpha` no puede ser 0 (se divide por él).")
    return apply(rules.elu(alpha, 1.0, 1.0 / alpha, inplace), input, inplace)


def celu_(input: Tensor, alpha: float = 1.0) -> Tensor:
    """Versión en el sitio de :func:`celu`: ``celu(input, alpha, inplace=True)``."""
    return celu(input, alpha, inplace=True)


_SELU = rules.elu(SELU_ALPHA, SELU_SCALE)


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

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import selu
        >>> selu(torch.tensor([-100.0, 0.0, 1.0]))
        tensor([-1.7581,  0.0000,  1.0507])
    """
    require_real_floating_tensor(input, "selu")
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
