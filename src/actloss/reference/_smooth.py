"""Definición de las activaciones suaves: sigmoide, tanh, softplus, la familia ELU, GELU...

Cada activación tiene su derivada en forma cerrada, ``<nombre>_derivative``. ``inplace``
está solo por la firma de torch: la definición nunca modifica su entrada.
"""

from __future__ import annotations

import math

import torch
from torch import Tensor

# Las constantes de SELU (Klambauer et al., 2017), con las cifras que usa torch.
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def sigmoid(input: Tensor) -> Tensor:
    r"""Sigmoide logística: aplasta la recta real en :math:`(0, 1)`.

    .. math::

        \sigma(x) = \frac{1}{1 + e^{-x}}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import sigmoid
        >>> sigmoid(torch.tensor([-1000.0, 0.0, 1000.0]))
        tensor([0.0000, 0.5000, 1.0000])
    """
    # Para x < 0, la misma fracción multiplicada arriba y abajo por e^{x}: así solo aparece
    # e^{-|x|} <= 1, que no desborda (tampoco en las derivadas que calcula autograd). |x|
    # va con where y no con abs, que en 0 tiene derivada 0: la de la fórmula sería otra.
    e = torch.exp(-torch.where(input >= 0, input, -input))
    return torch.where(input >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_derivative(input: Tensor) -> Tensor:
    r"""Derivada de la sigmoide, escrita con la propia sigmoide.

    .. math::

        \sigma'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import sigmoid_derivative
        >>> sigmoid_derivative(torch.tensor([0.0]))
        tensor([0.2500])
    """
    s = sigmoid(input)
    return s * (1 - s)


def tanh(input: Tensor) -> Tensor:
    r"""Tangente hiperbólica: una sigmoide centrada en cero, con imagen :math:`(-1, 1)`.

    .. math::

        \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = \frac{e^{2x} - 1}{e^{2x} + 1}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import tanh
        >>> tanh(torch.tensor([-1000.0, 0.0, 1000.0]))
        tensor([-1.,  0.,  1.])
    """
    # tanh|x| = (1 - e^{-2|x|}) / (1 + e^{-2|x|}) = -m / (2 + m) con m = e^{-2|x|} - 1, que
    # expm1 da sin cancelación cerca de 0 y que está en [-1, 0]: nada desborda, tampoco en
    # media precisión. |x| y el signo van con where (ver sigmoid).
    positive = input >= 0
    m = torch.expm1(-2 * torch.where(positive, input, -input))
    return torch.where(positive, -m / (2 + m), m / (2 + m))


def tanh_derivative(input: Tensor) -> Tensor:
    r"""Derivada de tanh, escrita con la propia tanh.

    .. math::

        \tanh'(x) = 1 - \tanh^2(x)

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import tanh_derivative
        >>> tanh_derivative(torch.tensor([0.0, 1000.0]))
        tensor([1., 0.])
    """
    return 1 - tanh(input) ** 2


def softsign(input: Tensor) -> Tensor:
    r"""Softsign: como tanh, pero se acerca a :math:`\pm 1` de forma polinómica.

    .. math::

        \operatorname{softsign}(x) = \frac{x}{1 + |x|}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import softsign
        >>> softsign(torch.tensor([-3.0, 0.0, 1.0]))
        tensor([-0.7500,  0.0000,  0.5000])
    """
    return input / (1 + input.abs())


def softsign_derivative(input: Tensor) -> Tensor:
    r"""Derivada de softsign.

    .. math::

        \operatorname{softsign}'(x) = \frac{1}{(1 + |x|)^2}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import softsign_derivative
        >>> softsign_derivative(torch.tensor([-3.0, 0.0, 1.0]))
        tensor([0.0625, 1.0000, 0.2500])
    """
    return 1 / (1 + input.abs()) ** 2


def logsigmoid(input: Tensor) -> Tensor:
    r"""Logaritmo de la sigmoide, estable: finito donde :math:`\sigma(x)` redondea a 0.

    .. math::

        \log \sigma(x) = -\log\bigl(1 + e^{-x}\bigr) = -\log\bigl(e^{0} + e^{-x}\bigr)

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import logsigmoid
        >>> logsigmoid(torch.tensor([-100.0, 0.0])).round(decimals=4)
        tensor([-100.0000,   -0.6931])
    """
    # -log(e^0 + e^{-x}), sacando antes el mayor exponente (log-sum-exp): min(x, 0) menos
    # log(1 + e^{-|x|}), con e^{-|x|} <= 1. min y |x| van con where (ver sigmoid).
    negative_abs = torch.where(input >= 0, -input, input)
    return torch.where(input >= 0, 0.0, input) - torch.log1p(torch.exp(negative_abs))


def logsigmoid_derivative(input: Tensor) -> Tensor:
    r"""Derivada de LogSigmoid: la sigmoide de :math:`-x`.

    .. math::

        \frac{d}{dx} \log \sigma(x) = 1 - \sigma(x) = \sigma(-x)

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import logsigmoid_derivative
        >>> logsigmoid_derivative(torch.tensor([-1000.0, 0.0]))
        tensor([1.0000, 0.5000])
    """
    return sigmoid(-input)


def softplus(input: Tensor, beta: float = 1.0, threshold: float = 20.0) -> Tensor:
    r"""Softplus: una versión suave de ReLU; por encima del umbral es la identidad.

    .. math::

        \operatorname{softplus}(x) = \begin{cases} \frac{1}{\beta}
        \log\bigl(1 + e^{\beta x}\bigr) & \beta x \le \text{umbral} \\
        x & \beta x > \text{umbral} \end{cases}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import softplus
        >>> softplus(torch.tensor([-100.0, 0.0, 100.0])).round(decimals=4)
        tensor([  0.0000,   0.6931, 100.0000])
    """
    z = beta * input
    # log(e^0 + e^z) = max(z, 0) + log(1 + e^{-|z|}) (log-sum-exp; max y |z| con where, ver
    # sigmoid). Más allá del umbral, torch devuelve x tal cual: se separa de la fórmula en
    # menos de e^{-umbral}.
    negative_abs = torch.where(z >= 0, -z, z)
    soft = (torch.where(z >= 0, z, 0.0) + torch.log1p(torch.exp(negative_abs))) / beta
    return torch.where(z > threshold, input, soft)


def softplus_derivative(input: Tensor, beta: float = 1.0, threshold: float = 20.0) -> Tensor:
    r"""Derivada de softplus: la sigmoide de :math:`\beta x` (1 por encima del umbral).

    .. math::

        \operatorname{softplus}'(x) = \begin{cases} \sigma(\beta x) & \beta x \le
        \text{umbral} \\ 1 & \beta x > \text{umbral} \end{cases}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import softplus_derivative
        >>> softplus_derivative(torch.tensor([0.0, 1000.0]))
        tensor([0.5000, 1.0000])
    """
    z = beta * input
    return torch.where(z > threshold, 1.0, sigmoid(z))


def silu(input: Tensor, inplace: bool = False) -> Tensor:
    r"""SiLU (swish): la entrada por su sigmoide.

    .. math::

        \operatorname{SiLU}(x) = x\,\sigma(x)

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import silu
        >>> silu(torch.tensor([-1000.0, 0.0, 2.0])).round(decimals=4)
        tensor([-0.0000, 0.0000, 1.7616])
    """
    return input * sigmoid(input)


def silu_derivative(input: Tensor) -> Tensor:
    r"""Derivada de SiLU.

    .. math::

        \operatorname{SiLU}'(x) = \sigma(x)\,\bigl(1 + x\,(1 - \sigma(x))\bigr)

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import silu_derivative
        >>> silu_derivative(torch.tensor([0.0]))
        tensor([0.5000])
    """
    s = sigmoid(input)
    return s * (1 + input * (1 - s))


def mish(input: Tensor, inplace: bool = False) -> Tensor:
    r"""Mish: la entrada por la tanh de su softplus.

    .. math::

        \operatorname{Mish}(x) = x \tanh\bigl(\operatorname{softplus}(x)\bigr)

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import mish
        >>> mish(torch.tensor([-1000.0, 0.0, 2.0])).round(decimals=4)
        tensor([-0.0000, 0.0000, 1.9440])
    """
    return input * tanh(softplus(input))


def mish_derivative(input: Tensor) -> Tensor:
    r"""Derivada de Mish, con :math:`s = \operatorname{softplus}(x)` y :math:`s' = \sigma(x)`.

    .. math::

        \operatorname{Mish}'(x) = \tanh(s) + x\,\sigma(x)\,\bigl(1 - \tanh^2(s)\bigr)

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import mish_derivative
        >>> mish_derivative(torch.tensor([0.0])).round(decimals=4)
        tensor([0.6000])
    """
    t = tanh(softplus(input))
    return t + input * sigmoid(input) * (1 - t**2)


def gelu(input: Tensor, *, approximate: str = "none") -> Tensor:
    r"""GELU: la entrada por la función de distribución normal estándar :math:`\Phi`.

    .. math::

        \operatorname{GELU}(x) = x\,\Phi(x) = \frac{x}{2}
        \left(1 + \operatorname{erf}\frac{x}{\sqrt{2}}\right)
        \approx \frac{x}{2}\left(1 + \tanh\Bigl(\sqrt{2/\pi}\,(x + 0.044715\,x^3)\Bigr)\right)

    La aproximación con tanh se pide con ``approximate="tanh"``.

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import gelu
        >>> gelu(torch.tensor([-1.0, 0.0, 1.0])).round(decimals=4)
        tensor([-0.1587,  0.0000,  0.8413])
    """
    if approximate == "tanh":
        inner = math.sqrt(2 / math.pi) * (input + 0.044715 * input**3)
        return 0.5 * input * (1 + tanh(inner))
    return 0.5 * input * (1 + torch.erf(input / math.sqrt(2)))


def gelu_derivative(input: Tensor, *, approximate: str = "none") -> Tensor:
    r"""Derivada de GELU: :math:`\Phi(x) + x\,\varphi(x)`, con la densidad normal
    :math:`\varphi(x) = e^{-x^2/2} / \sqrt{2\pi}`; o la de su aproximación con tanh,
    con :math:`u = \sqrt{2/\pi}\,(x + 0.044715\,x^3)`.

    .. math::

        \operatorname{GELU}'(x) = \Phi(x) + x\,\varphi(x) \approx
        \tfrac12 \bigl(1 + \tanh u\bigr) + \tfrac12\, x \bigl(1 - \tanh^2 u\bigr)
        \sqrt{2/\pi}\,\bigl(1 + 3 \cdot 0.044715\,x^2\bigr)

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import gelu_derivative
        >>> gelu_derivative(torch.tensor([0.0, 1.0])).round(decimals=4)
        tensor([0.5000, 1.0833])
    """
    if approximate == "tanh":
        c = math.sqrt(2 / math.pi)
        t = tanh(c * (input + 0.044715 * input**3))
        return 0.5 * (1 + t) + 0.5 * input * (1 - t**2) * c * (1 + 3 * 0.044715 * input**2)
    cdf = 0.5 * (1 + torch.erf(input / math.sqrt(2)))
    density = torch.exp(-(input**2) / 2) / math.sqrt(2 * math.pi)
    return cdf + input * density


def elu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:
    r"""ELU: la identidad para :math:`x > 0` y una exponencial que satura en :math:`-\alpha`.

    .. math::

        \operatorname{ELU}(x) = \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0
        \end{cases}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import elu
        >>> elu(torch.tensor([-1000.0, 0.0, 2.0]))
        tensor([-1.,  0.,  2.])
    """
    # La exponencial de min(x, 0): en la rama que no se elige ni desborda ni da a autograd
    # un 0 · inf = nan.
    return torch.where(input > 0, input, alpha * torch.expm1(input.clamp(max=0)))


def elu_(input: Tensor, alpha: float = 1.0, scale: float = 1.0, input_scale: float = 1.0) -> Tensor:
    """El valor que escribe ``elu_`` de torch, sin tocar la entrada: ``scale · x`` si
    ``x > 0`` y ``scale · alpha · (exp(input_scale · x) - 1)`` si no; con las escalas por
    defecto, :func:`elu`."""
    negative = scale * alpha * torch.expm1(input_scale * input.clamp(max=0))  # ver elu
    return torch.where(input > 0, scale * input, negative)


def elu_derivative(input: Tensor, alpha: float = 1.0) -> Tensor:
    r"""Derivada de ELU; en :math:`x = 0` vale :math:`\alpha`, como en torch.

    .. math::

        \operatorname{ELU}'(x) = \begin{cases} 1 & x > 0 \\ \alpha\,e^{x} & x \le 0
        \end{cases}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import elu_derivative
        >>> elu_derivative(torch.tensor([-1000.0, 0.0, 2.0]), alpha=0.5)
        tensor([0.0000, 0.5000, 1.0000])
    """
    return torch.where(input > 0, 1.0, alpha * torch.exp(input))


def celu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:
    r"""CELU: ELU con la exponencial escalada para que la derivada sea continua en 0.

    .. math::

        \operatorname{CELU}(x) = \begin{cases} x & x > 0 \\
        \alpha\,\bigl(e^{x/\alpha} - 1\bigr) & x \le 0 \end{cases}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import celu
        >>> celu(torch.tensor([-1000.0, 0.0, 2.0]), alpha=2.0)
        tensor([-2.,  0.,  2.])
    """
    return torch.where(input > 0, input, alpha * torch.expm1(input.clamp(max=0) / alpha))


def celu_(input: Tensor, alpha: float = 1.0) -> Tensor:
    """El valor que escribe ``celu_`` de torch: :func:`celu`, sin tocar la entrada."""
    return celu(input, alpha)


def celu_derivative(input: Tensor, alpha: float = 1.0) -> Tensor:
    r"""Derivada de CELU: vale 1 a ambos lados de 0, sea cual sea :math:`\alpha`.

    .. math::

        \operatorname{CELU}'(x) = \begin{cases} 1 & x > 0 \\ e^{x/\alpha} & x \le 0
        \end{cases}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import celu_derivative
        >>> celu_derivative(torch.tensor([-1000.0, 0.0, 2.0]), alpha=2.0)
        tensor([0., 1., 1.])
    """
    return torch.where(input > 0, 1.0, torch.exp(input / alpha))


def selu(input: Tensor, inplace: bool = False) -> Tensor:
    r"""SELU: ELU escalada con las constantes :math:`\lambda \approx 1.0507` y
    :math:`\alpha \approx 1.6733`, que conservan media 0 y varianza 1.

    .. math::

        \operatorname{SELU}(x) = \lambda \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) &
        x \le 0 \end{cases}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import selu
        >>> selu(torch.tensor([-1000.0, 0.0, 1.0])).round(decimals=4)
        tensor([-1.7581,  0.0000,  1.0507])
    """
    return SELU_SCALE * elu(input, SELU_ALPHA)


def selu_(input: Tensor) -> Tensor:
    """El valor que escribe ``selu_`` de torch: :func:`selu`, sin tocar la entrada."""
    return selu(input)


def selu_derivative(input: Tensor) -> Tensor:
    r"""Derivada de SELU.

    .. math::

        \operatorname{SELU}'(x) = \lambda \begin{cases} 1 & x > 0 \\ \alpha\,e^{x} &
        x \le 0 \end{cases}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import selu_derivative
        >>> selu_derivative(torch.tensor([-1000.0, 1.0])).round(decimals=4)
        tensor([0.0000, 1.0507])
    """
    return SELU_SCALE * elu_derivative(input, SELU_ALPHA)


__all__ = [
    "celu",
    "celu_",
    "celu_derivative",
    "elu",
    "elu_",
    "elu_derivative",
    "gelu",
    "gelu_derivative",
    "logsigmoid",
    "logsigmoid_derivative",
    "mish",
    "mish_derivative",
    "selu",
    "selu_",
    "selu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "silu",
    "silu_derivative",
    "softplus",
    "softplus_derivative",
    "softsign",
    "softsign_derivative",
    "tanh",
    "tanh_derivative",
]
