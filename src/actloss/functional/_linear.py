"""Los pasos de :func:`~actloss.functional.linear_cross_entropy`, cada uno con su nombre.

Comprobar las formas (:func:`check_shapes`), decidir si el lote va por bloques como en
torch (:func:`by_chunks`), proyectar a los logits (:func:`projection`) y, por bloques de
filas (:func:`chunk_rows`), sumar las pérdidas de cada bloque recalculando sus logits en
la retropropagación (:func:`chunked`), de modo que la matriz :math:`(N, C)` completa
nunca vive entera en memoria.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import torch
from torch import Tensor

from actloss._validation import require_int, require_tensor, warn_caller


class Shapes(NamedTuple):
    """Los tamaños de una capa lineal con su pérdida."""

    in_features: int  # F
    classes: int  # C
    out_features: tuple[int, ...]  # (d_1, ..., d_K) of a K-dimensional loss
    logits: tuple[int, ...]  # (N, C, d_1, ..., d_K), or (C, ...) without a batch


def check_shapes(
    input: Tensor,
    linear_weight: Tensor,
    linear_bias: Tensor | None,
    target: Tensor,
    ignore_index: int | None,
    fn: str,
) -> Shapes:
    """Las formas de torch para ``input``, ``linear_weight``, ``linear_bias`` e ``ignore_index``."""
    # torch asks these for an attribute first: AttributeError, as there.
    for value, name in ((input, "input"), (linear_weight, "linear_weight"), (target, "target")):
        require_tensor(value, fn, name, AttributeError)
    if linear_bias is not None:
        require_tensor(linear_bias, fn, "linear_bias", AttributeError)
    if ignore_index is not None:
        require_int(ignore_index, fn, "ignore_index")
    if input.dim() < 1 or input.dim() > 2:
        raise RuntimeError(
            f"{fn}: el argumento `input` debe tener 1 o 2 dimensiones; tiene {input.dim()}."
        )
    if linear_weight.dim() < 2:
        raise RuntimeError(
            f"{fn}: el argumento `linear_weight` debe tener al menos 2 dimensiones; "
            f"tiene {linear_weight.dim()}."
        )
    batch, in_features = input.shape[:-1], input.shape[-1]
    if in_features != linear_weight.shape[-1]:
        raise RuntimeError(
            f"{fn}: la última dimensión de `linear_weight` ({linear_weight.shape[-1]}) "
            f"debe ser la de `input` ({in_features})."
        )
    classes, out_features = linear_weight.shape[0], tuple(linear_weight.shape[1:-1])
    if linear_bias is not None and tuple(linear_bias.shape) != (classes, *out_features):
        raise RuntimeError(
            f"{fn}: el argumento `linear_bias` debe tener la forma "
            f"{(classes, *out_features)}; se recibió {tuple(linear_bias.shape)}."
        )
    if out_features and not batch:
        raise RuntimeError(
            f"{fn}: una pérdida K-dimensional (`linear_weight` de forma "
            f"{tuple(linear_weight.shape)}) necesita `input` por lotes (N, {in_features}); "
            f"se recibió la forma {tuple(input.shape)}."
        )
    logits = (*batch, classes, *out_features)
    if tuple(target.shape) == logits and ignore_index is not None:
        raise RuntimeError(
            f"{fn}: el argumento `ignore_index` debe ser None cuando `target` contiene "
            f"probabilidades; se recibió {ignore_index}."
        )
    return Shapes(in_features, classes, out_features, logits)


def by_chunks(
    options: Any, shapes: Shapes, reduction: str, label_smoothing: float, target: Tensor, fn: str
) -> bool:
    """Se dieron ``options`` y torch trocearía este caso; si no lo trocea, avisa como torch."""
    if options is None:
        return False
    if (
        shapes.out_features
        or reduction not in ("mean", "sum", "none")
        or label_smoothing != 0.0
        or target.dtype != torch.int64
    ):
        warn_caller(
            f"{fn}: se ignora `options`: el cálculo por bloques necesita "
            "reduction en {'mean', 'sum', 'none'}, label_smoothing == 0, target de dtype "
            f"int64 y out_features == (); se recibió reduction={reduction!r}, "
            f"label_smoothing={label_smoothing}, target.dtype={target.dtype}, "
            f"out_features={shapes.out_features}."
        )
        return False
    return True


def projection(linear_weight: Tensor, linear_bias: Tensor | None) -> Callable[[Tensor], Tensor]:
    """Las filas a sus logits, :math:`x W^\\top + b`, con :math:`W` aplanada a :math:`(C d_1
    \\cdots d_K, F)`."""
    flat_weight = linear_weight.reshape(-1, linear_weight.shape[-1])
    flat_bias = None if linear_bias is None else linear_bias.reshape(-1)

    def logits_of(rows: Tensor) -> Tensor:
        z = rows @ flat_weight.transpose(0, 1)
        return z if flat_bias is None else z + flat_bias

    return logits_of


def chunk_rows(options: Any, rows: int, in_features: int, classes: int) -> int:
    """Filas por bloque: ``batch_chunk_size`` o la regla de proporciones de torch."""
    if options.batch_chunk_size is not None:
        return max(1, min(int(options.batch_chunk_size), rows))
    method = options.chunking_method or "aspect_ratio"
    factor = 2 if method == "auto" else int(method.partition(":")[2] or 1)
    growth = -(-classes // max(in_features, 1))
    wanted = -(-rows // max(growth, 1))
    size = 1 << max(wanted - 1, 0).bit_length()
    return max(1, min(size // factor, rows))


def chunked(
    loss_of: Callable[[Tensor, Tensor], Tensor],
    input: Tensor,
    target: Tensor,
    size: int,
    reduction: str,
    weight: Tensor | None,
    ignore_index: int,
) -> Tensor:
    """Las pérdidas ``loss_of(filas, etiquetas)`` por bloques de ``size`` filas, reducidas.

    Cada bloque se recalcula en la retropropagación (``checkpoint``); ``'mean'`` divide
    entre el peso de las filas que cuentan, como :func:`~actloss.functional.cross_entropy`.
    """
    from torch.utils.checkpoint import checkpoint

    try:
        pieces = [
            checkpoint(loss_of, rows, labels, use_reentrant=False)
            for rows, labels in zip(input.split(size), target.split(size), strict=True)
        ]
    except IndexError as error:  # a class out of range: torch's chunked path says RuntimeError
        raise RuntimeError(str(error)) from None
    losses = torch.cat(pieces)
    if reduction == "none":
        return losses
    total = losses.sum()
    if reduction == "sum":
        return total
    kept = target != ignore_index
    if weight is None:
        return total / kept.sum()
    return total / weight[target[kept]].sum()
