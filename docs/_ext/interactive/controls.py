"""Los parámetros del catálogo como controles, cada uno con su rejilla de valores."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from actloss.catalog import Entry

GRID_SIZE = {1: 21, 2: 9, 3: 5}  # grid values per continuous parameter, by their number


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


def nice(value: float) -> float:
    return float(f"{value:.6g}")


def grid(low: float, high: float, default: float, size: int, log: bool = False) -> list[float]:
    """A lo sumo ``size`` valores de ``low`` a ``high``, con paso redondo, y ``default``.

    Los extremos y el valor por defecto siempre están; entre ellos, los múltiplos del
    menor paso redondo (1, 2, 2.5 o 5 por una potencia de 10) que caben. Con
    ``log=True``, una progresión geométrica a cada lado del valor por defecto (con tres
    cifras significativas).
    """
    fixed = {nice(low), nice(high), nice(default)}
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
            values = fixed | {nice(i * step) for i in range(first, last + 1)}
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
        name = p["name"]
        label = name if not p["label"] or p["label"] == name else f"{p['label']} ({name})"
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


def defaults(entry: Entry) -> dict[str, Any]:
    return {c.name: c.values[c.initial] for c in controls(entry)}
