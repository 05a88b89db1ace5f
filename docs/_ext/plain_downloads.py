"""Los scripts de la galería se descargan sin marcas de reST.

sphinx-gallery publica cada ejemplo tal como está en ``gallery/``: sus comentarios son
reST, con fórmulas en bloques ``.. math::`` y en el rol ``:math:``. El cuaderno ya los
recibe convertidos a Markdown; el script no. Esta extensión escribe las fórmulas del
``.py`` que se descarga en LaTeX, como en Markdown (y en Jupyter, MathJax o KaTeX):

- un rol ``:math:`x``` pasa a ser ``$x$``;
- cada ecuación de un bloque ``.. math::`` queda entre dos líneas ``$$``, dentro de
  ``\\begin{aligned}`` si tiene ``&`` o ``\\\\`` fuera de un entorno (donde Sphinx la
  alinea con ``split``).

Solo cambian los comentarios de línea entera y la cadena de documentación del módulo: el
código es el mismo, así que el script descargado hace lo mismo que el ejemplo que
ejecutó la construcción (``tests/test_plain_downloads.py`` lo comprueba con :mod:`ast`).

Se aplica a la salida, en ``build-finished``: a cada ``.py`` de la galería en
``_downloads`` y a los ``.py`` de cada ``.zip``. Sphinx vuelve a copiar las descargas en
cada construcción, y esto las vuelve a convertir; los ficheros de ``docs/galeria`` no se
tocan, porque sphinx-gallery los compara con el ejemplo para saber si debe ejecutarlo.
"""

from __future__ import annotations

import ast
import io
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the tests import this module without Sphinx's application
    from sphinx.application import Sphinx

GALLERY_DIR = "galeria"
INLINE_MATH = re.compile(r":math:`([^`]*)`")
BLOCK_MATH = re.compile(r"^\.\. math::\s*$")
INNER_ENVIRONMENT = re.compile(r"\\begin\{(\w+\*?)\}(?:(?!\\begin\{).)*?\\end\{\1\}", re.S)
COMMENT = re.compile(r"^(\s*#\s?)(.*)$")

Line = tuple[str, str, str]  # the comment mark ("# ", or "" in the docstring), text, ending


def _text_lines(source: str) -> set[int]:
    """Los índices (desde 0) de las líneas de texto: la docstring del módulo y los
    comentarios de línea entera; el resto es código y no se toca."""
    lines = source.splitlines()
    text = {i for i, line in enumerate(lines) if line.lstrip().startswith("#")}
    body = ast.parse(source).body
    first = body[0] if body else None
    if (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    ):
        text |= set(range(first.lineno - 1, first.end_lineno or first.lineno))
    return text


def _split(line: str) -> Line:
    content = line.rstrip("\r\n")
    ending = line[len(content) :]
    match = COMMENT.match(content)
    return (match.group(1), match.group(2), ending) if match else ("", content, ending)


def _needs_alignment(formula: list[str]) -> bool:
    """La fórmula tiene ``&`` o ``\\\\`` fuera de un entorno (``cases``…): Sphinx la
    alinea con ``split``; entre ``$$`` necesita ``aligned``."""
    text = "\n".join(formula)
    while (inner := INNER_ENVIRONMENT.sub("", text)) != text:
        text = inner
    return "&" in text or "\\\\" in text


def _equations(formula: list[str]) -> list[list[str]]:
    """Las ecuaciones de un bloque: reST separa cada una con una línea en blanco."""
    equations: list[list[str]] = [[]]
    for line in formula:
        if line.strip():
            equations[-1].append(line)
        elif equations[-1]:
            equations.append([])
    return [e for e in equations if e]


def _math_blocks(lines: list[Line]) -> list[Line]:
    """Cada bloque ``.. math::`` (la directiva y sus líneas sangradas): cada ecuación
    entre dos líneas ``$$``, alineada con ``aligned`` donde Sphinx la alinea."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        mark, text, ending = lines[i]
        if not BLOCK_MATH.match(text):
            out.append(lines[i])
            i += 1
            continue
        j = i + 1
        while j < len(lines) and (not lines[j][1].strip() or lines[j][1][:1].isspace()):
            j += 1
        while j > i + 1 and not lines[j - 1][1].strip():  # the blank before what follows
            j -= 1
        formula = [text for _, text, _ in lines[i + 1 : j]]
        indent = min((len(f) - len(f.lstrip()) for f in formula if f.strip()), default=0)
        for n, equation in enumerate(_equations([f[indent:].rstrip() for f in formula])):
            if _needs_alignment(equation):
                equation = ["\\begin{aligned}", *equation, "\\end{aligned}"]
            if n:
                out.append((mark.rstrip(), "", ending))
            out.extend((mark, line, ending) for line in ["$$", *equation, "$$"])
        i = j
    return out


def _plain_text(lines: list[str]) -> list[str]:
    """Unas líneas de texto seguidas, con sus fórmulas como en el cuaderno. Los roles
    ``:math:`` pueden partirse entre dos líneas: se sustituyen sobre el texto unido."""
    marks, texts, endings = zip(*_math_blocks([_split(line) for line in lines]), strict=True)
    texts = INLINE_MATH.sub(r"$\1$", "\n".join(texts)).split("\n")
    return [m + t + e for m, t, e in zip(marks, texts, endings, strict=True)]


def plain_script(source: str) -> str:
    """El script ``source`` con las fórmulas de su texto escritas como en el cuaderno."""
    lines = source.splitlines(keepends=True)
    text = _text_lines(source)
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and j in text:
            j += 1
        if j == i:
            out.append(lines[i])
            i += 1
        else:
            out.extend(_plain_text(lines[i:j]))
            i = j
    return "".join(out)


def _plain_zip(path: Path) -> None:
    """Convierte los ``.py`` de un zip de la galería, con los demás miembros intactos."""
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            if info.filename.endswith(".py"):
                data = plain_script(data.decode("utf-8")).encode("utf-8")
            archive.writestr(info, data)
    path.write_bytes(buffer.getvalue())


def convert_downloads(app: Sphinx, exception: Exception | None) -> None:
    """Convierte los ``.py`` y ``.zip`` de la galería que Sphinx copió a ``_downloads``."""
    if exception is not None or app.builder.format != "html":
        return
    downloads = Path(app.outdir) / "_downloads"
    for source, (_, destination) in app.env.dlfiles.items():
        if Path(source).parts[:1] != (GALLERY_DIR,):
            continue
        path = downloads / destination
        if path.suffix == ".py":
            text = path.read_bytes().decode("utf-8")
            path.write_bytes(plain_script(text).encode("utf-8"))
        elif path.suffix == ".zip":
            _plain_zip(path)


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("build-finished", convert_downloads)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
