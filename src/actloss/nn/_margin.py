"""Pérdidas de margen, de ranking y de inmersión como módulos.

Cada módulo guarda sus argumentos y llama a su función de
:mod:`actloss.functional`, donde están la fórmula y los detalles.
"""

from __future__ import annotations

from collections.abc import Callable

from torch import Tensor, nn

from actloss.functional import _margin as F
from actloss.functional._distance import pairwise_distance as _pairwise_distance
from actloss.nn._base import _Loss, _WeightedLoss


class MarginRankingLoss(_Loss):
    """Pérdida de ranking con margen; véase :func:`actloss.functional.margin_ranking_loss`.

    Argumentos:
        margin: el margen exigido. Por defecto: ``0.0``.
        size_average: obsoleto; use ``reduction``. Por defecto: ``None``.
        reduce: obsoleto; use ``reduction``. Por defecto: ``None``.
        reduction: ``'none'``, ``'mean'`` o ``'sum'``. Por defecto: ``'mean'``.

    Forma:
        - ``input1``, ``input2``, ``target``: :math:`(N)` o :math:`()`.
        - Salida: escalar, o :math:`(N)` con ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> loss = nn.MarginRankingLoss(margin=1.0)
        >>> loss(torch.tensor([3.0, 1.0]), torch.tensor([1.0, 2.0]), torch.tensor([1.0, 1.0]))
        tensor(1.)
    """

    def __init__(
        self,
        margin: float = 0.0,
        size_average: bool | None = None,
        reduce: bool | None = None,
        reduction: str = "mean",
    ) -> None:
        super().__init__(size_average, reduce, reduction)
        self.margin = margin

    def forward(self, input1: Tensor, input2: Tensor, target: Tensor) -> Tensor:
        return F.margin_ranking_loss(
            input1, input2, target, margin=self.margin, reduction=self.reduction
        )


class HingeEmbeddingLoss(_Loss):
    """Pérdida de inmersión con bisagra; véase :func:`actloss.functional.hinge_embedding_loss`.

    Argumentos:
        margin: el margen de los pares distintos. Por defecto: ``1.0``.
        size_average: obsoleto; use ``reduction``. Por defecto: ``None``.
        reduce: obsoleto; use ``reduction``. Por defecto: ``None``.
        reduction: ``'none'``, ``'mean'`` o ``'sum'``. Por defecto: ``'mean'``.

    Forma:
        - ``input``: :math:`(*)`; ``target``: la misma forma.
        - Salida: escalar, o la forma de la entrada con ``reduction='none'``.

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
        super().__init__(size_average, reduce, reduction)
        self.margin = margin

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.hinge_embedding_loss(input, target, margin=self.margin, reduction=self.reduction)


class MultiLabelMarginLoss(_Loss):
    """Pérdida de margen multietiqueta; véase :func:`actloss.functional.multilabel_margin_loss`.

    Argumentos:
        size_average: obsoleto; use ``reduction``. Por defecto: ``None``.
        reduce: obsoleto; use ``reduction``. Por defecto: ``None``.
        reduction: ``'none'``, ``'mean'`` o ``'sum'``. Por defecto: ``'mean'``.

    Forma:
        - ``input``: :math:`(C)` o :math:`(N, C)`; ``target``: la misma forma, índices
          terminados en -1.
        - Salida: escalar, o :math:`(N)` con ``reduction='none'``.

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

    Argumentos:
        size_average: obsoleto; use ``reduction``. Por defecto: ``None``.
        reduce: obsoleto; use ``reduction``. Por defecto: ``None``.
        reduction: ``'none'``, ``'mean'`` o ``'sum'``. Por defecto: ``'mean'``.

    Forma:
        - ``input``: :math:`(*)`; ``target``: la misma forma.
        - Salida: escalar, o la forma de la entrada con ``reduction='none'``.

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

    Argumentos:
        weight: pesos por clase. Por defecto: ``None``.
        size_average: obsoleto; use ``reduction``. Por defecto: ``None``.
        reduce: obsoleto; use ``reduction``. Por defecto: ``None``.
        reduction: ``'none'``, ``'mean'`` o ``'sum'``. Por defecto: ``'mean'``.

    Forma:
        - ``input``: :math:`(N, C)` o :math:`(C)`; ``target``: la misma forma, con 0 y 1.
        - Salida: escalar, o :math:`(N)` con ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.MultiLabelSoftMarginLoss()(torch.zeros(2, 3), torch.ones(2, 3))
        tensor(0.6931)
    """

    def __init__(
        self,
        weight: Tensor | None = None,
        size_average: bool | None = None,
        reduce: bool | None = None,
        reduction: str = "mean",
    ) -> None:
        super().__init__(weight, size_average, reduce, reduction)

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.multilabel_soft_margin_loss(
            input, target, weight=self.weight, reduction=self.reduction
        )


class CosineEmbeddingLoss(_Loss):
    """Pérdida de inmersión por coseno; véase :func:`actloss.functional.cosine_embedding_loss`.

    Argumentos:
        margin: el margen de los pares distintos. Por defecto: ``0.0``.
        size_average: obsoleto; use ``reduction``. Por defecto: ``None``.
        reduce: obsoleto; use ``reduction``. Por defecto: ``None``.
        reduction: ``'none'``, ``'mean'`` o ``'sum'``. Por defecto: ``'mean'``.

    Forma:
        - ``input1``, ``input2``: :math:`(N, D)` o :math:`(D)`; ``target``: :math:`(N)` o
          :math:`()`.
        - Salida: escalar, o :math:`(N)` con ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> a = torch.tensor([[1.0, 1.0]])
        >>> nn.CosineEmbeddingLoss()(a, 5 * a, torch.tensor([1.0]))
        tensor(0.)
    """

    def __init__(
        self,
        margin: float = 0.0,
        size_average: bool | None = None,
        reduce: bool | None = None,
        reduction: str = "mean",
    ) -> None:
        super().__init__(size_average, reduce, reduction)
        self.margin = margin

    def forward(self, input1: Tensor, input2: Tensor, target: Tensor) -> Tensor:
        return F.cosine_embedding_loss(
            input1, input2, target, margin=self.margin, reduction=self.reduction
        )


class MultiMarginLoss(_WeightedLoss):
    """Pérdida de margen multiclase; véase :func:`actloss.functional.multi_margin_loss`.

    Argumentos:
        p: el exponente, 1 o 2. Por defecto: ``1``.
        margin: el margen exigido. Por defecto: ``1.0``.
        weight: pesos por clase, de forma :math:`(C)`. Por defecto: ``None``.
        size_average: obsoleto; use ``reduction``. Por defecto: ``None``.
        reduce: obsoleto; use ``reduction``. Por defecto: ``None``.
        reduction: ``'none'``, ``'mean'`` o ``'sum'``. Por defecto: ``'mean'``.

    Forma:
        - ``input``: :math:`(N, C)` o :math:`(C)`; ``target``: :math:`(N)` o :math:`()`.
        - Salida: escalar, o :math:`(N)` con ``reduction='none'``.

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
        if p not in (1, 2):
            raise ValueError(f"MultiMarginLoss: el argumento `p` debe ser 1 o 2; se recibió {p!r}.")
        if weight is not None and weight.dim() != 1:
            raise ValueError(
                "MultiMarginLoss: el argumento `weight` debe ser None o unidimensional; "
                f"se recibió la forma {tuple(weight.shape)}."
            )
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

    Argumentos:
        margin: el margen, mayor que 0. Por defecto: ``1.0``.
        p: el orden de la norma. Por defecto: ``2.0``.
        eps: la constante que se suma a la diferencia. Por defecto: ``1e-06``.
        swap: usar el intercambio de distancias. Por defecto: ``False``.
        size_average: obsoleto; use ``reduction``. Por defecto: ``None``.
        reduce: obsoleto; use ``reduction``. Por defecto: ``None``.
        reduction: ``'none'``, ``'mean'`` o ``'sum'``. Por defecto: ``'mean'``.

    Forma:
        - ``anchor``, ``positive``, ``negative``: :math:`(N, D)` o :math:`(D)`.
        - Salida: escalar, o :math:`(N)` con ``reduction='none'``.

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
        if margin <= 0:
            raise ValueError(
                f"TripletMarginLoss: el argumento `margin` debe ser mayor que 0; "
                f"se recibió {margin}."
            )
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

    Argumentos:
        distance_function: la distancia entre dos tensores. Por defecto: ``None`` (la
            distancia euclídea, un ``PairwiseDistance``).
        margin: el margen, mayor que 0. Por defecto: ``1.0``.
        swap: usar el intercambio de distancias. Por defecto: ``False``.
        reduction: ``'none'``, ``'mean'`` o ``'sum'``. Por defecto: ``'mean'``.

    Forma:
        - ``anchor``, ``positive``, ``negative``: :math:`(N, *)` o :math:`(*)`.
        - Salida: escalar, o :math:`(N)` con ``reduction='none'``.

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
        if margin <= 0:
            raise ValueError(
                "TripletMarginWithDistanceLoss: el argumento `margin` debe ser mayor que 0; "
                f"se recibió {margin}."
            )
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
