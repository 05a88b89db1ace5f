"""Reparte entre los procesos de lectura las páginas que myst-nb ejecuta.

Con ``-j``, Sphinx lee los documentos por tandas de nombres consecutivos, en orden
alfabético, y myst-nb ejecuta cada página-cuaderno (las de ``file_format: mystnb``) al
leerla. La portada, las notas y Rendimiento caen así casi todas en la última tanda, y
sus núcleos de Jupyter se ejecutan uno tras otro en un solo proceso: alrededor de un
minuto de una construcción completa, con el otro núcleo parado.

El evento ``env-before-read-docs`` permite reordenar la lista antes de partirla. Aquí
esas páginas se reparten por igual al principio de las tandas, que se completan con las
demás en su orden; Sphinx parte la lista reordenada con las mismas longitudes de tanda.
Solo cambia el orden de lectura, no lo que se lee ni lo que se escribe.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the tests import this module without a Sphinx application
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

NOTEBOOK_MARK = "file_format: mystnb"


def is_notebook(source: Path) -> bool:
    """La página declara en su cabecera YAML que myst-nb la ejecuta."""
    if source.suffix != ".md":
        return False
    text = source.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return False
    header = text.split("---", 2)[1]
    return any(line.strip() == NOTEBOOK_MARK for line in header.splitlines())


def spread(docnames: list[str], notebooks: set[str], chunk_sizes: list[int]) -> list[str]:
    """``docnames`` reordenada: las páginas de ``notebooks``, repartidas por igual entre
    las tandas (hasta llenarlas), y detrás de ellas las demás en su orden.

    ``chunk_sizes`` son las longitudes de las tandas en que Sphinx partirá la lista, que
    suman ``len(docnames)``. El resultado es una permutación de ``docnames``.
    """
    chunks: list[list[str]] = [[] for _ in chunk_sizes]
    heavy = [d for d in docnames if d in notebooks]
    light = iter([d for d in docnames if d not in notebooks])
    for docname in heavy:  # to the chunk with the fewest so far that still has room
        open_chunks = [c for c, size in zip(chunks, chunk_sizes, strict=True) if len(c) < size]
        min(open_chunks, key=len).append(docname)
    for chunk, size in zip(chunks, chunk_sizes, strict=True):
        chunk.extend(itertools.islice(light, max(0, size - len(chunk))))
    return [d for chunk in chunks for d in chunk]


def _reorder(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if app.parallel <= 1 or not docnames:
        return
    from sphinx.util.parallel import make_chunks

    sizes = [len(chunk) for chunk in make_chunks(docnames, app.parallel)]
    notebooks = {d for d in docnames if is_notebook(Path(env.doc2path(d)))}
    docnames[:] = spread(docnames, notebooks, sizes)


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("env-before-read-docs", _reorder)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
