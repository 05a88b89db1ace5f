"""Cada página de la galería enlaza con su sección de las notas.

Las notas ya enlazan con la galería; el camino de vuelta sale del catálogo: la
entrada cuyo ``example`` es la página da la etiqueta de su sección (``section``).
Al leer el reST que sphinx-gallery genera para ``galeria/*/plot_<nombre>``, se
inserta bajo el párrafo inicial una línea «En las notas: …». Los ejemplos que no son
de una sola función (las comparaciones) tienen sus enlaces en ``EXTRA`` más abajo.
Así no hay que tocar cada ejemplo, y una entrada nueva del catálogo queda enlazada el
día que se añade.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only annotations: the tests import this module without Sphinx
    from sphinx.application import Sphinx

GALLERY = "galeria/"

# Pages of the gallery that are not one catalog entry: (link text, target) pairs, where a
# target starting with "/" is a document and any other is a label of the notes.
EXTRA: dict[str, list[tuple[str, str]]] = {
    "galeria/comparaciones/plot_relu_vs_elu": [("ELU", "notas-elu")],
    "galeria/comparaciones/plot_gradient_flow": [
        ("la sigmoide en redes profundas", "notas-sigmoide")
    ],
    "galeria/comparaciones/plot_zoo": [
        ("las activaciones de la clase", "/notas/activacion"),
        ("las demás activaciones", "/notas/otras-activaciones"),
        ("¿qué función elijo?", "/notas/elegir"),
    ],
    "galeria/perdidas/plot_nll_loss2d": [("la verosimilitud negativa", "notas-nll")],
}

# The generated page: directives and the example's label, then the title and its underline.
TITLE = re.compile(r"^(?P<title>\S.*)\n(?P<line>=+)\n", re.MULTILINE)
FIRST_CELL = re.compile(r"^\.\. GENERATED FROM PYTHON SOURCE LINES", re.MULTILINE)


def links_for(docname: str) -> list[tuple[str, str]]:
    """Los enlaces (texto, destino) a las notas de la página ``docname`` de la galería."""
    if docname in EXTRA:
        return EXTRA[docname]
    from actloss import catalog  # imported here: a build that reads no example needs no torch

    entries = list(catalog.CATALOG.values())
    # The energy-based losses of lecture 11-2 are listed apart from CATALOG (they take energies).
    entries += getattr(catalog, "ENERGY", {}).values()
    links = [(e.title, e.section) for e in entries if e.example == docname]
    return list(dict.fromkeys(links))  # an entry listed in both tables links once


def reference(text: str, target: str) -> str:
    role = "doc" if target.startswith("/") else "ref"
    return f":{role}:`{text} <{target}>`"


def sentence(links: list[tuple[str, str]]) -> str:
    """«En las notas: A.», «En las notas: A y B.» o «En las notas: A, B y C.»."""
    refs = [reference(text, target) for text, target in links]
    body = refs[0] if len(refs) == 1 else ", ".join(refs[:-1]) + " y " + refs[-1]
    return f"En las notas: {body}."


def insert_links(source: str, links: list[tuple[str, str]]) -> str:
    """``source`` con la línea de enlaces tras el párrafo inicial (antes del primer bloque de
    código), o tras el título si no hay bloques. Sin enlaces, o sin título, no cambia."""
    title = TITLE.search(source)
    if not links or title is None:
        return source
    block = f"\n.. rst-class:: notas-enlace\n\n{sentence(links)}\n\n"
    cell = FIRST_CELL.search(source, title.end())
    at = cell.start() if cell else title.end()
    return source[:at] + block + source[at:]


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    if docname.startswith(GALLERY) and docname.rsplit("/", 1)[-1].startswith("plot_"):
        source[0] = insert_links(source[0], links_for(docname))


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("source-read", on_source_read)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
