"""Definición de los rectificadores: ReLU y sus variantes con pendiente negativa.

Como en todo :mod:`actloss.reference`, el argumento ``inplace`` está solo para tener la
firma de torch: la definición nunca modifica su entrada.
"""

from __future__ import annotations

import torch
from torch import Tensor


def relu(input: Tensor, inplace: bool = False) -> Tensor:
    r"""ReLU: deja pasar la parte positiva y anula la negativa.

    .. math::

        \operatorname{ReLU}(x) = \max(0, x)

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import relu
        >>> relu(torch.tensor([-2.0, 0.0, 3.0]))
        tensor([0., 0., 3.])
    """
    return torch.where(input > 0, input, 0.0)


def relu_(input: Tensor) -> Tensor:
    """El valor que escribe ``relu_`` de torch: :func:`relu`, sin tocar la entrada."""
    return relu(input)


def relu_derivative(input: Tensor) -> Tensor:
    r"""Derivada de ReLU: el escalón; en :math:`x = 0` vale 0, como en torch.

    .. math::

        \operatorname{ReLU}'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import relu_derivative
        >>> relu_derivative(torch.tensor([-2.0, 0.0, 3.0]))
        tensor([0., 0., 1.])
    """
    return (input > 0).to(input.dtype)


def leaky_relu(input: Tensor, negative_slope: float = 0.01, inplace: bool = False) -> Tensor:
    r"""LeakyReLU: las entradas negativas pasan multiplicadas por una pendiente pequeña.

    .. math::

        \operatorname{LeakyReLU}(x) = \begin{cases} x & x > 0 \\ a\,x & x \le 0 \end{cases}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import leaky_relu
        >>> leaky_relu(torch.tensor([-2.0, 3.0]), negative_slope=0.5)
        tensor([-1.,  3.])
    """
    return torch.where(input > 0, input, negative_slope * input)


def leaky_relu_(input: Tensor, negative_slope: float = 0.01) -> Tensor:
    """El valor que escribe ``leaky_relu_`` de torch: :func:`leaky_relu`, sin tocar la entrada."""
    return leaky_relu(input, negative_slope)


def leaky_relu_derivative(input: Tensor, negative_slope: float = 0.01) -> Tensor:
    r"""Derivada de LeakyReLU: 1 a la derecha del origen, :math:`a` a la izquierda.

    .. math::

        \operatorname{LeakyReLU}'(x) = \begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import leaky_relu_derivative
        >>> leaky_relu_derivative(torch.tensor([-2.0, 3.0]), negative_slope=0.5)
        tensor([0.5000, 1.0000])
    """
    return torch.where(input > 0, 1.0, torch.full_like(input, negative_slope))


def _channel_slopes(input: Tensor, weight: Tensor) -> Tensor:
    """Las pendientes de PReLU colocadas sobre la dimensión de canales (la 1)."""
    if input.dim() < 2:
        return weight
    return weight.reshape(-1, *[1] * (input.dim() - 2))


def prelu(input: Tensor, weight: Tensor) -> Tensor:
    r"""PReLU: LeakyReLU cuya pendiente negativa :math:`a` se aprende (una o una por canal).

    .. math::

        \operatorname{PReLU}(x) = \begin{cases} x & x > 0 \\ a\,x & x \le 0 \end{cases}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import prelu
        >>> prelu(torch.tensor([-2.0, 3.0]), torch.tensor([0.25]))
        tensor([-0.5000,  3.0000])
    """
    return torch.where(input > 0, input, _channel_slopes(input, weight) * input)


def prelu_derivative(input: Tensor, weight: Tensor) -> tuple[Tensor, Tensor]:
    r"""Las dos derivadas parciales de PReLU, elemento a elemento: respecto a :math:`x` y
    respecto a la pendiente :math:`a`.

    .. math::

        \frac{\partial y}{\partial x} = \begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases},
        \qquad
        \frac{\partial y}{\partial a} = \begin{cases} 0 & x > 0 \\ x & x \le 0 \end{cases}

    El gradiente de una pendiente es la suma de :math:`g \, \partial y / \partial a` sobre
    todas las posiciones que la comparten (todo el tensor, o su canal).

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import prelu_derivative
        >>> prelu_derivative(torch.tensor([-2.0, 3.0]), torch.tensor([0.25]))
        (tensor([0.2500, 1.0000]), tensor([-2.,  0.]))
    """
    positive = input > 0
    return torch.where(positive, 1.0, _channel_slopes(input, weight)), torch.where(
        positive, 0.0, input
    )


def _slope(
    input: Tensor,
    lower: float,
    upper: float,
    training: bool,
    generator: torch.Generator | None = None,
) -> Tensor | float:
    """Al entrenar, una pendiente sorteada por elemento de :math:`\\mathcal{U}(l, u)`; al
    evaluar, la media."""
    if not training:
        return (lower + upper) / 2
    u = torch.rand(input.shape, generator=generator, dtype=input.dtype, device=input.device)
    return lower + (upper - lower) * u


def rrelu(
    input: Tensor,
    lower: float = 1.0 / 8,
    upper: float = 1.0 / 3,
    training: bool = False,
    inplace: bool = False,
) -> Tensor:
    r"""RReLU: LeakyReLU con pendiente aleatoria al entrenar y la pendiente media al evaluar.

    .. math::

        \operatorname{RReLU}(x) = \begin{cases} x & x > 0 \\ a\,x & x \le 0 \end{cases},
        \qquad a \sim \mathcal{U}(l, u) \text{ al entrenar}, \quad
        a = \frac{l + u}{2} \text{ al evaluar}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import rrelu
        >>> rrelu(torch.tensor([-3.0, 3.0]), lower=0.25, upper=0.75)
        tensor([-1.5000,  3.0000])
    """
    return torch.where(input > 0, input, _slope(input, lower, upper, training) * input)


def rrelu_(
    input: Tensor,
    lower: float = 1.0 / 8,
    upper: float = 1.0 / 3,
    training: bool = False,
    generator: torch.Generator | None = None,
) -> Tensor:
    """El valor que escribe ``rrelu_`` de torch: :func:`rrelu`, sin tocar la entrada;
    ``generator`` sortea las pendientes al entrenar."""
    slope = _slope(input, lower, upper, training, generator)
    return torch.where(input > 0, input, slope * input)


def rrelu_derivative(input: Tensor, lower: float = 1.0 / 8, upper: float = 1.0 / 3) -> Tensor:
    r"""Derivada de RReLU al evaluar: la de LeakyReLU con la pendiente media.

    .. math::

        \operatorname{RReLU}'(x) = \begin{cases} 1 & x > 0 \\ \frac{l + u}{2} & x \le 0
        \end{cases}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import rrelu_derivative
        >>> rrelu_derivative(torch.tensor([-3.0, 3.0]), lower=0.25, upper=0.75)
        tensor([0.5000, 1.0000])
    """
    return leaky_relu_derivative(input, (lower + upper) / 2)


__all__ = [
    "leaky_relu",
    "leaky_relu_",
    "leaky_relu_derivative",
    "prelu",
    "prelu_derivative",
    "relu",
    "relu_",
    "relu_derivative",
    "rrelu",
    "rrelu_",
    "rrelu_derivative",
]
