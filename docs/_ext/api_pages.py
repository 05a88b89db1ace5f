"""Genera las páginas de la API de ``actloss.functional`` y ``actloss.nn`` desde el catálogo.

Así la referencia no depende de una lista escrita a mano: una función nueva del
catálogo aparece en la API el mismo día. Cada página termina con los nombres que el
módulo no define y sirve tal cual desde torch (``actloss._passthrough.passthrough``).
Las páginas se escriben en ``docs/api/`` (y git las ignora) antes de que autosummary
genere las de cada objeto.
"""

from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path

from library_stamp import library_fingerprint
from sphinx.application import Sphinx
from sphinx.ext.autosummary import process_generate_options

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
    from actloss import catalog

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
    return "\n".join(lines + _passthrough_section(module))


def _passthrough_section(module: str) -> list[str]:
    """Los nombres de torch que ``module`` sirve sin cambios, generados desde el código."""
    import importlib

    from actloss._passthrough import TWINS, passthrough

    names = passthrough(importlib.import_module(module))
    torch_module = TWINS[module]
    parent, _, leaf = torch_module.rpartition(".")
    title = f"Lo que viene de {torch_module}"
    return [
        "",
        title,
        "^" * len(title),
        "",
        f"``{module}`` define los nombres de arriba. Cualquier otro se lo pide a",
        f":mod:`{torch_module}` y lo devuelve sin cambios, el mismo objeto: un guion entero",
        f"cambia ``from {parent} import {leaf}`` por ``from actloss import {leaf}`` y funciona.",
        "Las clases, funciones y submódulos públicos que vienen así de torch son estos",
        f"{len(names)}:",
        "",
        ", ".join(f"``{name}``" for name in names),
        "",
    ]


def _ordered(names: list[str], key) -> list[str]:
    from actloss import catalog

    order = {key(entry): i for i, entry in enumerate(catalog.CATALOG.values())}
    return sorted(names, key=lambda n: (order.get(n.removesuffix("_"), len(order)), n))


def write_pages(app: Sphinx) -> None:
    out = Path(app.srcdir) / "api"
    # The pages depend only on the library and on this file: unchanged, they are not
    # rewritten, and actloss (with torch) is not imported for them.
    key = _digest(
        library_fingerprint(), Path(__file__).read_text(encoding="utf-8"), version("torch")
    )
    stamp = out / ".huella-paginas"
    if _up_to_date(stamp, key, [out / "functional.rst", out / "nn.rst"]):
        return
    import actloss

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
    stamp.write_text(key, encoding="utf-8")


def _digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode())
    return digest.hexdigest()


def _up_to_date(stamp: Path, key: str, files: list[Path]) -> bool:
    return (
        stamp.is_file()
        and stamp.read_text(encoding="utf-8") == key
        and all(f.is_file() for f in files)
    )


def generate_stubs(app: Sphinx) -> None:
    """autosummary genera una página por objeto, pero solo si ha cambiado algo de lo que
    sale en ellas: las páginas de la API que las listan o las plantillas.

    Generarlas importa cada objeto (torch incluido) y cuesta más de un segundo en cada
    construcción, también cuando no hay nada que hacer.
    """
    api = Path(app.srcdir) / "api"
    templates = Path(app.srcdir) / "_templates" / "autosummary"
    sources = sorted(api.glob("*.rst")) + sorted(templates.glob("*.rst"))
    key = _digest(*(f"{p.name}\n{p.read_text(encoding='utf-8')}" for p in sources))
    stamp = api / "generated" / ".huella-stubs"
    if _up_to_date(stamp, key, []):
        return
    process_generate_options(app)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(key, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, object]:
    app.setup_extension("sphinx.ext.autosummary")
    app.connect("config-inited", lambda app, config: write_pages(app))  # before files are found
    # autosummary's own handler regenerates every stub on every build: ours checks first.
    for listener in list(app.events.listeners["builder-inited"]):
        if listener.handler is process_generate_options:
            app.disconnect(listener.id)
    app.connect("builder-inited", generate_stubs)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
