"""Definición de las activaciones lineales a trozos y de encogimiento.

En los pliegues la derivada toma el valor que usa torch: las desigualdades de cada
``<nombre>_derivative`` dicen cuál. ``inplace`` está solo por la firma de torch: la
definición nunca modifica su entrada.
"""

from __future__ import annotations

import torch
from torch import Tensor

from actloss.reference._smooth import tanh


def threshold(input: Tensor, threshold: float, value: float, inplace: bool = False) -> Tensor:
    r"""Umbral: deja pasar la entrada por encima de :math:`\theta` y pone :math:`v` debajo.

    .. math::

        y = \begin{cases} x & x > \theta \\ v & x \le \theta \end{cases}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import threshold
        >>> threshold(torch.tensor([0.0, 0.5, 2.0]), threshold=0.5, value=-1.0)
        tensor([-1., -1.,  2.])
    """
    return torch.where(input > threshold, input, value)


def threshold_(input: Tensor, threshold: float, value: float) -> Tensor:
    """El valor que escribe ``threshold_`` de torch, sin tocar la entrada: la fórmula de
    :func:`threshold`, que aquí no se puede llamar (el argumento ``threshold`` la tapa)."""
    return torch.where(input > threshold, input, value)


def threshold_derivative(input: Tensor, threshold: float, value: float) -> Tensor:
    r"""Derivada del umbral: 1 donde pasa la entrada y 0 donde se sustituye.

    .. math::

        y' = \begin{cases} 1 & x > \theta \\ 0 & x \le \theta \end{cases}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import threshold_derivative
        >>> threshold_derivative(torch.tensor([0.0, 2.0]), threshold=0.5, value=-1.0)
        tensor([0., 1.])
    """
    return (input > threshold).to(input.dtype)


def hardtanh(
    input: Tensor, min_val: float = -1.0, max_val: float = 1.0, inplace: bool = False
) -> Tensor:
    r"""Hardtanh: la identidad recortada al intervalo :math:`[a, b]`.

    .. math::

        \operatorname{Hardtanh}(x) = \min\bigl(\max(x, a), b\bigr)

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import hardtanh
        >>> hardtanh(torch.tensor([-3.0, 0.5, 3.0]))
        tensor([-1.0000,  0.5000,  1.0000])
    """
    return input.clamp(min_val, max_val)


def hardtanh_(input: Tensor, min_val: float = -1.0, max_val: float = 1.0) -> Tensor:
    """El valor que escribe ``hardtanh_`` de torch: :func:`hardtanh`, sin tocar la entrada."""
    return hardtanh(input, min_val, max_val)


def hardtanh_derivative(input: Tensor, min_val: float = -1.0, max_val: float = 1.0) -> Tensor:
    r"""Derivada de Hardtanh: 1 dentro del intervalo abierto y 0 fuera.

    .. math::

        \operatorname{Hardtanh}'(x) = \begin{cases} 1 & a < x < b \\ 0 &
        \text{en otro caso} \end{cases}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import hardtanh_derivative
        >>> hardtanh_derivative(torch.tensor([-3.0, 0.5, 1.0]))
        tensor([0., 1., 0.])
    """
    return ((input > min_val) & (input < max_val)).to(input.dtype)


def relu6(input: Tensor, inplace: bool = False) -> Tensor:
    r"""ReLU6: ReLU recortada en 6.

    .. math::

        \operatorname{ReLU6}(x) = \min\bigl(\max(0, x), 6\bigr)

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import relu6
        >>> relu6(torch.tensor([-1.0, 3.0, 9.0]))
        tensor([0., 3., 6.])
    """
    return input.clamp(0.0, 6.0)


def relu6_derivative(input: Tensor) -> Tensor:
    r"""Derivada de ReLU6: 1 en :math:`(0, 6)` y 0 fuera.

    .. math::

        \operatorname{ReLU6}'(x) = \begin{cases} 1 & 0 < x < 6 \\ 0 & \text{en otro caso}
        \end{cases}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import relu6_derivative
        >>> relu6_derivative(torch.tensor([-1.0, 3.0, 9.0]))
        tensor([0., 1., 0.])
    """
    return hardtanh_derivative(input, 0.0, 6.0)


def hardsigmoid(input: Tensor, inplace: bool = False) -> Tensor:
    r"""Sigmoide dura: una recta de pendiente 1/6 entre -3 y 3, recortada a :math:`[0, 1]`.

    .. math::

        \operatorname{Hardsigmoid}(x) = \frac{\min\bigl(\max(x + 3, 0), 6\bigr)}{6}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import hardsigmoid
        >>> hardsigmoid(torch.tensor([-6.0, 0.0, 6.0]))
        tensor([0.0000, 0.5000, 1.0000])
    """
    return (input + 3).clamp(0.0, 6.0) / 6


def hardsigmoid_derivative(input: Tensor) -> Tensor:
    r"""Derivada de la sigmoide dura: 1/6 en :math:`(-3, 3)` y 0 fuera.

    .. math::

        \operatorname{Hardsigmoid}'(x) = \begin{cases} 1/6 & -3 < x < 3 \\ 0 &
        \text{en otro caso} \end{cases}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import hardsigmoid_derivative
        >>> hardsigmoid_derivative(torch.tensor([-6.0, 0.0])).round(decimals=4)
        tensor([0.0000, 0.1667])
    """
    return hardtanh_derivative(input, -3.0, 3.0) / 6


def hardswish(input: Tensor, inplace: bool = False) -> Tensor:
    r"""Hardswish: la entrada por su sigmoide dura, como SiLU sin exponenciales.

    .. math::

        \operatorname{Hardswish}(x) = x\,\frac{\min\bigl(\max(x + 3, 0), 6\bigr)}{6}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import hardswish
        >>> hardswish(torch.tensor([-6.0, 1.0, 6.0])).round(decimals=4)
        tensor([-0.0000,  0.6667,  6.0000])
    """
    return input * hardsigmoid(input)


def hardswish_derivative(input: Tensor) -> Tensor:
    r"""Derivada de Hardswish: 0, una recta y 1; en :math:`x = \pm 3` como torch.

    .. math::

        \operatorname{Hardswish}'(x) = \begin{cases} 0 & x < -3 \\ x/3 + 1/2 &
        -3 \le x \le 3 \\ 1 & x > 3 \end{cases}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import hardswish_derivative
        >>> hardswish_derivative(torch.tensor([-6.0, 0.0, 6.0]))
        tensor([0.0000, 0.5000, 1.0000])
    """
    middle = torch.where(input > 3, 1.0, input / 3 + 0.5)
    return torch.where(input < -3, 0.0, middle)


def hardshrink(input: Tensor, lambd: float = 0.5) -> Tensor:
    r"""Encogimiento duro: anula las entradas con :math:`|x| \le \lambda` y deja el resto.

    .. math::

        \operatorname{Hardshrink}(x) = \begin{cases} x & |x| > \lambda \\ 0 &
        |x| \le \lambda \end{cases}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import hardshrink
        >>> hardshrink(torch.tensor([-2.0, 0.25, 1.0]))
        tensor([-2.,  0.,  1.])
    """
    return torch.where(input.abs() > lambd, input, 0.0)


def hardshrink_derivative(input: Tensor, lambd: float = 0.5) -> Tensor:
    r"""Derivada del encogimiento duro.

    .. math::

        \operatorname{Hardshrink}'(x) = \begin{cases} 1 & |x| > \lambda \\ 0 &
        |x| \le \lambda \end{cases}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import hardshrink_derivative
        >>> hardshrink_derivative(torch.tensor([-2.0, 0.25, 1.0]))
        tensor([1., 0., 1.])
    """
    return (input.abs() > lambd).to(input.dtype)


def softshrink(input: Tensor, lambd: float = 0.5) -> Tensor:
    r"""Encogimiento suave: acerca cada entrada a 0 en :math:`\lambda`, sin pasar de 0.

    .. math::

        \operatorname{Softshrink}(x) = \operatorname{sign}(x)\,\max\bigl(|x| - \lambda,
        0\bigr)

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import softshrink
        >>> softshrink(torch.tensor([-2.0, 0.25, 1.0]))
        tensor([-1.5000,  0.0000,  0.5000])
    """
    return torch.sign(input) * (input.abs() - lambd).clamp(min=0.0)


def softshrink_derivative(input: Tensor, lambd: float = 0.5) -> Tensor:
    r"""Derivada del encogimiento suave: la misma que la del duro, porque los dos tramos
    de fuera tienen pendiente 1 y el de dentro es constante.

    .. math::

        \operatorname{Softshrink}'(x) = \operatorname{Hardshrink}'(x)

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import softshrink_derivative
        >>> softshrink_derivative(torch.tensor([-2.0, 0.25, 1.0]))
        tensor([1., 0., 1.])
    """
    return hardshrink_derivative(input, lambd)


def tanhshrink(input: Tensor) -> Tensor:
    r"""Tanhshrink: la entrada menos su tanh.

    .. math::

        \operatorname{Tanhshrink}(x) = x - \tanh(x)

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import tanhshrink
        >>> tanhshrink(torch.tensor([0.0, 100.0]))
        tensor([ 0., 99.])
    """
    return input - tanh(input)


def tanhshrink_derivative(input: Tensor) -> Tensor:
    r"""Derivada de Tanhshrink: :math:`1 - (1 - \tanh^2 x)`.

    .. math::

        \operatorname{Tanhshrink}'(x) = \tanh^2(x)

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import tanhshrink_derivative
        >>> tanhshrink_derivative(torch.tensor([0.0, 100.0]))
        tensor([0., 1.])
    """
    return tanh(input) ** 2


__all__ = [
    "hardshrink",
    "hardshrink_derivative",
    "hardsigmoid",
    "hardsigmoid_derivative",
    "hardswish",
    "hardswish_derivative",
    "hardtanh",
    "hardtanh_",
    "hardtanh_derivative",
    "relu6",
    "relu6_derivative",
    "softshrink",
    "softshrink_derivative",
    "tanhshrink",
    "tanhshrink_derivative",
    "threshold",
    "threshold_",
    "threshold_derivative",
]
