"""La NLL sobre índices de clase: las comprobaciones de torch y el núcleo.

:func:`~actloss.functional.nll_loss` y :func:`~actloss.functional.cross_entropy` comparten
las comprobaciones de forma y de dtype de los índices de clase (con las mismas clases de
excepción que torch) y :func:`nll`, que elige una log-probabilidad por fila: con un
``gather`` y sin máscaras cuando ninguna clase se ignora, el caso común.
"""

from __future__ import annotations

import math

import torch
from torch import Tensor

from actloss._validation import (
    apply_reduction,
    check_same_dtype,
    refuse_gradient,
    require_int,
    require_real_floating,
    require_tensor,
)
from actloss.functional import _kernels as kernels
from actloss.functional import _transforms as transforms

# The tensors torch accepts as class indices.
INDEX_DTYPES = (torch.int64, torch.uint8)


def class_dim(input: Tensor) -> int:
    return 0 if input.dim() == 1 else 1


def check_class_weight(weight: Tensor | None, classes: int, fn: str) -> None:
    if weight is not None:
        require_tensor(weight, fn, "weight")
    if weight is not None and (weight.dim() != 1 or weight.numel() != classes):
        raise RuntimeError(
            f"{fn}: el argumento `weight` debe tener un peso por clase ({classes}); "
            f"se recibió la forma {tuple(weight.shape)}."
        )


def check_targets(input: Tensor, target: Tensor, fn: str) -> None:
    """Las comprobaciones de forma de torch para índices de clase, con sus mismas clases."""
    require_tensor(input, fn)
    require_tensor(target, fn, "target")
    if input.dim() < 1:
        raise ValueError(
            f"{fn}: el argumento `input` debe tener 1 o más dimensiones; tiene {input.dim()}."
        )
    batched = input.dim() >= 2
    if batched and (target.dim() != 0 or input.shape[0] != 0):
        got = target.shape[0] if target.dim() else 0
        if target.dim() == 0 or got != input.shape[0]:
            raise ValueError(
                f"{fn}: el tamaño de lote de `target` ({got}) debe coincidir con el de "
                f"`input` ({input.shape[0]})."
            )
    if input.dim() == 1:
        if target.dim() > 1:
            raise RuntimeError(
                f"{fn}: el argumento `target` debe tener 0 o 1 dimensiones para una "
                f"entrada 1-D; tiene {target.dim()}."
            )
        if target.dim() == 1 and target.shape[0] != 1:
            raise ValueError(
                f"{fn}: para una entrada 1-D, un `target` 1-D debe tener tamaño 1; "
                f"se recibió {target.shape[0]}."
            )
        return
    expected = (input.shape[0], *input.shape[2:])
    if tuple(target.shape) != expected:
        raise RuntimeError(
            f"{fn}: el argumento `target` debe tener la forma {expected} (lote y "
            f"dimensiones espaciales de `input`); se recibió {tuple(target.shape)}."
        )
    spatial = math.prod(input.shape[2:])
    empty_classes = input.shape[0] > 0 and input.shape[1] == 0
    if input.dim() != 4 and input.dim() >= 3 and empty_classes and spatial > 0:
        # torch reshapes to 4-D and, with no classes, cannot infer the spatial size.
        raise RuntimeError(
            f"{fn}: el argumento `input` no puede tener 0 clases con dimensiones "
            f"espaciales no vacías; se recibió la forma {tuple(input.shape)}."
        )


def nll(
    input: Tensor, target: Tensor, weight: Tensor | None, ignore_index: int, reduction: str
) -> Tensor:
    """NLL ya validada: ``input`` :math:`(N, C, *)` o :math:`(C)`; falta ``ignore_index``."""
    require_int(ignore_index, "nll_loss", "ignore_index")
    if input.dim() == 1:
        rows, flat_target = input.unsqueeze(0), target.reshape(1)
        out_shape: tuple[int, ...] = ()
    else:
        classes = input.shape[1]
        rows = input.movedim(1, -1).reshape(math.prod(target.shape), classes)
        flat_target = target.reshape(-1)
        out_shape = tuple(target.shape)
    classes = rows.shape[1]
    flat_target = flat_target.long()
    unreadable = kernels.unreadable(flat_target)
    # Under torch.func a batched target has no single value: the masked path, checked on
    # the values of the whole batch (transforms.values).
    transformed = transforms.transformed()
    if flat_target.numel() and not (unreadable or transformed):
        low, high = (int(bound) for bound in torch.aminmax(flat_target))
        if low >= 0 and high < classes and not low <= ignore_index <= high:
            # Every target is a valid class and none is ignored: a gather and a mean, with
            # no masks (the common case, and the one torch's kernel is fastest on too).
            picked = rows.gather(1, flat_target.unsqueeze(1)).squeeze(1)
            chosen = None if weight is None else weight[flat_target]
            losses = -picked if chosen is None else -picked * chosen
            if reduction == "none":
                return losses.reshape(out_shape)
            if reduction == "sum" or chosen is None:
                return apply_reduction(losses, reduction)
            return losses.sum() / chosen.sum()
    ignored = flat_target == ignore_index
    bad = ~ignored & ((flat_target < 0) | (flat_target >= classes))
    if unreadable:
        # Reading the check back into Python would split the compiled graph in two: the
        # compiled code checks the targets itself and stops with a RuntimeError.
        torch._assert_async(~bad.any(), "nll_loss: `target` contiene una clase no válida")
    else:
        # Under vmap, on the values of the whole batch: a batched tensor cannot be read.
        plain = transforms.values(flat_target)
        if plain is not flat_target:
            bad = (plain != ignore_index) & ((plain < 0) | (plain >= classes))
        if bad.any():
            value = int(plain[bad][0])
            raise IndexError(
                f"nll_loss: el argumento `target` contiene la clase {value}, que no es válida: "
                f"se esperaba un índice en [0, {classes}) o `ignore_index` ({ignore_index})."
            )
    safe = torch.where(ignored, 0, flat_target)
    # With no classes every target is ignored; an empty sum keeps the graph.
    picked = rows.sum(1) if classes == 0 else rows.gather(1, safe.unsqueeze(1)).squeeze(1)
    if weight is None:
        per_row_weight = torch.where(ignored, rows.new_zeros(()), rows.new_ones(()))
        losses = torch.where(ignored, rows.new_zeros(()), -picked)
    else:
        chosen = weight[safe] if classes else rows.new_zeros(safe.shape)
        per_row_weight = torch.where(ignored, rows.new_zeros(()), chosen)
        losses = torch.where(ignored, rows.new_zeros(()), -picked * chosen)
    if reduction == "none":
        return losses.reshape(out_shape)
    if reduction == "sum":
        return losses.sum()
    return losses.sum() / per_row_weight.sum()


def check_dtypes(input: Tensor, target: Tensor, weight: Tensor | None, fn: str) -> None:
    """Los dtypes de torch; y, como torch, no deriva respecto a ``weight``."""
    if target.dtype not in INDEX_DTYPES:
        raise RuntimeError(
            f"{fn}: el argumento `target` debe contener índices de clase de dtype int64 "
            f"o uint8; se recibió dtype {target.dtype}."
        )
    require_real_floating(input, fn)
    if weight is not None:
        check_same_dtype(weight, input, fn, "weight")
        refuse_gradient(weight, fn, "weight")
