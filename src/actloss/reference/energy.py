r"""Definición de las pérdidas de los modelos basados en energía (LeCun et al., 2006).

Cada pérdida de :mod:`actloss.energy` tal como la escribe el tutorial, con la misma
firma, y su gradiente en forma cerrada, ``<nombre>_gradient``: la matriz
:math:`G_{n, k} = \partial l_n / \partial E_{n, k}` de la pérdida sin reducir, de forma
:math:`(N, K)`. Las pruebas comparan con ellas los valores de :mod:`actloss.energy` y
los gradientes que calcula autograd.

La respuesta incorrecta más ofensiva se busca aquí de la forma más directa: se tapa la
correcta con :math:`+\infty` y se toma el mínimo de la fila.

Ejemplos:
    >>> import torch
    >>> from actloss.reference import energy
    >>> energies = torch.tensor([[0.0, 0.5, 2.0]])
    >>> energy.hinge_loss_gradient(energies, torch.tensor([0]))
    tensor([[ 1., -1.,  0.]])
"""

from __future__ import annotations

import math

import torch
from torch import Tensor

from actloss._validation import apply_reduction as _reduce


def _one_hot(index: Tensor, energies: Tensor) -> Tensor:
    """Una fila por muestra con un 1 en la columna ``index[n]``."""
    return (torch.arange(energies.shape[1]) == index.unsqueeze(1)).to(energies.dtype)


def _correct(energies: Tensor, target: Tensor) -> Tensor:
    """:math:`E_C`: la energía de la respuesta correcta de cada muestra."""
    return energies.gather(1, target.unsqueeze(1)).squeeze(1)


def most_offending(energies: Tensor, target: Tensor) -> Tensor:
    r""":math:`\bar y_n = \arg\min_{k \ne y_n} E_{n, k}`.

    Ejemplos:
        >>> import torch
        >>> from actloss.reference.energy import most_offending
        >>> most_offending(torch.tensor([[0.0, 0.5, 2.0]]), torch.tensor([1]))
        tensor([0])
    """
    hidden = energies.masked_fill(_one_hot(target, energies).bool(), math.inf)
    return hidden.argmin(dim=1)


def _offending(energies: Tensor, target: Tensor) -> Tensor:
    """:math:`E_I`: la energía de la respuesta incorrecta más ofensiva."""
    return energies.gather(1, most_offending(energies, target).unsqueeze(1)).squeeze(1)


def _gap(energies: Tensor, target: Tensor) -> Tensor:
    """:math:`E_C - E_I`: lo que la respuesta correcta pierde frente a la más ofensiva."""
    return _correct(energies, target) - _offending(energies, target)


def _push(energies: Tensor, target: Tensor, down: Tensor, up: Tensor) -> Tensor:
    """El gradiente de una pérdida de margen: ``down`` en :math:`E_C`, ``-up`` en :math:`E_I`."""
    correct = _one_hot(target, energies) * down.unsqueeze(1)
    return correct - _one_hot(most_offending(energies, target), energies) * up.unsqueeze(1)


def _gibbs(energies: Tensor, beta: float) -> Tensor:
    r""":math:`p_\beta(k) = e^{-\beta E_{n, k}} / \sum_j e^{-\beta E_{n, j}}`."""
    scores = -beta * energies
    return torch.exp(scores - torch.logsumexp(scores, dim=1, keepdim=True))


def energy_loss(energies: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    r"""Pérdida de energía: :math:`l_n = E_C`.

    Ejemplos:
        >>> import torch
        >>> from actloss.reference.energy import energy_loss
        >>> energy_loss(torch.tensor([[0.5, 2.0]]), torch.tensor([1]))
        tensor(2.)
    """
    return _reduce(_correct(energies, target), reduction)


def energy_loss_gradient(energies: Tensor, target: Tensor) -> Tensor:
    r""":math:`[k = y_n]`: 1 en la energía correcta y 0 en las demás."""
    return _one_hot(target, energies)


def perceptron_loss(energies: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    r"""Pérdida del perceptrón: :math:`l_n = E_C - \min_k E_{n, k}`.

    Ejemplos:
        >>> import torch
        >>> from actloss.reference.energy import perceptron_loss
        >>> perceptron_loss(torch.tensor([[0.5, 2.0]]), torch.tensor([1]))
        tensor(1.5000)
    """
    return _reduce(_correct(energies, target) - energies.min(dim=1).values, reduction)


def perceptron_loss_gradient(energies: Tensor, target: Tensor) -> Tensor:
    r""":math:`[k = y_n] - [k = \arg\min_j E_{n, j}]`."""
    return _one_hot(target, energies) - _one_hot(energies.argmin(dim=1), energies)


def hinge_loss(
    energies: Tensor, target: Tensor, margin: float = 1.0, reduction: str = "mean"
) -> Tensor:
    r"""Pérdida bisagra: :math:`l_n = \max(0, m + E_C - E_I)`.

    Ejemplos:
        >>> import torch
        >>> from actloss.reference.energy import hinge_loss
        >>> hinge_loss(torch.tensor([[0.0, 0.5, 2.0]]), torch.tensor([0]))
        tensor(0.5000)
    """
    return _reduce(torch.clamp(margin + _gap(energies, target), min=0), reduction)


def hinge_loss_gradient(energies: Tensor, target: Tensor, margin: float = 1.0) -> Tensor:
    r""":math:`\pm[m + E_C - E_I > 0]`: :math:`+` en :math:`E_C`, :math:`-` en :math:`E_I`."""
    gap = _gap(energies, target)
    active = (margin + gap > 0).to(energies.dtype)
    return _push(energies, target, active, active)


def log_loss(energies: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    r"""Pérdida logarítmica: :math:`l_n = \log(1 + e^{E_C - E_I})`.

    Ejemplos:
        >>> import torch
        >>> from actloss.reference.energy import log_loss
        >>> log_loss(torch.tensor([[1.0, 1.0]]), torch.tensor([0])).round(decimals=3)
        tensor(0.6930)
    """
    gap = _gap(energies, target)
    return _reduce(torch.logaddexp(torch.zeros_like(gap), gap), reduction)


def log_loss_gradient(energies: Tensor, target: Tensor) -> Tensor:
    r""":math:`\pm\sigma(E_C - E_I)`: :math:`+` en :math:`E_C`, :math:`-` en :math:`E_I`."""
    gap = _gap(energies, target)
    slope = 1 / (1 + torch.exp(-gap))
    return _push(energies, target, slope, slope)


def lvq2_loss(
    energies: Tensor, target: Tensor, saturation: float = 1.0, reduction: str = "mean"
) -> Tensor:
    r"""Pérdida LVQ2: :math:`l_n = \min(M, \max(0, E_C - E_I))`.

    Ejemplos:
        >>> import torch
        >>> from actloss.reference.energy import lvq2_loss
        >>> lvq2_loss(torch.tensor([[3.0, 0.0]]), torch.tensor([0]))
        tensor(1.)
    """
    return _reduce(torch.clamp(_gap(energies, target), min=0, max=saturation), reduction)


def lvq2_loss_gradient(energies: Tensor, target: Tensor, saturation: float = 1.0) -> Tensor:
    r""":math:`\pm[0 < E_C - E_I < M]`: :math:`+` en :math:`E_C`, :math:`-` en :math:`E_I`."""
    gap = _gap(energies, target)
    active = ((gap > 0) & (gap < saturation)).to(energies.dtype)
    return _push(energies, target, active, active)


def mce_loss(energies: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    r"""Pérdida MCE: :math:`l_n = \sigma(E_C - E_I) = 1 / (1 + e^{-(E_C - E_I)})`.

    Ejemplos:
        >>> import torch
        >>> from actloss.reference.energy import mce_loss
        >>> mce_loss(torch.tensor([[1.0, 1.0]]), torch.tensor([0]))
        tensor(0.5000)
    """
    return _reduce(1 / (1 + torch.exp(-_gap(energies, target))), reduction)


def mce_loss_gradient(energies: Tensor, target: Tensor) -> Tensor:
    r""":math:`\pm\sigma(z)(1 - \sigma(z))` con :math:`z = E_C - E_I`."""
    gap = _gap(energies, target)
    # sigma(z) (1 - sigma(z)) = sigma(z) sigma(-z): no 1 - 1 when sigma(z) is close to 1.
    slope = 1 / ((1 + torch.exp(-gap)) * (1 + torch.exp(gap)))
    return _push(energies, target, slope, slope)


def square_square_loss(
    energies: Tensor, target: Tensor, margin: float = 1.0, reduction: str = "mean"
) -> Tensor:
    r"""Pérdida cuadrado-cuadrado: :math:`l_n = E_C^2 + \max(0, m - E_I)^2`.

    Ejemplos:
        >>> import torch
        >>> from actloss.reference.energy import square_square_loss
        >>> square_square_loss(torch.tensor([[0.5, 0.5]]), torch.tensor([0]))
        tensor(0.5000)
    """
    correct, offending = _correct(energies, target), _offending(energies, target)
    return _reduce(correct**2 + torch.clamp(margin - offending, min=0) ** 2, reduction)


def square_square_loss_gradient(energies: Tensor, target: Tensor, margin: float = 1.0) -> Tensor:
    r""":math:`2E_C` en :math:`E_C` y :math:`-2\max(0, m - E_I)` en :math:`E_I`."""
    correct, offending = _correct(energies, target), _offending(energies, target)
    return _push(energies, target, 2 * correct, 2 * torch.clamp(margin - offending, min=0))


def square_exponential_loss(
    energies: Tensor, target: Tensor, gamma: float = 1.0, reduction: str = "mean"
) -> Tensor:
    r"""Pérdida cuadrado-exponencial: :math:`l_n = E_C^2 + \gamma e^{-E_I}`.

    Ejemplos:
        >>> import torch
        >>> from actloss.reference.energy import square_exponential_loss
        >>> square_exponential_loss(torch.tensor([[0.5, 0.0]]), torch.tensor([0]))
        tensor(1.2500)
    """
    correct, offending = _correct(energies, target), _offending(energies, target)
    return _reduce(correct**2 + gamma * torch.exp(-offending), reduction)


def square_exponential_loss_gradient(
    energies: Tensor, target: Tensor, gamma: float = 1.0
) -> Tensor:
    r""":math:`2E_C` en :math:`E_C` y :math:`-\gamma e^{-E_I}` en :math:`E_I`."""
    correct, offending = _correct(energies, target), _offending(energies, target)
    return _push(energies, target, 2 * correct, gamma * torch.exp(-offending))


def nll_loss(
    energies: Tensor, target: Tensor, beta: float = 1.0, reduction: str = "mean"
) -> Tensor:
    r"""NLL/MMI: :math:`l_n = E_C + \frac{1}{\beta}\log\sum_k e^{-\beta E_{n, k}}`.

    Ejemplos:
        >>> import torch
        >>> from actloss.reference.energy import nll_loss
        >>> nll_loss(torch.tensor([[1.0, 1.0]]), torch.tensor([0])).round(decimals=3)
        tensor(0.6930)
    """
    free_energy = torch.logsumexp(-beta * energies, dim=1) / beta
    return _reduce(_correct(energies, target) + free_energy, reduction)


def nll_loss_gradient(energies: Tensor, target: Tensor, beta: float = 1.0) -> Tensor:
    r""":math:`[k = y_n] - p_\beta(k)`."""
    return _one_hot(target, energies) - _gibbs(energies, beta)


def mee_loss(
    energies: Tensor, target: Tensor, beta: float = 1.0, reduction: str = "mean"
) -> Tensor:
    r"""MEE: :math:`l_n = 1 - e^{-\beta E_C} / \sum_k e^{-\beta E_{n, k}} = 1 - p_\beta(y_n)`.

    Ejemplos:
        >>> import torch
        >>> from actloss.reference.energy import mee_loss
        >>> mee_loss(torch.tensor([[1.0, 1.0]]), torch.tensor([0]))
        tensor(0.5000)
    """
    probability = _gibbs(energies, beta).gather(1, target.unsqueeze(1)).squeeze(1)
    return _reduce(1 - probability, reduction)


def mee_loss_gradient(energies: Tensor, target: Tensor, beta: float = 1.0) -> Tensor:
    r""":math:`\beta\, p_\beta(y_n) \bigl([k = y_n] - p_\beta(k)\bigr)`."""
    gibbs = _gibbs(energies, beta)
    correct = gibbs.gather(1, target.unsqueeze(1))
    return beta * correct * (_one_hot(target, energies) - gibbs)
