"""Qué se dibuja frente a qué: la vista de una activación, de una softmax o de una
pérdida de energía (las de las demás pérdidas están en ``loss_views``)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from torch import Tensor

    from actloss.catalog import Entry

LOGITS = (1.0, 2.5, 0.5, 2.0, -1.0)  # the softmax family's fixed scores (as in its example)
TEMPERATURE = {"temperature", "temperatura", "tau", "t"}


@dataclass(frozen=True)
class Panel:
    title: str
    xlabel: str
    ylabel: str
    series: tuple[str, ...]


@dataclass
class View:
    """Una vista de una función: su eje :math:`x`, sus paneles y cómo evaluarla.

    ``evaluate(x, kwargs)`` devuelve, por panel, una lista de tensores (una curva por
    serie) sobre ``x``. ``axis`` dice qué es :math:`x` en una pérdida: ``"residuo"``,
    ``"margen"`` u otra cosa (el explorador superpone solo las dos primeras).
    """

    kind: str  # "curva" or "barras"
    domain: tuple[float, float] | None  # None: x is given by ``points``
    panels: tuple[Panel, ...]
    evaluate: Callable[[Tensor, dict[str, Any]], list[list[Tensor]]]
    axis: str = ""
    points: tuple[float, ...] = ()
    labels: tuple[str, ...] = field(default_factory=tuple)  # names of the bars
    note: str = ""  # what the x axis is built from, shown under the caption


def _signature(entry: Entry) -> set[str]:
    try:
        return set(inspect.signature(entry.fn).parameters)
    except (TypeError, ValueError):
        return set()


def split_arguments(entry: Entry, kwargs: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Separa los argumentos de la función de los que usa la vista (temperatura, pesos)."""
    accepted = _signature(entry)
    call = {k: v for k, v in kwargs.items() if k in accepted}
    return call, {k: v for k, v in kwargs.items() if k not in accepted}


def derivative(values: Tensor, x: Tensor) -> Tensor:
    import torch

    (grad,) = torch.autograd.grad(values.sum(), x, allow_unused=True)
    return torch.zeros_like(x) if grad is None else grad


def activation_view(entry: Entry) -> View:
    def evaluate(x: Tensor, kwargs: dict[str, Any]) -> list[list[Tensor]]:
        import torch

        call, rest = split_arguments(entry, kwargs)
        leaf = x.detach().clone().requires_grad_()
        weights = entry.make_params(leaf.detach())
        # A learnable weight (PReLU's): the parameter names it, or names the module's
        # argument (``init``); every element of the weight takes the value.
        named = list(inspect.signature(entry.fn).parameters)[1 : 1 + len(weights)]
        rest.update({k: call.pop(k) for k in named if k in call})
        if rest and len(weights) == len(rest) == 1:
            (value,) = rest.values()
            weights = tuple(torch.full_like(w, float(value)) for w in weights)
        elif rest:
            raise ValueError(f"{entry.name}: parámetros sin uso {sorted(rest)}")
        y = entry.fn(leaf, *weights, **call)
        return [[y.detach()], [derivative(y, leaf)]]

    panels = (
        Panel(entry.title, "x", "f(x)", ("f(x)",)),
        Panel("Derivada", "x", "f′(x)", ("f′(x)",)),
    )
    return View("curva", entry.domain, panels, evaluate)


def vector_view(entry: Entry) -> View:
    def evaluate(x: Tensor, kwargs: dict[str, Any]) -> list[list[Tensor]]:
        import torch

        call, rest = split_arguments(entry, kwargs)
        z = torch.tensor(LOGITS, dtype=torch.float64)
        for name, value in rest.items():
            if name.lower() not in TEMPERATURE:
                raise ValueError(f"{entry.name}: parámetro sin uso {name!r}")
            z = z / float(value)
        return [[entry.fn(z, **{"dim": -1, **call}).detach()]]

    title = f"{entry.title} de z / T"
    panel = Panel(title, "puntuación zᵢ de cada componente", "fᵢ", ("fᵢ",))
    points = tuple(float(i) for i in range(len(LOGITS)))
    labels = tuple(f"{z:g}".replace("-", "−") for z in LOGITS)
    scores = ", ".join(labels)
    note = f"Puntuaciones fijas z = ({scores}) divididas por la temperatura T."
    return View("barras", None, (panel,), evaluate, points=points, labels=labels, note=note)


def energy_view(entry: Any) -> View:
    """Una pérdida de energía con dos respuestas: la correcta con energía 0 y la otra con
    :math:`-z`, así que :math:`z = E_C - E_I` (la correcta gana con :math:`z < 0`)."""

    def evaluate(z: Tensor, kwargs: dict[str, Any]) -> list[list[Tensor]]:
        import torch

        leaf = z.detach().clone().requires_grad_()
        energies = torch.stack([torch.zeros_like(leaf), -leaf], dim=1)
        target = torch.zeros(len(leaf), dtype=torch.long)
        loss = entry.fn(energies, target, reduction="none", **kwargs)
        return [[loss.detach()], [derivative(loss, leaf)]]

    xlabel = "z = energía correcta − más ofensiva"  # SVG text: no math, no subscripts
    panels = (
        Panel(entry.title, xlabel, "ℓ", ("ℓ",)),
        Panel("Derivada", xlabel, "ℓ′", ("ℓ′",)),
    )
    note = (
        "Dos respuestas: la correcta con energía $E_C = 0$ y la otra con $E_I = -z$, así "
        "que $z = E_C - E_I$."
    )
    return View("curva", (-3.0, 3.0), panels, evaluate, axis="energía", note=note)
