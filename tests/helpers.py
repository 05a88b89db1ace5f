"""Utilidades compartidas por las pruebas: casos de entrada y llamadas simétricas a torch."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any

import torch
from torch import Tensor

from actloss import catalog
from actloss.catalog import Entry

ALL_ENTRIES = list(catalog.CATALOG.values())
# The generic tests call ``fn(input, target)``; layers with their own parameters
# (``Entry.module_only``) are tested by their family's tests instead.
ENTRIES = [e for e in ALL_ENTRIES if not e.module_only]
ACTIVATIONS = [e for e in catalog.activations() if not e.module_only]
LOSSES = [e for e in catalog.losses() if not e.module_only]
FLOAT_DTYPES = (torch.float32, torch.float64)


def variant_id(variant: Mapping[str, Any]) -> str:
    return ",".join(f"{k}={v}" for k, v in variant.items()) or "defecto"


def with_variants(entries: list[Entry]) -> list[Any]:
    """Parámetros ``(entry, variant)`` con identificadores legibles."""
    return [
        pytest_param(entry, variant, id=f"{entry.name}[{variant_id(variant)}]")
        for entry in entries
        for variant in entry.variants
    ]


def pytest_param(*values: Any, id: str) -> Any:
    import pytest

    return pytest.param(*values, id=id)


def _special(dtype: torch.dtype) -> Tensor:
    inf, nan = float("inf"), float("nan")
    return torch.tensor([[inf, -inf, nan, 0.0], [-0.0, 1.0, -1.0, 0.5]], dtype=dtype)


def _large(dtype: torch.dtype) -> Tensor:
    big = 1e30 if dtype == torch.float32 else 1e300
    return torch.tensor([[big, -big, 1e4], [-1e4, 3.0, -3.0]], dtype=dtype)


def _seeded(*shape: int, dtype: torch.dtype) -> Tensor:
    generator = torch.Generator().manual_seed(sum(shape) + 7)
    return torch.randn(shape, generator=generator, dtype=torch.float64).to(dtype)


# Each case builds the primary input ``x`` for a given dtype.
CASES: dict[str, Callable[[torch.dtype], Tensor]] = {
    "matriz": lambda d: _seeded(4, 5, dtype=d),
    "escalar": lambda d: _seeded(dtype=d).reshape(()),
    "vacio": lambda d: torch.empty(0, 3, dtype=d),
    "no_contiguo": lambda d: _seeded(5, 4, dtype=d).t(),
    "expandido": lambda d: _seeded(4, 1, dtype=d).expand(4, 5),
    "grande": _large,
    "especiales": _special,
}


def arguments(entry: Entry, x: Tensor) -> tuple[tuple[Tensor, ...], tuple[Tensor, ...]]:
    """Los tensores de ``forward`` y los parámetros de la función, para la entrada ``x``."""
    return entry.make_inputs(x), entry.make_params(x)


def detached_leaves(tensors: tuple[Tensor, ...]) -> tuple[Tensor, ...]:
    """Copias independientes que piden gradiente si son de coma flotante."""
    return tuple(t.detach().clone().requires_grad_(t.is_floating_point()) for t in tensors)


def run(
    fn: Callable[..., Tensor],
    tensors: tuple[Tensor, ...],
    variant: Mapping[str, Any],
    grad_output_seed: int = 0,
) -> tuple[Tensor, list[Tensor | None]]:
    """Evalúa ``fn`` y retropropaga un gradiente de salida reproducible."""
    leaves = detached_leaves(tensors)
    out = fn(*leaves, **variant)
    grads: list[Tensor | None] = [None] * len(leaves)
    differentiable = [t for t in leaves if t.requires_grad]
    if out.requires_grad and differentiable:
        generator = torch.Generator().manual_seed(grad_output_seed)
        grad_out = torch.randn(out.shape, generator=generator, dtype=torch.float64).to(out.dtype)
        found = torch.autograd.grad(out, differentiable, grad_out, allow_unused=True)
        found_iter = iter(found)
        grads = [next(found_iter) if t.requires_grad else None for t in leaves]
    return out.detach(), grads


def accepts(fn: Callable[..., Any], name: str) -> bool:
    """``fn`` tiene un parámetro llamado ``name``."""
    return name in inspect.signature(fn).parameters


def value_undefined(entry: Entry, tensors: tuple[Tensor, ...], variant: Mapping[str, Any]) -> bool:
    """torch devuelve memoria sin inicializar: una pérdida reducida sobre un lote vacío."""
    return (
        entry.empty_reduction_undefined
        and tensors[0].numel() == 0
        and variant.get("reduction", "mean") != "none"
    )


def is_spanish_error(message: str, argument: str) -> bool:
    """El mensaje nombra el argumento entre comillas invertidas y está en español."""
    spanish_words = ("debe", "no puede", "no es", "se esperaba", "se recibió")
    return f"`{argument}`" in message and any(w in message for w in spanish_words)
