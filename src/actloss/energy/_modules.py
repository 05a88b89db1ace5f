"""Las pérdidas de energía como módulos, al estilo de :mod:`actloss.nn`.

Cada módulo es su función de :mod:`actloss.energy` hecha módulo
(:class:`~actloss.nn._base.FunctionModule`): guarda los argumentos y su ``forward`` llama a
la función, donde están la fórmula, los argumentos, las formas y la derivada.
"""

from __future__ import annotations

from actloss.energy import _all_answers, _margin
from actloss.nn._base import FunctionModule


class EnergyLoss(FunctionModule, function=_all_answers.energy_loss):
    pass


class PerceptronLoss(FunctionModule, function=_all_answers.perceptron_loss):
    pass


class HingeLoss(FunctionModule, function=_margin.hinge_loss):
    pass


class LogLoss(FunctionModule, function=_margin.log_loss):
    pass


class LVQ2Loss(FunctionModule, function=_margin.lvq2_loss):
    pass


class MCELoss(FunctionModule, function=_margin.mce_loss):
    pass


class SquareSquareLoss(FunctionModule, function=_margin.square_square_loss):
    pass


class SquareExponentialLoss(FunctionModule, function=_margin.square_exponential_loss):
    pass


class NLLLoss(FunctionModule, function=_all_answers.nll_loss):
    """No es :class:`actloss.nn.NLLLoss`, que recibe log-probabilidades: esta recibe
    energías, y con :math:`\\beta = 1` equivale a ``CrossEntropyLoss`` sobre ``-energies``.
    """


class MEELoss(FunctionModule, function=_all_answers.mee_loss):
    pass
