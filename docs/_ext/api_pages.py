"""Genera las páginas de la API de ``actloss.functional`` y ``actloss.nn`` desde el catálogo.

Así la referencia no depende de una lista escrita a mano: una función nueva del
catálogo aparece en la API el mismo día. Las páginas se escriben en ``docs/api/`` (y
git las ignora) antes de que autosummary genere las de cada objeto.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

import actloss
from actloss import catalog

KINDS = {"activación": "Activaciones", "pérdida": "Pérdidas"}


def _section(title: str, names: list[str], template: str) -> list[str]:
    if not names:
        return []
    lines = [
        title,
        "^" * len(title),
        "",
        ".. autosummary::",
        "   :toctree: generated",
        f"   :template: {template}",
        "",
    ]
    return lines + [f"   {name}" for name in names] + [""]


def _page(module: str, title: str, names: list[str], key, template: str) -> str:
    """Una página con los nombres de ``module`` agrupados por tipo de entrada."""
    lines = [title, "=" * len(title), "", f".. automodule:: {module}", "   :no-members:", ""]
    groups: dict[str, list[str]] = {kind: [] for kind in KINDS}
    others: list[str] = []
    by_key = {key(entry): entry.kind for entry in catalog.CATALOG.values()}
    for name in names:
        kind = by_key.get(name.removesuffix("_"))
        (groups[kind] if kind else others).append(name)
    for kind, label in KINDS.items():
        lines += _section(label, groups[kind], template)
    lines += _section("Otras", others, template)
    return "\n".join(lines)


def _ordered(names: list[str], key) -> list[str]:
    order = {key(entry): i for i, entry in enumerate(catalog.CATALOG.values())}
    return sorted(names, key=lambda n: (order.get(n.removesuffix("_"), len(order)), n))


def write_pages(app: Sphinx) -> None:
    out = Path(app.srcdir) / "api"
    pages = {
        "functional.rst": _page(
            "actloss.functional",
            "Funciones: actloss.functional",
            _ordered(actloss.functional.__all__, lambda e: e.name),
            lambda e: e.name,
            "autosummary/function.rst",
        ),
        "nn.rst": _page(
            "actloss.nn",
            "Módulos: actloss.nn",
            _ordered(actloss.nn.__all__, lambda e: e.module),
            lambda e: e.module,
            "autosummary/class.rst",
        ),
    }
    for filename, text in pages.items():
        path = out / filename
        if not path.exists() or path.read_text() != text:  # keep mtimes for incremental builds
            path.write_text(text)


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("config-inited", lambda app, config: write_pages(app))  # before files are found
    return {"parallel_read_safe": True, "parallel_write_safe": True}
