"""Reparte entre los procesos de lectura las páginas que myst-nb ejecuta.

Con ``-j``, Sphinx lee los documentos por tandas de nombres consecutivos, en orden
alfabético, y myst-nb ejecuta cada página-cuaderno (las de ``file_format: mystnb``) al
leerla. La portada, las notas y Rendimiento caen así casi todas en la última tanda, y
se ejecutan una tras otra en un solo proceso: alrededor de un minuto de una construcción
completa, con el otro núcleo de la CPU parado.

El evento ``env-before-read-docs`` permite reordenar la lista antes de partirla. Aquí
esas páginas se reparten por igual al principio de las tandas, que se completan con las
demás en su orden; Sphinx parte la lista reordenada con las mismas longitudes de tanda.
Solo cambia el orden de lectura, no lo que se lee ni lo que se escribe.

Varios procesos usan entonces a la vez la caché de jupyter-cache, una base SQLite que
cada uno crea si no existe: dos podrían crearla a la vez ("table ... already exists").
Por eso se crea aquí, en el proceso principal y antes de repartir, y en modo WAL, en el
que un proceso que lee no espera al que escribe.
"""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
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

    ``chunk_sizes`` son las longitudes de las tandas en que Sphinx partirá la lista. Si
    no suman ``len(docnames)``, la lista vuelve sin cambios.
    """
    if sum(chunk_sizes) != len(docnames):
        return list(docnames)
    chunks: list[list[str]] = [[] for _ in chunk_sizes]
    heavy = [d for d in docnames if d in notebooks]
    light = iter([d for d in docnames if d not in notebooks])
    for docname in heavy:  # to the chunk with the fewest so far that still has room
        open_chunks = [c for c, size in zip(chunks, chunk_sizes, strict=True) if len(c) < size]
        min(open_chunks, key=len).append(docname)
    for chunk, size in zip(chunks, chunk_sizes, strict=True):
        chunk.extend(itertools.islice(light, max(0, size - len(chunk))))
    return [d for chunk in chunks for d in chunk]


def prepare_cache(folder: Path) -> Path:
    """La base de datos de jupyter-cache en ``folder``: la crea si no existe y la deja en
    modo WAL (también una que ya existía)."""
    from jupyter_cache import get_cache
    from jupyter_cache.cache.db import DB_NAME

    get_cache(folder).db.dispose()  # creates the folder, the tables and the version file
    database = folder / DB_NAME
    with contextlib.closing(sqlite3.connect(database)) as connection:
        (mode,) = connection.execute("PRAGMA journal_mode=WAL").fetchone()  # kept in the file
    if mode != "wal":  # SQLite keeps the old mode, silently, if it cannot switch
        raise RuntimeError(f"{database}: no se pudo pasar a modo WAL (sigue en {mode!r})")
    return database


def _reorder(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if app.parallel <= 1 or not docnames:
        return
    from sphinx.util.parallel import make_chunks

    notebooks = {d for d in docnames if is_notebook(Path(env.doc2path(d)))}
    if not notebooks:
        return
    if app.config.nb_execution_mode == "cache":
        prepare_cache(Path(app.config.nb_execution_cache_path))
    sizes = [len(chunk) for chunk in make_chunks(docnames, app.parallel)]
    docnames[:] = spread(docnames, notebooks, sizes)


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("env-before-read-docs", _reorder)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
