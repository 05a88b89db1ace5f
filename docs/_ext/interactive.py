"""Figuras interactivas: controles que redibujan las curvas con números de actloss.

Cada página de la galería de una función con parámetros recibe, debajo de su figura
estática, una figura con un control por parámetro: un deslizador (``<input
type="range">``) para los continuos y una lista (``<select>``) para las opciones. Los
parámetros, sus intervalos y sus valores por defecto salen del catálogo
(:func:`catalog_parameters`), así que una entrada nueva con parámetros tiene controles
el día que se añade.

Los números se calculan aquí, al construir, con :mod:`actloss`: la función y su
derivada (autograd) en una rejilla de valores de los parámetros por una rejilla de
:math:`x`, redondeados a lo que se ve en pantalla. Van dentro de la página como JSON;
``docs/_static/interactivo.js`` solo elige la curva del valor marcado y la dibuja (y,
si el lector no pide menos movimiento, interpola entre dos valores de la rejilla
durante la transición). La página ``explorador`` superpone varias funciones con sus
valores por defecto.

Los cálculos se guardan en ``<doctrees>/interactivo``, con la huella de
``src/actloss`` y de este archivo en el nombre: una página que se vuelve a leer sin que
cambie la biblioteca no repite la cuenta. Los ``.py`` y ``.ipynb`` que se descargan
no cambian: la figura se añade al ``.rst`` que genera sphinx-gallery, al leerlo.
"""

from __future__ import annotations

import functools
import hashlib
import html
import inspect
import itertools
import json
import math
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:  # torch and actloss are imported only when a figure is computed
    from torch import Tensor

    from actloss.catalog import Entry

FORMAT = 1  # bump when the JSON changes shape
NUMBERS_PER_PAGE = 24_000  # values stored per page (sets the x grid): about 130 KB of JSON
GRID_SIZE = {1: 21, 2: 9, 3: 5}  # grid values per continuous parameter, by their number
LOGITS = (1.0, 2.5, 0.5, 2.0, -1.0)  # the softmax family's fixed scores (as in its example)
TEMPERATURE = {"temperature", "temperatura", "tau", "t"}
ENERGY_KIND = "pérdida de energía"  # the kind of actloss.catalog's energy entries
ENERGY_KEY = "energia:"  # their key in the directive: nll_loss names two entries

# ---------------------------------------------------------------------------------------
# Parameters: the catalog's, as controls with a grid of values
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Control:
    """Un control de la figura: un parámetro del catálogo con su rejilla de valores."""

    name: str
    label: str
    values: tuple[Any, ...]
    initial: int  # index of the catalog's default in ``values``
    options: bool  # a <select> (discrete options) rather than a slider

    def as_json(self) -> dict[str, Any]:
        return {
            "nombre": self.name,
            "etiqueta": self.label,
            "tipo": "opciones" if self.options else "rango",
            "valores": list(self.values),
            "inicial": self.initial,
        }


def catalog_parameters(entry: Entry) -> list[dict[str, Any]]:
    """Los parámetros que el catálogo declara para ``entry`` (``Entry.parameters``).

    Cada uno como ``{"name", "low", "high", "default", "options", "label", "scale"}``.
    Es el único punto que lee el catálogo: si cambia la forma del campo, cambia aquí.
    """
    return [
        {
            "name": p.name,
            "low": p.low,
            "high": p.high,
            "default": p.default,
            "options": tuple(p.options),
            "label": p.label,
            "scale": p.scale,
        }
        for p in entry.parameters
    ]


def _nice(value: float) -> float:
    return float(f"{value:.6g}")


def grid(low: float, high: float, default: float, size: int, log: bool = False) -> list[float]:
    """A lo sumo ``size`` valores de ``low`` a ``high``, con paso redondo, y ``default``.

    Los extremos y el valor por defecto siempre están; entre ellos, los múltiplos del
    menor paso redondo (1, 2, 2.5 o 5 por una potencia de 10) que caben. Con
    ``log=True``, una progresión geométrica a cada lado del valor por defecto (con tres
    cifras significativas).
    """
    fixed = {_nice(low), _nice(high), _nice(default)}
    if log:  # the same ratio on each side of the default: 0.25 ... 1 ... 4 by sqrt(2)
        below = round((size - 1) * math.log(default / low) / math.log(high / low))
        above = size - 1 - below
        values = {float(f"{default * (low / default) ** (k / below):.3g}") for k in range(below)}
        values |= {float(f"{default * (high / default) ** (k / above):.3g}") for k in range(above)}
        return sorted(fixed | values)
    for exponent in range(-3, 4):
        for mantissa in (1, 2, 2.5, 5):
            step = mantissa * 10.0**exponent
            first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
            values = fixed | {_nice(i * step) for i in range(first, last + 1)}
            if len(values) <= size:
                return sorted(values)
    return sorted(fixed)


def controls(entry: Entry) -> list[Control]:
    """Los controles de ``entry``, a partir de sus parámetros del catálogo."""
    params = catalog_parameters(entry)
    continuous = sum(1 for p in params if not p["options"])
    size = GRID_SIZE.get(continuous, 4)
    found = []
    for p in params:
        label = p["name"] if not p["label"] else f"{p['label']} ({p['name']})"
        if p["label"] == p["name"]:
            label = p["name"]
        if p["options"]:
            values = tuple(p["options"])
            initial = values.index(p["default"]) if p["default"] in values else 0
            found.append(Control(p["name"], label, values, initial, True))
            continue
        log = p["scale"] == "log"
        values = tuple(grid(float(p["low"]), float(p["high"]), float(p["default"]), size, log))
        initial = min(range(len(values)), key=lambda i: abs(values[i] - float(p["default"])))
        found.append(Control(p["name"], label, values, initial, False))
    return found


# ---------------------------------------------------------------------------------------
# Views: what is drawn against what
# ---------------------------------------------------------------------------------------


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


def _split(entry: Entry, kwargs: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Separa los argumentos de la función de los que usa la vista (temperatura, pesos)."""
    accepted = _signature(entry)
    call = {k: v for k, v in kwargs.items() if k in accepted}
    return call, {k: v for k, v in kwargs.items() if k not in accepted}


def _derivative(values: Tensor, x: Tensor) -> Tensor:
    import torch

    (grad,) = torch.autograd.grad(values.sum(), x, allow_unused=True)
    return torch.zeros_like(x) if grad is None else grad


def _activation_view(entry: Entry) -> View:
    def evaluate(x: Tensor, kwargs: dict[str, Any]) -> list[list[Tensor]]:
        import torch

        call, rest = _split(entry, kwargs)
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
        return [[y.detach()], [_derivative(y, leaf)]]

    panels = (
        Panel(entry.title, "x", "f(x)", ("f(x)",)),
        Panel("Derivada", "x", "f′(x)", ("f′(x)",)),
    )
    return View("curva", entry.domain, panels, evaluate)


def _vector_view(entry: Entry) -> View:
    def evaluate(x: Tensor, kwargs: dict[str, Any]) -> list[list[Tensor]]:
        import torch

        call, rest = _split(entry, kwargs)
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


LossBuilder = Callable[[Callable[..., "Tensor"], "Tensor", dict[str, Any]], "Tensor"]


def _stack0(s: Tensor) -> Tensor:
    import torch

    return torch.stack([s, torch.zeros_like(s)], dim=1)


def _zeros_long(s: Tensor) -> Tensor:
    import torch

    return torch.zeros(len(s), dtype=torch.long)


def _ones(s: Tensor) -> Tensor:
    import torch

    return torch.ones_like(s)


def _full(x: Tensor, value: float) -> Tensor:
    import torch

    return torch.full_like(x, value)


def _labels(s: Tensor) -> Tensor:
    """Clase correcta 0 de dos; la lista termina en -1."""
    import torch

    return torch.tensor([[0, -1]] * len(s))


def _unit(c: Tensor) -> tuple[Tensor, Tensor]:
    """Dos vectores unitarios del plano con coseno ``c`` (como en el ejemplo de la galería)."""
    import torch

    angle = torch.acos(c.clamp(-1, 1))
    u = torch.stack([torch.ones_like(c), torch.zeros_like(c)], dim=1)
    return u, torch.stack([torch.cos(angle), torch.sin(angle)], dim=1)


def _triplet_diagonal(fn: Callable[..., Tensor], t: Tensor, kw: dict[str, Any]) -> Tensor:
    """Ancla en (0, 0), positivo en (½, ½), negativo en (t, t): la norma p sí cuenta."""
    import torch

    anchor = torch.zeros(len(t), 2, dtype=t.dtype)
    positive = torch.full((len(t), 2), 0.5, dtype=t.dtype)
    negative = torch.stack([t, t], dim=1)
    return fn(anchor, positive, negative, **kw)


def _triplet_line(fn: Callable[..., Tensor], s: Tensor, kw: dict[str, Any]) -> Tensor:
    """En la recta: ancla en 0, positivo en 1, negativo a distancia 1 + s."""
    import torch

    anchor = torch.zeros(len(s), 1, dtype=s.dtype)
    negative = -(1 + s).clamp_min(0).unsqueeze(1)
    return fn(anchor, torch.ones_like(anchor), negative, **kw)


# The loss views: how a scalar on the x axis becomes the loss's arguments. Each is the
# construction its gallery example draws. (name -> axis, x label, domain, builder)
LOSS_VIEWS: dict[str, tuple[str, str, tuple[float, float], LossBuilder]] = {
    "poisson_nll_loss": (
        "predicción",
        "predicción x (objetivo y = 3)",
        (0.1, 4.0),
        lambda fn, x, kw: fn(x, _full(x, 3.0), **kw),
    ),
    "margin_ranking_loss": (
        "margen",
        "margen obtenido s = y (x₁ − x₂)",
        (-3.0, 3.0),
        lambda fn, s, kw: fn(s, 0 * s, _ones(s), **kw),
    ),
    "hinge_embedding_loss": (
        "distancia",
        "distancia x de un par distinto (y = −1)",
        (0.0, 3.0),
        lambda fn, d, kw: fn(d, -_ones(d), **kw),
    ),
    "multi_margin_loss": (
        "margen",
        "ventaja de la clase correcta x_y − x_i",
        (-3.0, 3.0),
        lambda fn, s, kw: fn(_stack0(s), _zeros_long(s), **kw),
    ),
    "multilabel_margin_loss": (
        "margen",
        "ventaja de la clase correcta x_y − x_i",
        (-3.0, 3.0),
        lambda fn, s, kw: fn(_stack0(s), _labels(s), **kw),
    ),
    "soft_margin_loss": (
        "margen",
        "margen obtenido s = y x",
        (-3.0, 3.0),
        lambda fn, s, kw: fn(s, _ones(s), **kw),
    ),
    "multilabel_soft_margin_loss": (
        "margen",
        "margen obtenido s = y x",
        (-3.0, 3.0),
        lambda fn, s, kw: fn(s.unsqueeze(1), _ones(s).unsqueeze(1), **kw),
    ),
    "binary_cross_entropy_with_logits": (
        "margen",
        "logit x de un positivo (y = 1)",
        (-3.0, 3.0),
        lambda fn, s, kw: fn(s, _ones(s), **kw),
    ),
    "cross_entropy": (
        "margen",
        "ventaja de la clase correcta x_y − x_i",
        (-3.0, 3.0),
        lambda fn, s, kw: fn(_stack0(s), _zeros_long(s), **kw),
    ),
    "binary_cross_entropy": (
        "probabilidad",
        "probabilidad predicha p de un positivo (y = 1)",
        (0.01, 0.99),
        lambda fn, p, kw: fn(p, _ones(p), **kw),
    ),
    "cosine_embedding_loss": (
        "coseno",
        "cos(x₁, x₂) de un par distinto (y = −1)",
        (-0.999, 0.999),
        lambda fn, c, kw: fn(*_unit(c), -_ones(c), **kw),
    ),
    "triplet_margin_loss": (
        "posición",
        "t (el negativo está en (t, t))",
        (0.0, 3.0),
        _triplet_diagonal,
    ),
    "triplet_margin_with_distance_loss": (
        "margen",
        "margen obtenido s = d(a, n) − d(a, p)",
        (-1.0, 3.0),
        _triplet_line,
    ),
}


LOSS_NOTES = {
    "poisson_nll_loss": "Un conteo observado y = 3. Con log_input=True, x es el logaritmo de "
    "la tasa; con log_input=False, la tasa misma.",
    "margin_ranking_loss": "Un par con x₂ = 0 y etiqueta y = 1: el margen obtenido es x₁.",
    "hinge_embedding_loss": "Un par distinto (y = −1) a distancia x: cuesta mientras x no "
    "supere el margen.",
    "multi_margin_loss": "Dos clases con puntuaciones (s, 0); la correcta es la primera.",
    "cosine_embedding_loss": "Dos vectores unitarios del plano con coseno c, de un par "
    "distinto (y = −1).",
    "triplet_margin_loss": "Ancla en (0, 0) y positivo en (½, ½); el negativo recorre la "
    "diagonal (t, t), donde la norma p cambia las distancias.",
    "triplet_margin_with_distance_loss": "En una recta: ancla en 0, positivo en 1 y negativo "
    "a distancia 1 + s del ancla, con la distancia por defecto (euclídea).",
}


def _loss_view(entry: Entry) -> View | None:
    known = LOSS_VIEWS.get(entry.name)
    if known is None:  # any (input, target) loss: against the residual, with target 0
        axis, xlabel = "residuo", "residuo x − y"
        domain = entry.domain

        def build(fn: Callable[..., Tensor], x: Tensor, kw: dict[str, Any]) -> Tensor:
            return fn(x, 0 * x.detach(), **kw)

    else:
        axis, xlabel, domain, build = known

    def evaluate(x: Tensor, kwargs: dict[str, Any]) -> list[list[Tensor]]:
        call, rest = _split(entry, kwargs)
        if rest:
            raise ValueError(f"{entry.name}: parámetros sin uso {sorted(rest)}")
        leaf = x.detach().clone().requires_grad_()
        loss = build(entry.fn, leaf, {**call, "reduction": "none"}).reshape(-1)
        return [[loss.detach()], [_derivative(loss, leaf)]]

    panels = (
        Panel(entry.title, xlabel, "ℓ", ("ℓ",)),
        Panel("Derivada", xlabel, "ℓ′", ("ℓ′",)),
    )
    note = LOSS_NOTES.get(entry.name, "Con el objetivo y = 0." if known is None else "")
    view = View("curva", domain, panels, evaluate, axis=axis, note=note)
    try:  # a loss this construction does not fit, or that it leaves flat, has no view
        import torch

        (probe,), _ = view.evaluate(
            torch.linspace(*domain, 9, dtype=torch.float64), defaults(entry)
        )
    except Exception:
        return None
    if (
        probe.shape != (9,)
        or not bool(probe.isfinite().any())
        or float(probe.nan_to_num().std()) == 0
    ):
        return None
    return view


def _energy_view(entry: Any) -> View:
    """Una pérdida de energía con dos respuestas: la correcta con energía 0 y la otra con
    :math:`-z`, así que :math:`z = E_C - E_I` (la correcta gana con :math:`z < 0`)."""

    def evaluate(z: Tensor, kwargs: dict[str, Any]) -> list[list[Tensor]]:
        import torch

        leaf = z.detach().clone().requires_grad_()
        energies = torch.stack([torch.zeros_like(leaf), -leaf], dim=1)
        target = torch.zeros(len(leaf), dtype=torch.long)
        loss = entry.fn(energies, target, reduction="none", **kwargs)
        return [[loss.detach()], [_derivative(loss, leaf)]]

    xlabel = "z = E_C − E_I"
    panels = (
        Panel(entry.title, xlabel, "ℓ", ("ℓ",)),
        Panel("Derivada", xlabel, "ℓ′", ("ℓ′",)),
    )
    note = "Dos respuestas: la correcta con energía E_C = 0 y la otra con E_I = −z."
    return View("curva", (-3.0, 3.0), panels, evaluate, axis="energía", note=note)


def view_of(entry: Entry) -> View | None:
    """La vista de ``entry``: curva y derivada, barras de una softmax o pérdida frente a x."""
    from actloss.catalog._entry import VectorProperties

    if entry.kind == ENERGY_KIND:
        return _energy_view(entry)
    if entry.module_only:
        return None
    if isinstance(entry.properties, VectorProperties):  # bars, if it has a temperature
        names = {p["name"].lower() for p in catalog_parameters(entry)}
        return _vector_view(entry) if names & TEMPERATURE else None
    if entry.kind == "activación":
        return _activation_view(entry)
    return _loss_view(entry)


def defaults(entry: Entry) -> dict[str, Any]:
    return {c.name: c.values[c.initial] for c in controls(entry)}


# ---------------------------------------------------------------------------------------
# Data: the grid of parameters x the grid of x, rounded
# ---------------------------------------------------------------------------------------


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
    return (_nice(low - pad), _nice(high + pad))


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
    return [_nice(low + (high - low) * i / (n - 1)) for i in range(n)]


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
            {"x": [_nice(v) for v in torch.linspace(*domain, 161).tolist()], "funciones": []},
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
        "activaciones": {"x": [_nice(v) for v in xa.tolist()], "funciones": activations},
        "perdidas": axes,
        "decimales": 3,
    }


# ---------------------------------------------------------------------------------------
# Cache, directives and the hooks that put the figure on the gallery pages
# ---------------------------------------------------------------------------------------


# This file as it was when imported: the code that computes, even if the file changes on
# disk while a build runs (the cache would otherwise file old numbers under a new name).
_SOURCE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


@functools.cache
def _fingerprint() -> str:
    """La huella de ``src/actloss`` y de esta extensión: una vez por proceso."""
    from library_stamp import library_fingerprint

    return hashlib.sha256(f"{library_fingerprint()}{_SOURCE}".encode()).hexdigest()[:16]


def cached(cache: Path, name: str, make: Callable[[], Any]) -> Any:
    """``make()`` guardado en ``cache/<name>-<huella>.json``; se calcula una vez por huella."""
    path = cache / f"{name}-{_fingerprint()}.json"
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    value = make()
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.glob(f"{name}-*.json"):
        old.unlink(missing_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(json.dumps(value, separators=(",", ":"), ensure_ascii=False), "utf-8")
    partial.replace(path)  # atomic: parallel readers see the whole file or none
    return value


def _payload(data: Any) -> str:
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    return text.replace("</", "<\\/")  # a JSON string must not close the <script>


class _Figure(SphinxDirective):
    def _cache(self) -> Path:
        return Path(self.env.doctreedir) / "interactivo"

    def _raw(self, markup: str) -> list[nodes.Node]:
        self.env.note_dependency(__file__)  # a change here re-reads the page
        return [nodes.raw("", markup, format="html")]


class Interactive(_Figure):
    """``.. interactivo:: <nombre>``: la figura con controles de una entrada del catálogo."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        key = self.arguments[0]
        entry = entries()[key]
        data = cached(self._cache(), key.replace(":", "-"), lambda: compute(entry, key=key))
        if data is None:
            return []
        caption = (
            "Figura interactiva: mueva los controles para redibujar la curva con otros "
            "valores de los parámetros. Los números los calculó actloss al construir el sitio."
        )
        if data["nota"]:
            caption += f" {html.escape(data['nota'])}"
        return self._raw(
            f'<figure class="interactivo" data-interactivo="{html.escape(entry.name)}" hidden>'
            f"<figcaption>{caption}</figcaption>"
            f'<script type="application/json" class="interactivo-datos">{_payload(data)}</script>'
            "</figure>"
        )


class Explorer(_Figure):
    """``.. interactivo-explorador:: activaciones|perdidas``: una parte del explorador."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        part = self.arguments[0]
        if part not in {"activaciones", "perdidas"}:
            raise self.error(f"parte desconocida {part!r}: use activaciones o perdidas")
        data = cached(self._cache(), "explorador", compute_explorer)[part]
        return self._raw(
            f'<div class="interactivo-explorador" data-parte="{part}" hidden>'
            f'<script type="application/json" class="interactivo-datos">{_payload(data)}</script>'
            "</div>"
            '<noscript><p class="interactivo-sin-js">El explorador necesita JavaScript; las '
            "figuras de cada función están en la galería.</p></noscript>"
        )


FIRST_FIGURE = re.compile(r"^\.\. image-sg:: .*\n(?:[ \t]+.*\n)*", re.MULTILINE)
DOWNLOADS = re.compile(r"^\.\. _sphx_glr_download_", re.MULTILINE)


def entries() -> dict[str, Any]:
    """Las entradas del catálogo por su clave en la directiva: su nombre, o
    ``energia:<nombre>`` para las pérdidas de energía (:func:`actloss.catalog.energy_losses`)."""
    from actloss import catalog

    found: dict[str, Any] = dict(catalog.CATALOG)
    for entry in catalog.energy_losses():
        found[ENERGY_KEY + entry.name] = entry
    return found


def example_of(entry: Any) -> str:
    """El documento del ejemplo de la galería de ``entry``: el de una pérdida de energía
    tiene en cuenta su ``page`` (``plot_energy_nll_loss``, no ``plot_nll_loss``)."""
    return str(entry.example)


def figure_for(docname: str) -> str | None:
    """La clave de la entrada cuyo ejemplo es ``docname``, si tiene figura interactiva."""
    if not docname.startswith("galeria/"):
        return None
    for key, entry in entries().items():
        if example_of(entry) == docname and catalog_parameters(entry) and view_of(entry):
            return key
    return None


def insert_figure(text: str, name: str) -> str:
    """El ``.rst`` de un ejemplo con la figura interactiva tras su primera figura."""
    directive = f"\n.. interactivo:: {name}\n\n"
    if match := FIRST_FIGURE.search(text):
        return text[: match.end()] + directive + text[match.end() :]
    if match := DOWNLOADS.search(text):
        return text[: match.start()] + directive + text[match.start() :]
    return text + directive


def _source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    if name := figure_for(docname):
        source[0] = insert_figure(source[0], name)


def _assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], *_: Any
) -> None:
    if 'class="interactivo' in context.get("body", ""):
        app.add_css_file("interactivo.css")
        app.add_js_file("interactivo.js", defer="defer")


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("interactivo", Interactive)
    app.add_directive("interactivo-explorador", Explorer)
    app.connect("source-read", _source_read)
    app.connect("html-page-context", _assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
