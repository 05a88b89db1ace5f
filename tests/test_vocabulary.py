"""Una palabra por idea: el texto que lee el lector no usa las variantes descartadas.

El sitio escribe «coste» (no «costo»), «puntuaciones» (no «puntajes»), «solo» (no
«sólo», como pide la RAE) y «distinto» o «diferente» (no «disimilar»). La prueba
recorre el texto visible de cada página de ``_build/html`` (lo que construye
``nox -s docs``) y, siempre, las fuentes de las que sale: las notas y páginas de
``docs/``, la galería entera y las cadenas de ``src/`` (docstrings, mensajes, afirmaciones).
"""

from __future__ import annotations

import ast
import html
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"

# The discarded word -> the one the site uses.
PREFERRED = {
    "costo": "coste",
    "costos": "costes",
    "puntaje": "puntuación",
    "puntajes": "puntuaciones",
    "sólo": "solo",
    "disimilar": "distinto",
    "disimilares": "distintos",
}
BANNED = re.compile(r"\b(costos?|puntajes?|s[óÓ]lo|disimilar(?:es)?)\b", re.IGNORECASE)

# Markup a reader never sees, and the attributes whose text a reader does see.
INVISIBLE = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->", re.DOTALL | re.IGNORECASE)
SHOWN_ATTRIBUTE = re.compile(
    r"""\b(?:alt|title|aria-label|tooltip|content|placeholder)\s*=\s*("[^"]*"|'[^']*')""",
    re.IGNORECASE,
)
TAG = re.compile(r"<[^>]+>")

# Generated into docs/ by the build; their text is checked in _build/html and at its source.
GENERATED = ("docs/galeria/", "docs/api/generated/", "docs/_build/")


def banned_words(text: str) -> list[tuple[str, str]]:
    """Cada palabra descartada de ``text``, con unas palabras de contexto."""
    found = []
    for match in BANNED.finditer(text):
        start, end = max(match.start() - 40, 0), match.end() + 40
        context = " ".join(text[start:end].split())
        found.append((match.group(0), context))
    return found


def visible_text(page: str) -> str:
    """El texto de una página HTML que ve un lector: el de los nodos y el de los atributos
    que se muestran (texto alternativo, títulos, descripciones), sin guiones ni estilos."""
    page = INVISIBLE.sub(" ", page)
    shown = [value[1:-1] for value in SHOWN_ATTRIBUTE.findall(page)]
    return html.unescape(" ".join([TAG.sub(" ", page), *shown]))


def prose(source: str) -> str:
    """El texto de un módulo de Python que puede llegar al lector: sus docstrings y sus
    cadenas (mensajes de error, afirmaciones del catálogo...), sin el código ni los
    comentarios."""
    nodes = ast.walk(ast.parse(source))
    return "\n".join(
        n.value for n in nodes if isinstance(n, ast.Constant) and isinstance(n.value, str)
    )


def source_texts(root: Path = ROOT) -> Iterator[tuple[str, str]]:
    """(ruta, texto que llega al lector) de cada fuente: ``docs/`` entero salvo lo generado,
    la galería entera (prosa, comentarios y lo que imprime) y las cadenas de ``src/``."""
    for pattern in ("docs/**/*.md", "docs/**/*.rst", "docs/**/*.py", "docs/**/*.js"):
        for path in sorted(root.glob(pattern)):
            name = path.relative_to(root).as_posix()
            if not name.startswith(GENERATED) and "node_modules" not in name:
                yield name, path.read_text(encoding="utf-8")
    for path in sorted(root.glob("gallery/**/*.py")) + sorted(root.glob("gallery/**/*.rst")):
        yield path.relative_to(root).as_posix(), path.read_text(encoding="utf-8")
    for path in sorted(root.glob("src/**/*.py")):
        source = path.read_text(encoding="utf-8")
        if BANNED.search(source):  # parsing is the slow part: only where a word might be
            yield path.relative_to(root).as_posix(), prose(source)


def site_texts(site: Path = SITE) -> Iterator[tuple[str, str]]:
    """(ruta, texto visible) de cada página construida que contiene una palabra descartada
    en su HTML: las demás ni se analizan (el filtro sobre el HTML crudo basta para saltarlas)."""
    for path in sorted(site.rglob("*.html")):
        raw = path.read_text(encoding="utf-8")
        if BANNED.search(raw):
            yield path.relative_to(site).as_posix(), visible_text(raw)


def report(texts: Iterator[tuple[str, str]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, text in texts:
        for word, context in banned_words(text):
            wanted = PREFERRED.get(word.lower(), "?")
            found.setdefault(name, []).append(f"«{word}» (use «{wanted}»): …{context}…")
    return found


# The scanner itself: it must find what it looks for, and nothing else.


@pytest.mark.parametrize(
    "text",
    [
        "El costo medio baja.",
        "los costos de cada parte",
        "un vector de puntajes",
        "el puntaje mayor",
        "Sólo importa la dirección",
        "es sólo una parte",
        "un par disimilar",
        "los pares Disimilares",
    ],
)
def test_the_scanner_finds_each_discarded_word(text: str) -> None:
    assert len(banned_words(text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "El coste medio baja; costó poco y es costoso.",
        "las puntuaciones y la puntuación mayor",
        "solo importa la dirección; un solo paso",
        "pares distintos, unidades diferentes, disimilitud",
    ],
)
def test_the_scanner_accepts_the_chosen_words(text: str) -> None:
    assert banned_words(text) == []


def test_visible_text_keeps_what_a_reader_sees_and_drops_code_and_styles() -> None:
    page = (
        "<html><head><style>.costo {}</style><script>var sólo = 1;</script></head>"
        '<body><p>Un par <em>disimilar</em></p><img alt="el puntaje mayor" src="a.png">'
        "<!-- costo --></body></html>"
    )
    text = visible_text(page)
    assert sorted(word for word, _ in banned_words(text)) == ["disimilar", "puntaje"]


def test_strings_are_read_and_code_and_comments_are_not() -> None:
    module = (
        '"""Módulo: sólo esto."""\n\npuntaje = 1  # costo\nx = "costo"\n\n\n'
        'def f():\n    """Un par disimilar."""\n'
    )
    found = sorted(word for word, _ in banned_words(prose(module)))
    assert found == ["costo", "disimilar", "sólo"]


# The site and its sources.


def test_sources_use_one_word_per_idea() -> None:
    found = report(source_texts())
    assert found == {}, found


def test_built_site_uses_one_word_per_idea() -> None:
    if not (SITE / "index.html").is_file():
        message = f"no hay sitio construido en {SITE}: ejecute antes `nox -s docs`"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)  # the CI builds the site first: its absence is an error
        pytest.skip(message + " (las fuentes ya se comprueban en la prueba anterior)")
    found = report(site_texts())
    assert found == {}, found
