"""Los números de las figuras: la rejilla de parámetros por la rejilla de :math:`x`,
redondeados a lo que se ve en pantalla."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .controls import catalog_parameters, controls, defaults, nice
from .loss_views import loss_view
from .views import TEMPERATURE, View, activation_view, energy_view, vector_view

if TYPE_CHECKING:
    from torch import Tensor

    from actloss.catalog import Entry

FORMAT = 1  # bump when the JSON changes shape
NUMBERS_PER_PAGE = 24_000  # values stored per page (sets the x grid): about 130 KB of JSON


def view_of(entry: Entry) -> View | None:
    """La vista de ``entry``: curva y derivada, barras de una softmax o pérdida frente a x."""
    from actloss.catalog import EnergyEntry
    from actloss.catalog._entry import VectorProperties

    if isinstance(entry, EnergyEntry):
        return energy_view(entry)
    if entry.module_only:
        return None
    if isinstance(entry.properties, VectorProperties):  # bars, if it has a temperature
        names = {p["name"].lower() for p in catalog_parameters(entry)}
        return vector_view(entry) if names & TEMPERATURE else None
    if entry.kind == "activación":
        return activation_view(entry)
    return loss_view(entry)


def _decimals(low: float, high: float) -> int:
    """Decimales que resuelven una milésima del intervalo dibujado (de 1 a 4)."""
    span = max(high - low, 1e-9)
    return max(1, min(4, math.ceil(-math.log10(span / 1000))))


def _limits(values: list[list[float]]) -> tuple[float, float]:
    finite = [v for row in values for v in row if math.isfinite(v)]
    if not finite:
        return (-1.0, 1.0)
    low, high = min(0.0, min(finite)), max(0.0, max(finite))
    pad = 0.05 * (high - low or 1.0)
    return (nice(low - pad), nice(high + pad))


def _rounded(values: Sequence[float], decimals: int) -> list[float | None]:
    out: list[float | None] = []
    for v in values:
        if not math.isfinite(v):
            out.append(None)
            continue
        r = round(v, decimals)
        out.append(int(r) if r == int(r) else r)
    return out


def _points(view: View, combos: int) -> list[float]:
    if view.domain is None:
        return list(view.points)
    series = sum(len(p.series) for p in view.panels)
    n = NUMBERS_PER_PAGE // max(1, combos * series)
    n = max(81, min(201, n - (n + 1) % 2))  # odd, so the middle of the domain is a point
    low, high = view.domain
    return [nice(low + (high - low) * i / (n - 1)) for i in range(n)]


def compute(entry: Entry, view: View | None = None, key: str = "") -> dict[str, Any] | None:
    """Los datos de la figura interactiva de ``entry`` (o ``None`` si no tiene); ``key`` es
    su clave en la directiva (por defecto, su nombre)."""
    import torch

    view = view or view_of(entry)
    own = controls(entry)
    if view is None or not own:
        return None
    combos = list(itertools.product(*(range(len(c.values)) for c in own)))
    xs = _points(view, len(combos))
    x = torch.tensor(xs, dtype=torch.float64)
    raw: list[list[list[list[float]]] | str] = []
    for combo in combos:
        kwargs = {c.name: c.values[i] for c, i in zip(own, combo, strict=True)}
        try:
            panels = view.evaluate(x, kwargs)
            raw.append([[t.detach().reshape(-1).tolist() for t in p] for p in panels])
        except (ValueError, RuntimeError) as error:  # an invalid combination: its message
            raw.append(str(error))
    # Axis limits per choice of the discrete options, fixed while a slider moves.
    choices = [i for i, c in enumerate(own) if c.options]
    limits: dict[tuple[int, ...], list[tuple[float, float]]] = {}
    for choice, group in itertools.groupby(
        sorted(range(len(combos)), key=lambda k: tuple(combos[k][i] for i in choices)),
        key=lambda k: tuple(combos[k][i] for i in choices),
    ):
        members = [raw[k] for k in group if not isinstance(raw[k], str)]
        limits[choice] = [
            _limits([s for m in members for s in m[p]]) for p in range(len(view.panels))
        ]
    all_limits = list(limits.values())
    decimals = [
        _decimals(min(lim[p][0] for lim in all_limits), max(lim[p][1] for lim in all_limits))
        for p in range(len(view.panels))
    ]
    data: list[Any] = []
    for item in raw:
        if isinstance(item, str):
            data.append({"error": item})
        else:
            data.append([[_rounded(s, decimals[p]) for s in panel] for p, panel in enumerate(item)])
    return {
        "formato": FORMAT,
        "nombre": entry.name,
        "clave": key or entry.name,
        "titulo": entry.title,
        "tipo": view.kind,
        "controles": [c.as_json() for c in own],
        "x": xs,
        "etiquetas_x": list(view.labels),
        "nota": view.note,
        "paneles": [
            {
                "titulo": p.title,
                "eje_x": p.xlabel,
                "eje_y": p.ylabel,
                "series": list(p.series),
                "decimales": decimals[i],
            }
            for i, p in enumerate(view.panels)
        ],
        "limites": [[list(lim) for lim in limits[k]] for k in sorted(limits)],
        "datos": data,
    }


def compute_explorer() -> dict[str, Any]:
    """Las curvas del explorador: cada activación y cada pérdida con sus valores por defecto.

    Las activaciones comparten el eje :math:`x \\in [-6, 6]`; las que actúan sobre un
    vector se dibujan como :func:`actloss.plotting.elementwise_curve`. Las pérdidas se
    agrupan según su eje: el residuo :math:`x - y` o el margen obtenido.
    """
    import torch

    from actloss import catalog
    from actloss.plotting import elementwise_curve

    def rounded(t: Tensor) -> list[float | None]:
        return _rounded(t.reshape(-1).tolist(), 3)

    xa = torch.linspace(-6, 6, 241, dtype=torch.float64)
    activations = []
    for entry in catalog.activations():
        try:
            if isinstance(view := view_of(entry), View) and view.kind == "curva":
                (y,), (dy,) = view.evaluate(xa, defaults(entry))
            else:
                curve = elementwise_curve(entry, xa)
                if curve is None:
                    continue
                y, dy, _ = curve
        except (ValueError, RuntimeError):
            continue
        activations.append({"nombre": entry.name, "titulo": entry.module, "f": rounded(y)})
        activations[-1]["df"] = rounded(dy)
    axes: dict[str, dict[str, Any]] = {}
    for entry in catalog.losses():
        view = view_of(entry)
        if view is None or view.axis not in {"residuo", "margen"} or view.domain is None:
            continue
        domain = (-4.0, 4.0) if view.axis == "residuo" else (-3.0, 3.0)
        axis = axes.setdefault(
            view.axis,
            {"x": [nice(v) for v in torch.linspace(*domain, 161).tolist()], "funciones": []},
        )
        x = torch.tensor(axis["x"], dtype=torch.float64)
        try:
            (loss,), (grad,) = view.evaluate(x, defaults(entry))
        except (ValueError, RuntimeError):
            continue
        # Outside its own domain a construction means nothing (a distance below 0): no curve.
        outside = (x < view.domain[0]) | (x > view.domain[1])
        loss, grad = loss.masked_fill(outside, math.nan), grad.masked_fill(outside, math.nan)
        axis["eje_x"] = view.panels[0].xlabel if view.axis == "residuo" else "margen obtenido s"
        axis["funciones"].append(
            {"nombre": entry.name, "titulo": entry.module, "f": rounded(loss), "df": rounded(grad)}
        )
    return {
        "formato": FORMAT,
        "activaciones": {"x": [nice(v) for v in xa.tolist()], "funciones": activations},
        "perdidas": axes,
        "decimales": 3,
    }
