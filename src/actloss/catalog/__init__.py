"""El catálogo: una entrada por función, fuente única de verdad.

Las pruebas recorren el catálogo, la tabla de la documentación se genera a partir
de él y cada propiedad que afirma la comprueba una prueba numérica.

Ejemplos:
    >>> from actloss import catalog
    >>> catalog.get("prelu").module
    'PReLU'
    >>> catalog.losses()[0].name
    'l1_loss'
"""

from __future__ import annotations

from actloss import _families
from actloss.catalog._energy import ENERGY, ENERGY_ENTRIES, EnergyEntry, EnergyProperties
from actloss.catalog._entry import ActivationProperties, Entry, LossProperties

# In the order of actloss._families: the order of the tables, the tests and the gallery.
CATALOG: dict[str, Entry] = {
    entry.name: entry for family in _families.modules(__name__) for entry in family.ENTRIES
}


def get(name: str | Entry) -> Entry:
    """La entrada llamada ``name``; una :class:`Entry` se devuelve tal cual."""
    if isinstance(name, Entry):
        return name
    try:
        return CATALOG[name]
    except KeyError:
        raise KeyError(f"el catálogo no tiene la función {name!r}") from None


def activations() -> list[Entry]:
    """Las entradas de activaciones, en el orden del catálogo."""
    return [e for e in CATALOG.values() if e.kind == "activación"]


def losses() -> list[Entry]:
    """Las entradas de pérdidas, en el orden del catálogo."""
    return [e for e in CATALOG.values() if e.kind == "pérdida"]


def energy_losses() -> list[EnergyEntry]:
    """Las pérdidas de los modelos basados en energía (:mod:`actloss.energy`).

    Van aparte de ``CATALOG``: reciben energías y no predicciones, y ``nll_loss``
    nombra a la vez la de torch y la de energía.
    """
    return list(ENERGY_ENTRIES)


__all__ = [
    "CATALOG",
    "ENERGY",
    "ActivationProperties",
    "EnergyEntry",
    "EnergyProperties",
    "Entry",
    "LossProperties",
    "activations",
    "energy_losses",
    "get",
    "losses",
]
