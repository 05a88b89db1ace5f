"""Módulos de las pérdidas de regresión: cada uno es su función de
:mod:`actloss.functional` hecha módulo (:class:`~actloss.nn._base.FunctionModule`), donde
están la fórmula, los argumentos y las formas.

L1Loss, MSELoss y HuberLoss no reciben el ``weight`` de su función, como en torch, y los
argumentos de GaussianNLLLoss solo se pasan por nombre, también como en torch.
"""

from __future__ import annotations

from actloss.functional import _regression as F
from actloss.nn._base import FunctionModule


class L1Loss(FunctionModule, function=F.l1_loss, omit=("weight",)):
    pass


class MSELoss(FunctionModule, function=F.mse_loss, omit=("weight",)):
    pass


class SmoothL1Loss(FunctionModule, function=F.smooth_l1_loss, constants=("reduction",)):
    pass


class HuberLoss(FunctionModule, function=F.huber_loss, omit=("weight",)):
    delta: float

    def _setup(self) -> None:
        if not isinstance(self.delta, (float, int)):
            raise TypeError(
                f"HuberLoss: el argumento `delta` debe ser un float o un int; "
                f"se recibió {type(self.delta).__name__}."
            )


class PoissonNLLLoss(
    FunctionModule, function=F.poisson_nll_loss, input_names=("log_input", "target")
):
    pass


class GaussianNLLLoss(FunctionModule, function=F.gaussian_nll_loss, keyword_only=True):
    pass


class KLDivLoss(FunctionModule, function=F.kl_div, constants=("reduction",)):
    pass


__all__ = [
    "GaussianNLLLoss",
    "HuberLoss",
    "KLDivLoss",
    "L1Loss",
    "MSELoss",
    "PoissonNLLLoss",
    "SmoothL1Loss",
]
