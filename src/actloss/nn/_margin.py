"""Pérdidas de margen, de ranking y de inmersión como módulos.

Cada módulo guarda sus argumentos y llama a su función de
:mod:`actloss.functional`, donde están la fórmula, los argumentos y las formas.
"""

from __future__ import annotations

from collections.abc import Callable

from torch import Tensor, nn

from actloss._validation import check_multi_margin, check_positive_margin
from actloss.functional import _margin as F
from actloss.functional._distance import pairwise_distance as _pairwise_distance
from actloss.nn._base import _Loss, _WeightedLoss


class _MarginLoss(_Loss):
    """Base de las pérdidas cuyo argumento propio es ``margin`` (``0.0`` por defecto)."""

    def __init__(
        self,
        margin: float = 0.0,
        size_average: bool | None = None,
        reduce: bool | None = None,
        reduction: str = "mean",
    ) -> None:
        super().__init__(size_average, reduce, reduction)
        self.margin = margin


class MarginRankingLoss(_MarginLoss):
    """Pérdida de ranking con margen; véase :func:`actloss.functional.margin_ranking_loss`.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> loss = nn.MarginRankingLoss(margin=1.0)
        >>> loss(torch.tensor([3.0, 1.0]), torch.tensor([1.0, 2.0]), torch.tensor([1.0, 1.0]))
        tensor(1.)
    """

    def forward(self, input1: Tensor, input2: Tensor, target: Tensor) -> Tensor:
        return F.margin_ranking_loss(
            input1, input2, target, margin=self.margin, reduction=self.reduction
        )


class HingeEmbeddingLoss(_MarginLoss):
    """Pérdida de inmersión con bisagra; véase :func:`actloss.functional.hinge_embedding_loss`.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.HingeEmbeddingLoss()(torch.tensor([0.5, 2.0]), torch.tensor([-1.0, -1.0]))
        tensor(0.2500)
    """

    def __init__(
        self,
        margin: float = 1.0,
        size_average: bool | None = None,
        reduce: bool | None = None,
        reduction: str = "mean",
    ) -> None:
        super().__init__(margin, size_average, reduce, reduction)

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.hinge_embedding_loss(input, target, margin=self.margin, reduction=self.reduction)


class MultiLabelMarginLoss(_Loss):
    """Pérdida de margen multietiqueta; véase :func:`actloss.functional.multilabel_margin_loss`.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> x = torch.tensor([[0.1, 0.2, 0.4, 0.8]])
        >>> nn.MultiLabelMarginLoss()(x, torch.tensor([[3, 0, -1, 1]]))
        tensor(0.8500)
    """

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.multilabel_margin_loss(input, target, reduction=self.reduction)


class SoftMarginLoss(_Loss):
    """Pérdida de margen suave; véase :func:`actloss.functional.soft_margin_loss`.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.SoftMarginLoss()(torch.tensor([0.0, 0.0]), torch.tensor([1.0, -1.0]))
        tensor(0.6931)
    """

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.soft_margin_loss(input, target, reduction=self.reduction)


class MultiLabelSoftMarginLoss(_WeightedLoss):
    """Pérdida multietiqueta logística.

    Véase :func:`actloss.functional.multilabel_soft_margin_loss`.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.MultiLabelSoftMarginLoss()(torch.zeros(2, 3), torch.ones(2, 3))
        tensor(0.6931)
    """

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.multilabel_soft_margin_loss(
            input, target, weight=self.weight, reduction=self.reduction
        )


class CosineEmbeddingLoss(_MarginLoss):
    """Pérdida de inmersión por coseno; véase :func:`actloss.functional.cosine_embedding_loss`.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> a = torch.tensor([[1.0, 1.0]])
        >>> nn.CosineEmbeddingLoss()(a, 5 * a, torch.tensor([1.0]))
        tensor(0.)
    """

    def forward(self, input1: Tensor, input2: Tensor, target: Tensor) -> Tensor:
        return F.cosine_embedding_loss(
            input1, input2, target, margin=self.margin, reduction=self.reduction
        )


class MultiMarginLoss(_WeightedLoss):
    """Pérdida de margen multiclase; véase :func:`actloss.functional.multi_margin_loss`.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.MultiMarginLoss()(torch.tensor([[0.1, 0.2, 0.4, 0.8]]), torch.tensor([3]))
        tensor(0.3250)
    """

    def __init__(
        self,
        p: int = 1,
        margin: float = 1.0,
        weight: Tensor | None = None,
        size_average: bool | None = None,
        reduce: bool | None = None,
        reduction: str = "mean",
    ) -> None:
        super().__init__(weight, size_average, reduce, reduction)
        check_multi_margin(p, weight, "MultiMarginLoss")
        self.p = p
        self.margin = margin

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.multi_margin_loss(
            input,
            target,
            p=self.p,
            margin=self.margin,
            weight=self.weight,
            reduction=self.reduction,
        )


class TripletMarginLoss(_Loss):
    """Pérdida de tripletes; véase :func:`actloss.functional.triplet_margin_loss`.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> a, pos, neg = torch.zeros(1, 2), torch.tensor([[3.0, 4.0]]), torch.tensor([[0.0, 2.0]])
        >>> nn.TripletMarginLoss(eps=0.0)(a, pos, neg)
        tensor(4.)
    """

    def __init__(
        self,
        margin: float = 1.0,
        p: float = 2.0,
        eps: float = 1e-06,
        swap: bool = False,
        size_average: bool | None = None,
        reduce: bool | None = None,
        reduction: str = "mean",
    ) -> None:
        super().__init__(size_average, reduce, reduction)
        check_positive_margin(margin, "TripletMarginLoss")
        self.margin = margin
        self.p = p
        self.eps = eps
        self.swap = swap

    def forward(self, anchor: Tensor, positive: Tensor, negative: Tensor) -> Tensor:
        return F.triplet_margin_loss(
            anchor,
            positive,
            negative,
            margin=self.margin,
            p=self.p,
            eps=self.eps,
            swap=self.swap,
            reduction=self.reduction,
        )


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


class TripletMarginWithDistanceLoss(_Loss):
    """Pérdida de tripletes con una distancia cualquiera; véase
    :func:`actloss.functional.triplet_margin_with_distance_loss`.

    Sin ``distance_function``, el módulo guarda un ``PairwiseDistance`` (la distancia
    euclídea) como submódulo, como torch.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> a, pos, neg = torch.zeros(1, 2), torch.tensor([[3.0, 4.0]]), torch.tensor([[0.0, 2.0]])
        >>> l1 = lambda u, v: (u - v).abs().sum(-1)
        >>> nn.TripletMarginWithDistanceLoss(distance_function=l1)(a, pos, neg)
        tensor(6.)
    """

    def __init__(
        self,
        *,
        distance_function: Callable[[Tensor, Tensor], Tensor] | None = None,
        margin: float = 1.0,
        swap: bool = False,
        reduction: str = "mean",
    ) -> None:
        super().__init__(size_average=None, reduce=None, reduction=reduction)
        check_positive_margin(margin, "TripletMarginWithDistanceLoss")
        self.distance_function: Callable[[Tensor, Tensor], Tensor] | None = (
            distance_function if distance_function is not None else PairwiseDistance()
        )
        self.margin = margin
        self.swap = swap

    def forward(self, anchor: Tensor, positive: Tensor, negative: Tensor) -> Tensor:
        return F.triplet_margin_with_distance_loss(
            anchor,
            positive,
            negative,
            distance_function=self.distance_function,
            margin=self.margin,
            swap=self.swap,
            reduction=self.reduction,
        )


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
