"""Las pérdidas que no usan la respuesta más ofensiva: energía, perceptrón, NLL y MEE.

La pérdida de energía solo mira la respuesta correcta; la del perceptrón, la de menor
energía de todas (correcta incluida); NLL y MEE, todas a la vez a través de la
log-suma-exponencial :math:`\\log \\sum_k e^{-\\beta E_{n, k}}`, que se evalúa con
``torch.logsumexp`` para no desbordar. Ninguna necesita una respuesta incorrecta: con
:math:`K = 1` todas valen lo mismo que con la respuesta correcta sola. Todas reciben
``energies`` :math:`(N, K)`, ``target`` :math:`(N)` y ``reduction``, descritos una vez en
:mod:`actloss.energy`.
"""

from __future__ import annotations

import torch
from torch import Tensor

from actloss._validation import apply_reduction
from actloss.energy._checks import check_energies, check_positive
from actloss.energy._margin import _pick


def _log_probability(energies: Tensor, target: Tensor, beta: float) -> Tensor:
    r""":math:`\log p_\beta(y_n) = -\beta E_C - \log \sum_k e^{-\beta E_{n, k}} \le 0`.

    El logaritmo de la probabilidad de Gibbs de la respuesta correcta. La
    log-suma-exponencial no baja de su mayor término, así que el resultado nunca es
    positivo, tampoco en coma flotante.
    """
    scores = -beta * energies
    return _pick(scores, target) - torch.logsumexp(scores, dim=1)


def energy_loss(energies: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    r"""Pérdida de energía: la energía de la respuesta correcta, sin más.

    .. math::

        l_n = E_C = E_{n, y_n}

    Baja la energía correcta y no sube ninguna otra: su derivada es 1 respecto a
    :math:`E_C` y 0 respecto a las demás. No tiene margen. Con una arquitectura capaz de
    dar a todas las respuestas la misma energía, el entrenamiento aplana la superficie de
    energía y el modelo colapsa.

    Recibe ``energies``, ``target`` y ``reduction`` como todas las pérdidas de
    :mod:`actloss.energy`.

    Ejemplos:
        >>> import torch
        >>> from actloss.energy import energy_loss
        >>> energies = torch.tensor([[0.0, 0.5, 2.0], [1.0, 0.0, 3.0]])
        >>> energy_loss(energies, torch.tensor([0, 2]))
        tensor(1.5000)
    """
    check_energies(energies, target, reduction, "energy_loss", needs_incorrect=False)
    return apply_reduction(_pick(energies, target), reduction)


def perceptron_loss(energies: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    r"""Pérdida del perceptrón generalizado: :math:`E_C` menos la menor energía.

    .. math::

        l_n = E_C - \min_k E_{n, k}

    El mínimo incluye la respuesta correcta, así que :math:`l_n \ge 0` y vale 0 en cuanto
    la respuesta correcta tiene la menor energía: su margen es 0. Donde no, su derivada es
    :math:`+1` respecto a :math:`E_C` y :math:`-1` respecto a la respuesta de menor
    energía (la de menor índice si empatan). Es el límite de :func:`nll_loss` cuando
    :math:`\beta \to \infty`.

    Recibe ``energies``, ``target`` y ``reduction`` como todas las pérdidas de
    :mod:`actloss.energy`.

    Ejemplos:
        >>> import torch
        >>> from actloss.energy import perceptron_loss
        >>> energies = torch.tensor([[0.0, 0.5, 2.0], [1.0, 0.0, 3.0]])
        >>> perceptron_loss(energies, torch.tensor([0, 0]), reduction="none")
        tensor([0., 1.])
    """
    check_energies(energies, target, reduction, "perceptron_loss", needs_incorrect=False)
    lowest = energies.detach().argmin(dim=1)
    return apply_reduction(_pick(energies, target) - _pick(energies, lowest), reduction)


def nll_loss(
    energies: Tensor, target: Tensor, beta: float = 1.0, reduction: str = "mean"
) -> Tensor:
    r"""Log-verosimilitud negativa (NLL, o MMI): el coste de la distribución de Gibbs.

    .. math::

        l_n = E_C + \frac{1}{\beta} \log \sum_{k} e^{-\beta E_{n, k}}
            = -\frac{1}{\beta} \log p_\beta(y_n), \qquad
        p_\beta(k) = \frac{e^{-\beta E_{n, k}}}{\sum_j e^{-\beta E_{n, j}}}

    El exponente es :math:`-\beta E`: la respuesta de menor energía es la más probable
    (la versión inglesa de la clase 11-2 escribe :math:`e^{\beta E}`, una errata). Baja
    :math:`E_C` y sube todas las energías en proporción a su probabilidad: la derivada
    respecto a :math:`E_{n, k}` es :math:`[k = y_n] - p_\beta(k)`. Con
    :math:`\beta = 1` es ``cross_entropy(-energies, target)``; cuando
    :math:`\beta \to \infty` tiende a :func:`perceptron_loss`, a una distancia que no pasa
    de :math:`\log(K) / \beta`.

    Recibe ``energies``, ``target`` y ``reduction`` como todas las pérdidas de
    :mod:`actloss.energy`.

    Argumentos:
        beta: la inversa de la temperatura, :math:`\beta > 0`. Por defecto: ``1.0``.

    Ejemplos:
        >>> import torch
        >>> from actloss.energy import nll_loss
        >>> energies = torch.tensor([[0.0, 0.0], [0.0, 0.0]])
        >>> nll_loss(energies, torch.tensor([0, 1])).round(decimals=3)  # log 2
        tensor(0.6930)
    """
    check_energies(energies, target, reduction, "nll_loss", needs_incorrect=False)
    check_positive(beta, "beta", "nll_loss")
    return apply_reduction(-_log_probability(energies, target, beta) / beta, reduction)


def mee_loss(
    energies: Tensor, target: Tensor, beta: float = 1.0, reduction: str = "mean"
) -> Tensor:
    r"""Pérdida MEE (*minimum empirical error*): uno menos la probabilidad de acertar.

    .. math::

        l_n = 1 - \frac{e^{-\beta E_C}}{\sum_k e^{-\beta E_{n, k}}} = 1 - p_\beta(y_n)

    Se evalúa como :math:`-\operatorname{expm1}(\log p_\beta(y_n))`, exacta también cuando
    la probabilidad está cerca de 1. Queda en :math:`[0, 1]` y su gradiente se anula por
    los dos lados: cuando el modelo acierta con holgura y cuando falla por mucho. Con
    :math:`K = 2` y :math:`\beta = 1` coincide con :func:`mce_loss`.

    Recibe ``energies``, ``target`` y ``reduction`` como todas las pérdidas de
    :mod:`actloss.energy`.

    Argumentos:
        beta: la inversa de la temperatura, :math:`\beta > 0`. Por defecto: ``1.0``.

    Ejemplos:
        >>> import torch
        >>> from actloss.energy import mee_loss
        >>> energies = torch.tensor([[0.0, 0.0, 0.0, 0.0]])
        >>> mee_loss(energies, torch.tensor([2]))  # 1 - 1/4
        tensor(0.7500)
    """
    check_energies(energies, target, reduction, "mee_loss", needs_incorrect=False)
    check_positive(beta, "beta", "mee_loss")
    return apply_reduction(-torch.expm1(_log_probability(energies, target, beta)), reduction)
