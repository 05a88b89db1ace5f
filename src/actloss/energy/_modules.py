"""Las pérdidas de energía como módulos, al estilo de :mod:`actloss.nn`.

Cada módulo guarda sus argumentos y su ``forward`` llama en una línea a su función de
:mod:`actloss.energy`, donde están la fórmula, los argumentos, las formas y la derivada.
"""

from __future__ import annotations

from torch import Tensor, nn

from actloss.energy._all_answers import energy_loss, mee_loss, nll_loss, perceptron_loss
from actloss.energy._margin import (
    hinge_loss,
    log_loss,
    lvq2_loss,
    mce_loss,
    square_exponential_loss,
    square_square_loss,
)


class _EnergyLoss(nn.Module):
    """Base de las pérdidas de energía: guarda ``reduction``."""

    def __init__(self, reduction: str = "mean") -> None:
        super().__init__()
        self.reduction = reduction


class _MarginEnergyLoss(_EnergyLoss):
    """Base de las pérdidas cuyo argumento propio es ``margin`` (``1.0`` por defecto)."""

    def __init__(self, margin: float = 1.0, reduction: str = "mean") -> None:
        super().__init__(reduction)
        self.margin = margin


class _GibbsLoss(_EnergyLoss):
    """Base de las pérdidas de la distribución de Gibbs, con ``beta`` (``1.0`` por defecto)."""

    def __init__(self, beta: float = 1.0, reduction: str = "mean") -> None:
        super().__init__(reduction)
        self.beta = beta


class EnergyLoss(_EnergyLoss):
    """Pérdida de energía; véase :func:`actloss.energy.energy_loss`.

    Ejemplos:
        >>> import torch
        >>> from actloss import energy
        >>> energy.EnergyLoss()(torch.tensor([[0.5, 2.0], [3.0, 1.0]]), torch.tensor([0, 1]))
        tensor(0.7500)
    """

    def forward(self, energies: Tensor, target: Tensor) -> Tensor:
        return energy_loss(energies, target, reduction=self.reduction)


class PerceptronLoss(_EnergyLoss):
    """Pérdida del perceptrón generalizado; véase :func:`actloss.energy.perceptron_loss`.

    Ejemplos:
        >>> import torch
        >>> from actloss import energy
        >>> loss = energy.PerceptronLoss(reduction="none")
        >>> loss(torch.tensor([[0.5, 2.0], [3.0, 1.0]]), torch.tensor([0, 0]))
        tensor([0., 2.])
    """

    def forward(self, energies: Tensor, target: Tensor) -> Tensor:
        return perceptron_loss(energies, target, reduction=self.reduction)


class HingeLoss(_MarginEnergyLoss):
    """Pérdida bisagra de energía; véase :func:`actloss.energy.hinge_loss`.

    Ejemplos:
        >>> import torch
        >>> from actloss import energy
        >>> loss = energy.HingeLoss(margin=2.0, reduction="none")
        >>> loss(torch.tensor([[0.5, 2.0], [3.0, 1.0]]), torch.tensor([0, 0]))
        tensor([0.5000, 4.0000])
    """

    def forward(self, energies: Tensor, target: Tensor) -> Tensor:
        return hinge_loss(energies, target, margin=self.margin, reduction=self.reduction)


class LogLoss(_EnergyLoss):
    """Pérdida logarítmica de energía; véase :func:`actloss.energy.log_loss`.

    Ejemplos:
        >>> import torch
        >>> from actloss import energy
        >>> energy.LogLoss()(torch.tensor([[1.0, 1.0]]), torch.tensor([0])).round(decimals=3)
        tensor(0.6930)
    """

    def forward(self, energies: Tensor, target: Tensor) -> Tensor:
        return log_loss(energies, target, reduction=self.reduction)


class LVQ2Loss(_EnergyLoss):
    """Pérdida LVQ2; véase :func:`actloss.energy.lvq2_loss`.

    Ejemplos:
        >>> import torch
        >>> from actloss import energy
        >>> loss = energy.LVQ2Loss(saturation=2.0, reduction="none")
        >>> loss(torch.tensor([[0.5, 2.0], [3.0, 1.5], [5.0, 1.0]]), torch.tensor([0, 0, 0]))
        tensor([0.0000, 1.5000, 2.0000])
    """

    def __init__(self, saturation: float = 1.0, reduction: str = "mean") -> None:
        super().__init__(reduction)
        self.saturation = saturation

    def forward(self, energies: Tensor, target: Tensor) -> Tensor:
        return lvq2_loss(energies, target, saturation=self.saturation, reduction=self.reduction)


class MCELoss(_EnergyLoss):
    """Pérdida MCE; véase :func:`actloss.energy.mce_loss`.

    Ejemplos:
        >>> import torch
        >>> from actloss import energy
        >>> energy.MCELoss()(torch.tensor([[1.0, 1.0]]), torch.tensor([0]))
        tensor(0.5000)
    """

    def forward(self, energies: Tensor, target: Tensor) -> Tensor:
        return mce_loss(energies, target, reduction=self.reduction)


class SquareSquareLoss(_MarginEnergyLoss):
    """Pérdida cuadrado-cuadrado; véase :func:`actloss.energy.square_square_loss`.

    Ejemplos:
        >>> import torch
        >>> from actloss import energy
        >>> loss = energy.SquareSquareLoss(margin=2.0, reduction="none")
        >>> loss(torch.tensor([[0.5, 2.0], [0.0, 1.0]]), torch.tensor([0, 0]))
        tensor([0.2500, 1.0000])
    """

    def forward(self, energies: Tensor, target: Tensor) -> Tensor:
        return square_square_loss(energies, target, margin=self.margin, reduction=self.reduction)


class SquareExponentialLoss(_EnergyLoss):
    """Pérdida cuadrado-exponencial; véase :func:`actloss.energy.square_exponential_loss`.

    Ejemplos:
        >>> import torch
        >>> from actloss import energy
        >>> loss = energy.SquareExponentialLoss(gamma=2.0)
        >>> loss(torch.tensor([[0.5, 0.0]]), torch.tensor([0]))
        tensor(2.2500)
    """

    def __init__(self, gamma: float = 1.0, reduction: str = "mean") -> None:
        super().__init__(reduction)
        self.gamma = gamma

    def forward(self, energies: Tensor, target: Tensor) -> Tensor:
        return square_exponential_loss(energies, target, gamma=self.gamma, reduction=self.reduction)


class NLLLoss(_GibbsLoss):
    """Log-verosimilitud negativa de energía; véase :func:`actloss.energy.nll_loss`.

    No es :class:`actloss.nn.NLLLoss`, que recibe log-probabilidades: esta recibe
    energías, y con :math:`\\beta = 1` equivale a ``CrossEntropyLoss`` sobre
    ``-energies``.

    Ejemplos:
        >>> import torch
        >>> from actloss import energy
        >>> loss = energy.NLLLoss(beta=2.0)
        >>> loss(torch.tensor([[1.0, 1.0]]), torch.tensor([0])).round(decimals=3)  # log(2)/2
        tensor(0.3470)
    """

    def forward(self, energies: Tensor, target: Tensor) -> Tensor:
        return nll_loss(energies, target, beta=self.beta, reduction=self.reduction)


class MEELoss(_GibbsLoss):
    """Pérdida MEE; véase :func:`actloss.energy.mee_loss`.

    Ejemplos:
        >>> import torch
        >>> from actloss import energy
        >>> energy.MEELoss()(torch.tensor([[1.0, 1.0]]), torch.tensor([1]))
        tensor(0.5000)
    """

    def forward(self, energies: Tensor, target: Tensor) -> Tensor:
        return mee_loss(energies, target, beta=self.beta, reduction=self.reduction)
