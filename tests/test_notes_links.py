"""La galería y las notas se enlazan en los dos sentidos.

De las notas a la galería enlazan las propias páginas de ``docs/notas``; de la galería a
las notas, la extensión ``docs/_ext/notes_links.py``, que inserta en cada ejemplo una
línea «En las notas: …» con la sección que da el catálogo. Aquí se prueba la inserción
sobre un texto de juguete y, si el sitio está construido, que cada página de la galería
lleva su enlace y que cada sección de las notas enlaza con la galería.
"""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"


def _extension() -> ModuleType:
    spec = importlib.util.spec_from_file_location("notes_links", ROOT / "docs/_ext/notes_links.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


notes_links = _extension()

PAGE = """.. _sphx_glr_galeria_x_plot_y.py:


Título
======

Un párrafo.

.. GENERATED FROM PYTHON SOURCE LINES 12-20

Fórmula
-------
"""


def test_the_link_goes_after_the_opening_paragraph() -> None:
    out = notes_links.insert_links(PAGE, [("ELU", "notas-elu")])
    link = "En las notas: :ref:`ELU <notas-elu>`."
    assert out.index("Un párrafo.") < out.index(link) < out.index(".. GENERATED")
    assert out.replace(f"\n.. rst-class:: notas-enlace\n\n{link}\n\n", "") == PAGE


def test_several_links_read_as_a_sentence_and_documents_use_doc() -> None:
    links = [("A", "notas-a"), ("B", "/notas/b"), ("C", "notas-c")]
    assert notes_links.sentence(links) == (
        "En las notas: :ref:`A <notas-a>`, :doc:`B </notas/b>` y :ref:`C <notas-c>`."
    )


def test_a_page_without_links_or_title_is_left_alone() -> None:
    assert notes_links.insert_links(PAGE, []) == PAGE
    assert notes_links.insert_links("sin título\n", [("A", "notas-a")]) == "sin título\n"


def test_every_catalog_example_has_a_section_to_link() -> None:
    from actloss import catalog

    for entry in catalog.CATALOG.values():
        assert notes_links.links_for(entry.example) == [(entry.title, entry.section)]


def _site() -> Path:
    if not (SITE / "index.html").is_file():
        message = f"no hay sitio construido en {SITE}: ejecute antes `nox -s docs`"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return SITE


def test_every_gallery_page_links_to_the_notes() -> None:
    site = _site()
    missing = []
    for source in sorted((ROOT / "gallery").glob("*/plot_*.py")):  # pages of today's examples
        page = site / "galeria" / source.parent.name / f"{source.stem}.html"
        html = page.read_text(encoding="utf-8") if page.is_file() else ""
        line = re.search(r'<p class="notas-enlace">En las notas: (.*?)</p>', html, re.DOTALL)
        if line is None or 'href="../../notas/' not in line.group(1):
            missing.append(page.relative_to(site).as_posix())
    assert missing == [], missing


def test_every_section_of_the_notes_links_to_the_gallery() -> None:
    """Cada sección con etiqueta de las páginas de enseñanza enlaza con algún ejemplo."""
    site = _site()
    lonely = []
    for name in ("activacion", "otras-activaciones", "perdida", "otras-perdidas"):
        html = (site / "notas" / f"{name}.html").read_text(encoding="utf-8")
        # A labelled section runs to the next labelled one (its subsections included).
        pattern = r'<section id="(notas-[^"]+)">(.*?)(?=<section id="notas-|$)'
        for label, body in re.findall(pattern, html, flags=re.DOTALL):
            if "../galeria/" not in body:
                lonely.append(f"{name}#{label}")
    assert lonely == [], lonely
