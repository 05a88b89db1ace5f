"""Lo que comparten las pérdidas de referencia: cómo se reduce la pérdida de cada elemento."""

from __future__ import annotations

from torch import Tensor


def _reduction(size_average: bool | None, reduce: bool | None, reduction: str) -> str:
    """La reducción pedida; ``size_average`` y ``reduce`` son sus nombres antiguos en torch."""
    if size_average is None and reduce is None:
        return reduction
    if reduce is False:
        return "none"
    return "sum" if size_average is False else "mean"


def _reduce(loss: Tensor, reduction: str, total: Tensor | float | None = None) -> Tensor:
    """``'none'`` deja cada pérdida, ``'sum'`` las suma y ``'mean'`` divide la suma por
    ``total`` (por defecto, el número de pérdidas; con pesos, la suma de los pesos)."""
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    if reduction == "mean":
        return loss.sum() / (loss.numel() if total is None else total)
    raise ValueError(f"`reduction` debe ser 'none', 'mean' o 'sum'; se recibió {reduction!r}")


def _reduce_weighted(loss: Tensor, weight: Tensor | None, reduction: str) -> Tensor:
    r"""Como :func:`_reduce`; con ``weight``, cada pérdida pesa :math:`w_n` y ``'mean'`` es la
    media ponderada, :math:`\sum_n w_n l_n / \sum_n w_n`."""
    if weight is None:
        return _reduce(loss, reduction)
    return _reduce(loss * weight, reduction, weight.sum())
