"""Comprobaciones de los argumentos de las pérdidas de energía, con mensajes en español.

Cada pérdida recibe ``energies`` de forma :math:`(N, K)` (una fila de :math:`K`
energías por muestra) y ``target`` de forma :math:`(N)` con el índice de la respuesta
correcta. Las clases de excepción son las de :func:`torch.nn.functional.cross_entropy`
en el mismo caso: ``NotImplementedError`` para energías enteras, ``RuntimeError`` para
un dtype o un número de dimensiones equivocados, ``ValueError`` para lotes distintos e
``IndexError`` para un índice fuera de rango.
"""

from __future__ import annotations

import math

import torch
from torch import Tensor

from actloss._validation import check_reduction, require_floating


def check_energies(
    energies: Tensor,
    target: Tensor,
    reduction: str,
    fn: str,
    needs_incorrect: bool = True,
) -> None:
    """Falla si ``energies``, ``target`` o ``reduction`` no son válidos para ``fn``.

    Con ``needs_incorrect`` la pérdida usa la respuesta incorrecta más ofensiva, que solo
    existe si hay al menos dos respuestas (:math:`K \\ge 2`).
    """
    check_reduction(reduction, fn)
    require_floating(energies, fn, "energies")
    if energies.is_complex():
        raise NotImplementedError(
            f"{fn}: el argumento `energies` debe ser real; se recibió dtype {energies.dtype}."
        )
    if energies.dim() != 2:
        raise RuntimeError(
            f"{fn}: el argumento `energies` debe tener la forma (N, K), una fila de K "
            f"energías por muestra; se recibió la forma {tuple(energies.shape)}."
        )
    if target.dtype != torch.long:
        raise RuntimeError(
            f"{fn}: el argumento `target` debe contener índices de respuesta de dtype "
            f"torch.long; se recibió dtype {target.dtype}."
        )
    if target.dim() != 1:
        raise RuntimeError(
            f"{fn}: el argumento `target` debe tener la forma (N,), un índice por muestra; "
            f"se recibió la forma {tuple(target.shape)}."
        )
    if target.shape[0] != energies.shape[0]:
        raise ValueError(
            f"{fn}: el tamaño de lote de `target` ({target.shape[0]}) debe coincidir con el "
            f"de `energies` ({energies.shape[0]})."
        )
    answers = energies.shape[1]
    if needs_incorrect and answers < 2:
        raise ValueError(
            f"{fn}: la pérdida usa la respuesta incorrecta más ofensiva, así que `energies` "
            f"debe tener K >= 2 columnas (respuestas); se recibió K = {answers}."
        )
    if answers < 1:
        raise ValueError(
            f"{fn}: el argumento `energies` debe tener K >= 1 columnas (respuestas); "
            f"se recibió K = {answers}."
        )
    if target.numel():
        low, high = (int(bound) for bound in torch.aminmax(target))
        if low < 0 or high >= answers:
            raise IndexError(
                f"{fn}: los valores de `target` deben estar entre 0 y {answers - 1} (K = "
                f"{answers} respuestas); se recibió el rango [{low}, {high}]."
            )


def check_positive(value: float, name: str, fn: str) -> None:
    """Falla con ``ValueError`` si ``value`` no es un número finito y positivo."""
    if isinstance(value, bool) or not (
        isinstance(value, int | float) and math.isfinite(value) and value > 0
    ):
        raise ValueError(
            f"{fn}: el argumento `{name}` debe ser un número finito mayor que 0; "
            f"se recibió {value!r}."
        )


def check_finite(value: float, name: str, fn: str) -> None:
    """Falla con ``ValueError`` si ``value`` no es un número finito."""
    if isinstance(value, bool) or not (isinstance(value, int | float) and math.isfinite(value)):
        raise ValueError(
            f"{fn}: el argumento `{name}` debe ser un número finito; se recibió {value!r}."
        )
