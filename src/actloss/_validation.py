"""Comprobaciones de argumentos compartidas, con mensajes en español.

Cada comprobación lanza la misma clase de excepción que torch lanzaría en el
mismo caso, pero con un mensaje que nombra el argumento y lo que se esperaba.
"""

from __future__ import annotations

import warnings

import torch
from torch import Tensor

REDUCTIONS = ("none", "mean", "sum")


def check_reduction(reduction: str, fn: str, allowed: tuple[str, ...] = REDUCTIONS) -> None:
    """Falla con ``ValueError`` si ``reduction`` no es una de ``allowed``."""
    if reduction not in allowed:
        options = ", ".join(repr(r) for r in allowed)
        raise ValueError(
            f"{fn}: el argumento `reduction` debe ser uno de {options}; se recibió {reduction!r}."
        )


def legacy_reduction(size_average: bool | None, reduce: bool | None, reduction: str) -> str:
    """Traduce los argumentos obsoletos ``size_average``/``reduce`` como torch."""
    if size_average is None and reduce is None:
        return reduction
    warnings.warn(
        "`size_average` y `reduce` están obsoletos; use `reduction`.",
        UserWarning,
        stacklevel=3,
    )
    size_average = True if size_average is None else size_average
    reduce = True if reduce is None else reduce
    if not reduce:
        return "none"
    return "mean" if size_average else "sum"


def require_floating(
    tensor: Tensor,
    fn: str,
    arg: str = "input",
    error: type[Exception] = NotImplementedError,
) -> None:
    """Falla si ``tensor`` no es de coma flotante (torch rechaza enteros aquí)."""
    if not (tensor.is_floating_point() or tensor.is_complex()):
        raise error(
            f"{fn}: el argumento `{arg}` debe ser un tensor de coma flotante; "
            f"se recibió dtype {tensor.dtype}."
        )


def broadcast_pair(input: Tensor, target: Tensor, fn: str) -> tuple[Tensor, Tensor]:
    """Difunde ``input`` y ``target`` como torch, avisando si sus tamaños difieren."""
    if target.shape != input.shape:
        try:
            torch.broadcast_shapes(input.shape, target.shape)
        except RuntimeError:
            raise RuntimeError(
                f"{fn}: la forma de `target` {tuple(target.shape)} no es compatible "
                f"con la de `input` {tuple(input.shape)} (no se pueden difundir)."
            ) from None
        warnings.warn(
            f"{fn}: `target` tiene tamaño {tuple(target.shape)} distinto del de `input` "
            f"{tuple(input.shape)}; la difusión probablemente dará un resultado incorrecto.",
            UserWarning,
            stacklevel=3,
        )
    expanded = torch.broadcast_tensors(input, target)
    return expanded[0], expanded[1]


def apply_reduction(loss: Tensor, reduction: str) -> Tensor:
    """Aplica una reducción ya validada: ``'none'``, ``'mean'`` o ``'sum'``."""
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss


def reduction_gradient(grad: Tensor, count: int, reduction: str) -> Tensor:
    """El gradiente que llega a cada uno de los ``count`` términos de :func:`apply_reduction`.

    ``'mean'`` lo reparte entre ellos; ``'sum'`` y ``'none'`` lo dejan como está.
    """
    return grad / max(count, 1) if reduction == "mean" else grad
