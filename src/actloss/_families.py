"""Las familias de funciones: la lista única, en el orden de las tablas, las pruebas y la galería.

:mod:`actloss.functional`, :mod:`actloss.nn` y :mod:`actloss.catalog` tienen un módulo
privado por familia (``_rectifiers``, ``_smooth``...). Cada paquete publica los nombres de
los ``__all__`` de sus familias con :func:`export`, y el catálogo recorre sus entradas con
:func:`modules`: una familia nueva se añade aquí, y solo aquí.

Ejemplos:
    >>> from actloss import _families
    >>> [m.__name__ for m in _families.modules("actloss.nn")][:2]
    ['actloss.nn._rectifiers', 'actloss.nn._smooth']
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

FAMILIES = (
    "rectifiers",
    "smooth",
    "piecewise",
    "softmax",
    "regression",
    "classification",
    "margin",
    "ctc",
)


def modules(package: str) -> list[ModuleType]:
    """El módulo ``<package>._<familia>`` de cada familia, en el orden de :data:`FAMILIES`."""
    return [importlib.import_module(f"{package}._{family}") for family in FAMILIES]


def export(namespace: dict[str, Any]) -> list[str]:
    """Pone en ``namespace``, el de un paquete, los nombres públicos de cada familia.

    Devuelve esos nombres ordenados: el ``__all__`` del paquete.
    """
    names = []
    for module in modules(namespace["__name__"]):
        for name in module.__all__:
            namespace[name] = getattr(module, name)
            names.append(name)
    return sorted(names)
