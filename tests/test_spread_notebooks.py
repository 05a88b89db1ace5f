"""Las páginas que myst-nb ejecuta se reparten entre las tandas de lectura en paralelo."""

from __future__ import annotations

import contextlib
import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "_ext"))

from spread_notebooks import is_notebook, prepare_cache, spread

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _chunks(docnames: list[str], sizes: list[int]) -> list[list[str]]:
    """Parte la lista como Sphinx: tandas consecutivas de las longitudes dadas."""
    starts = [sum(sizes[:i]) for i in range(len(sizes))]
    return [docnames[s : s + n] for s, n in zip(starts, sizes, strict=True)]


@pytest.mark.parametrize(
    ("total", "notebooks", "sizes"),
    [
        (245, range(236, 245), [35] * 7),  # like this site: nine pages at the end
        (10, range(10), [4, 4, 2]),  # more notebooks than chunks
        (12, [0, 11], [5, 5, 2]),
        (3, [], [1, 1, 1]),
    ],
)
def test_every_chunk_gets_its_turn_of_notebooks(total, notebooks, sizes):
    docnames = [f"doc{i:03d}" for i in range(total)]
    heavy = {docnames[i] for i in notebooks}
    reordered = spread(docnames, heavy, sizes)
    assert sorted(reordered) == docnames  # a permutation: nothing read twice or skipped
    per_chunk = [sum(d in heavy for d in chunk) for chunk in _chunks(reordered, sizes)]
    assert sum(per_chunk) == len(heavy)
    # As even as the sizes allow: a chunk with fewer than the others is full of them.
    for count, size in zip(per_chunk, sizes, strict=True):
        assert count >= max(per_chunk) - 1 or count == size, per_chunk
    light = [d for d in reordered if d not in heavy]
    assert light == [d for d in docnames if d not in heavy]  # the rest keeps its order


def test_the_site_pages_with_code_cells_are_the_notebooks():
    pages = [*DOCS.glob("*.md"), *DOCS.glob("notas/*.md")]
    found = {p.relative_to(DOCS).as_posix() for p in pages if is_notebook(p)}
    with_cells = {p.relative_to(DOCS).as_posix() for p in pages if "{code-cell}" in p.read_text()}
    assert found == with_cells
    assert {"notas/perdida.md", "rendimiento.md"} <= found
    assert "notas/glosario.md" not in found


def test_sizes_that_do_not_fit_leave_the_list_as_it_is():
    docnames = ["a", "b", "c", "d"]
    assert spread(docnames, {"c", "d"}, [1, 1]) == docnames
    assert spread(docnames, {"c", "d"}, [2, 2, 2]) == docnames


def test_the_notebook_cache_exists_before_reading_in_wal_mode(tmp_path):
    """Los procesos de lectura la encuentran creada: ninguno crea sus tablas."""
    folder = tmp_path / ".jupyter_cache"
    database = prepare_cache(folder)
    with contextlib.closing(sqlite3.connect(database)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert {"nbcache", "nbproject", "settings"} <= tables
    assert prepare_cache(folder) == database  # a second build finds it and keeps it


def test_a_mark_outside_the_header_does_not_count(tmp_path):
    page = tmp_path / "pagina.md"
    page.write_text("# Título\n\n---\nfile_format: mystnb\n---\n")
    assert not is_notebook(page)
    page.write_text("---\nfile_format: mystnb\n---\n# Título\n")
    assert is_notebook(page)
    assert not is_notebook(page.with_suffix(".rst"))
