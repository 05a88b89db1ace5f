"""Pérdidas de margen, de ranking y de inmersión como módulos.

Cada módulo es su función de :mod:`actloss.functional` hecha módulo
(:class:`~actloss.nn._base.FunctionModule`), donde están la fórmula, los argumentos y las
formas. Lo único propio de algunos es comprobar sus argumentos al construirse, como torch.
"""

from __future__ import annotations

from collections.abc import Callable

from torch import Tensor, nn

from actloss._validation import check_multi_margin, check_positive_margin
from actloss.functional import _margin as F
from actloss.functional._distance import pairwise_distance as _pairwise_distance
from actloss.nn._base import FunctionModule


class MarginRankingLoss(FunctionModule, function=F.margin_ranking_loss, defaults={"margin": 0.0}):
    pass


class HingeEmbeddingLoss(FunctionModule, function=F.hinge_embedding_loss):
    pass


class MultiLabelMarginLoss(FunctionModule, function=F.multilabel_margin_loss):
    pass


class SoftMarginLoss(FunctionModule, function=F.soft_margin_loss):
    pass


class MultiLabelSoftMarginLoss(FunctionModule, function=F.multilabel_soft_margin_loss):
    pass


class CosineEmbeddingLoss(
    FunctionModule, function=F.cosine_embedding_loss, defaults={"margin": 0.0}
):
    pass


class MultiMarginLoss(FunctionModule, function=F.multi_margin_loss):
    p: int
    weight: Tensor | None

    def _setup(self) -> None:
        check_multi_margin(self.p, self.weight, "MultiMarginLoss")


class TripletMarginLoss(FunctionModule, function=F.triplet_margin_loss, defaults={"p": 2.0}):
    margin: float

    def _setup(self) -> None:
        check_positive_margin(self.margin, "TripletMarginLoss")


class PairwiseDistance(nn.Module):
    """La distancia :math:`\\lVert x_1 - x_2 + \\varepsilon \\rVert_p` por filas.

    La distancia por defecto de :class:`TripletMarginWithDistanceLoss` (no es una
    entrada del catálogo).

    Ejemplos:
        >>> import torch
        >>> PairwiseDistance(eps=0.0)(torch.zeros(1, 2), torch.tensor([[3.0, 4.0]]))
        tensor([5.])
    """

    def __init__(self, p: float = 2.0, eps: float = 1e-6, keepdim: bool = False) -> None:
        super().__init__()
        self.norm = p
        self.eps = eps
        self.keepdim = keepdim

    def forward(self, x1: Tensor, x2: Tensor) -> Tensor:
        distance = _pairwise_distance(x1, x2, self.norm, self.eps)
        return distance.unsqueeze(-1) if self.keepdim else distance


class TripletMarginWithDistanceLoss(
    FunctionModule,
    function=F.triplet_margin_with_distance_loss,
    keyword_only=True,
    constants=("margin", "swap", "reduction"),
):
    """Sin ``distance_function``, el módulo guarda un ``PairwiseDistance`` (la distancia
    euclídea) como submódulo, como torch.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> a, pos, neg = torch.zeros(1, 2), torch.tensor([[3.0, 4.0]]), torch.tensor([[0.0, 2.0]])
        >>> l1 = lambda u, v: (u - v).abs().sum(-1)
        >>> nn.TripletMarginWithDistanceLoss(distance_function=l1)(a, pos, neg)
        tensor(6.)
    """

    distance_function: Callable[[Tensor, Tensor], Tensor] | None
    margin: float

    def _setup(self) -> None:
        check_positive_margin(self.margin, "TripletMarginWithDistanceLoss")
        if self.distance_function is None:
            self.distance_function = PairwiseDistance()


__all__ = [
    "CosineEmbeddingLoss",
    "HingeEmbeddingLoss",
    "MarginRankingLoss",
    "MultiLabelMarginLoss",
    "MultiLabelSoftMarginLoss",
    "MultiMarginLoss",
    "SoftMarginLoss",
    "TripletMarginLoss",
    "TripletMarginWithDistanceLoss",
]
