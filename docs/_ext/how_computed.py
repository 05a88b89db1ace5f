"""«Cómo se calcula»: la definición de cada función, leída del código al construir.

La definición de ``actloss.functional.<nombre>`` es ``actloss.reference.<nombre>``: la
fórmula escrita con operaciones elementales de torch. Esta extensión la muestra en dos
sitios, siempre tomada del código en el momento de construir, nunca copiada:

- la directiva ``.. how-computed:: actloss.functional.<nombre>`` escribe la definición,
  las funciones auxiliares que usa, la derivada en forma cerrada (activaciones) y una
  frase que remite a la página «Rendimiento»; para un objeto sin definición no escribe
  nada. La usa la plantilla de las páginas de la API
  (``docs/_templates/autosummary/function.rst``);
- cada página de la galería ``galeria/<activaciones|perdidas>/plot_<nombre>`` recibe,
  en ``source-read``, una sección «Cómo se calcula» con esa directiva, tras su primera
  figura. Solo cambia el ``.rst`` en memoria: los ``.py`` y ``.ipynb`` que se descargan
  los escribe sphinx-gallery a partir del ejemplo y no la contienen.

El código se lee con :mod:`ast` de los ficheros de ``src/actloss/reference``, sin importar
``actloss`` (que cargaría torch); cada página anota esos ficheros como dependencias, así
que cambiar una definición vuelve a leer las páginas que la muestran.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from library_stamp import package_dir
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

FAST_MODULE = "actloss.functional"
FOLDERS = ("activaciones", "perdidas")
GALLERY_PAGE = re.compile(rf"^galeria/(?:{'|'.join(FOLDERS)})/plot_(?P<name>\w+)$")
TITLE = "Cómo se calcula"


@dataclass
class Source:
    """Las definiciones de un fichero de ``actloss.reference``."""

    path: Path
    lines: list[str]
    functions: dict[str, ast.FunctionDef] = field(default_factory=dict)
    constants: dict[str, ast.Assign] = field(default_factory=dict)
    public: set[str] = field(default_factory=set)


_CACHE: dict[Path, tuple[float, Source]] = {}


def _read(path: Path) -> Source:
    mtime = path.stat().st_mtime
    if path in _CACHE and _CACHE[path][0] == mtime:
        return _CACHE[path][1]
    text = path.read_text(encoding="utf-8")
    source = Source(path, text.splitlines())
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef):
            source.functions[node.name] = node
        elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name == "__all__":
                source.public = set(ast.literal_eval(node.value))
            elif name.isupper():
                source.constants[name] = node
    _CACHE[path] = (mtime, source)
    return source


def _families() -> list[Source]:
    """Los módulos de familia de ``actloss.reference`` (los privados, ``_*.py``)."""
    folder = package_dir() / "reference"
    return [_read(path) for path in sorted(folder.glob("_*.py")) if path.name != "__init__.py"]


def _lookup(name: str, families: list[Source]) -> tuple[Source, ast.FunctionDef] | None:
    for source in families:
        if name in source.functions:
            return source, source.functions[name]
    return None


def _code(source: Source, node: ast.FunctionDef, keep_docstring: bool = False) -> str:
    """El texto de la función tal como está en el fichero, sin su docstring si se pide."""
    lines = source.lines[node.lineno - 1 : node.end_lineno]
    first = node.body[0]
    docstring = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
    if docstring and not keep_docstring:
        start, end = first.lineno - node.lineno, first.end_lineno - node.lineno + 1
        lines = lines[:start] + lines[end:]
    return "\n".join(lines)


def _constant(source: Source, node: ast.Assign) -> str:
    """La asignación con los comentarios que la preceden."""
    start = node.lineno - 1
    while start > 0 and source.lines[start - 1].lstrip().startswith("#"):
        start -= 1
    return "\n".join(source.lines[start : node.end_lineno])


def _used(node: ast.AST) -> list[str]:
    """Los nombres que lee ``node``, en orden de aparición y sin repetir."""
    names = [n.id for n in ast.walk(node) if isinstance(n, ast.Name)]
    return list(dict.fromkeys(names))


@dataclass
class Definition:
    """Lo que muestra «Cómo se calcula» de una función."""

    code: str
    helpers: list[str]
    calls: list[str]
    derivative: tuple[str, str] | None  # (first paragraph of its docstring, code)
    paths: set[Path]


def definition(name: str) -> Definition | None:
    """La definición de ``name`` en ``actloss.reference``, o ``None`` si no la tiene."""
    families = _families()
    public = set().union(*(source.public for source in families))
    found = _lookup(name, families)
    if name not in public or found is None:
        return None
    source, node = found
    constants: list[tuple[Source, ast.Assign]] = []
    helpers: list[str] = []
    calls: list[str] = []
    paths = {source.path}
    pending, seen = [(source, node)], {name}
    while pending:  # the constants and private helpers it uses, and theirs
        owner, current = pending.pop(0)
        for used in _used(current):
            if used in seen:
                continue
            seen.add(used)
            if used in owner.constants:
                constants.append((owner, owner.constants[used]))
            elif used in public:
                calls.append(used)
            elif used.startswith("_") and (helper := _lookup(used, [owner, *families])):
                helpers.append(_code(*helper, keep_docstring=True))
                paths.add(helper[0].path)
                pending.append(helper)
    if constants:  # in the file's order, with the comments above them
        constants.sort(key=lambda pair: (str(pair[0].path), pair[1].lineno))
        helpers.insert(0, "\n".join(_constant(*pair) for pair in constants))
    derivative = None
    if f"{name}_derivative" in public and (written := _lookup(f"{name}_derivative", families)):
        text = ast.get_docstring(written[1]) or ""
        summary = text.split("\n\n")[0].replace("\n", " ").rstrip(".")
        derivative = (summary, _code(*written))
        paths.add(written[0].path)
        calls += [used for used in _used(written[1]) if used in public and used not in seen]
    # A derivative is shown on the page of its function.
    calls = [call.removesuffix("_derivative") for call in calls]
    calls = [call for call in dict.fromkeys(calls) if call != name]
    return Definition(_code(source, node), helpers, calls, derivative, paths)


def _code_block(code: str) -> list[str]:
    return (
        [".. code-block:: python", ""]
        + [f"   {line}" if line else "" for line in code.split("\n")]
        + [""]
    )


def section_lines(name: str, found: Definition, figure: bool) -> list[str]:
    """El rst de la sección: definición, auxiliares, llamadas, derivada y rendimiento."""
    lines = [
        f"La definición, ``actloss.reference.{name}``, es la fórmula escrita con operaciones",
        "elementales de torch; este es su código:",
        "",
        *_code_block(found.code),
    ]
    if found.helpers:
        helpers = "\n\n\n".join(found.helpers)
        lines += ["Usa estas piezas de ``actloss.reference``:", "", *_code_block(helpers)]
    if found.calls:
        links = [f":func:`~{FAST_MODULE}.{call}`" for call in found.calls]
        listed = ", ".join(links[:-1]) + " y " + links[-1] if len(links) > 1 else links[0]
        start = "Y" if found.helpers else "Usa"
        if len(links) == 1:
            lines += [f"{start} la definición de {listed}, que se muestra en su página.", ""]
        else:
            lines += [f"{start} las definiciones de {listed}, que se muestran en sus páginas.", ""]
    if found.derivative:
        summary, code = found.derivative
        lines += [f"{summary}. Es ``actloss.reference.{name}_derivative``:", "", *_code_block(code)]
        if figure:
            lines += [
                "El panel «Derivada» de la figura dibuja lo mismo, con autograd sobre la",
                "implementación rápida; las pruebas comprueban que coinciden.",
                "",
            ]
    lines += [
        f":func:`{FAST_MODULE}.{name}` da los mismos números con una implementación más",
        "rápida, que las pruebas comparan con esta definición en valores y gradientes:",
        "véase :doc:`/rendimiento`.",
        "",
    ]
    return lines


class HowComputed(SphinxDirective):
    """``.. how-computed:: actloss.functional.<nombre>``: la definición de esa función."""

    required_arguments = 1
    option_spec: ClassVar = {"rubric": directives.flag, "figure": directives.flag}

    def run(self) -> list[nodes.Node]:
        module, _, name = self.arguments[0].rpartition(".")
        found = definition(name) if module == FAST_MODULE else None
        if found is None:
            return []
        for path in found.paths:
            self.env.note_dependency(str(path))
        lines = section_lines(name, found, "figure" in self.options)
        if "rubric" in self.options:
            lines = [f".. rubric:: {TITLE}", "", *lines]
        container = nodes.container(classes=["como-se-calcula"])
        self.state.nested_parse(StringList(lines, source=self.arguments[0]), 0, container)
        return container.children


FIRST_FIGURE = re.compile(r"^\.\. image-sg:: .*\n(?:[ \t]+.*\n)*", re.MULTILINE)
# A section title: a line of text underlined with one punctuation character.
NEXT_TITLE = re.compile(r"^(?:\.\. GENERATED FROM .*\n\n)?(\S.*)\n([-=~^\"'`])\2+\n", re.MULTILINE)
TIMING = re.compile(r"^\.\. rst-class:: sphx-glr-timing", re.MULTILINE)


def insert_section(text: str, name: str) -> str:
    """El ``.rst`` de un ejemplo con la sección, antes del primer título que sigue a su
    primera figura (o, sin ese título, antes del tiempo de ejecución del final)."""
    figure = FIRST_FIGURE.search(text)
    start = figure.end() if figure else 0
    underline = "-"
    title = NEXT_TITLE.search(text, start)
    if title and title.group(2) != "=":
        at, underline = title.start(), title.group(2)
    elif timing := TIMING.search(text, start):
        at = timing.start()
    else:
        at = len(text)
    drawn = bool(figure and "Derivada" in figure.group(0))
    section = [TITLE, underline * len(TITLE), "", f".. how-computed:: {FAST_MODULE}.{name}"]
    if drawn:
        section.append("   :figure:")
    return text[:at] + "\n".join(section) + "\n\n" + text[at:]


def _source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    match = GALLERY_PAGE.match(docname)
    if match and definition(match["name"]) is not None:
        source[0] = insert_section(source[0], match["name"])


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("how-computed", HowComputed)
    app.connect("source-read", _source_read)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
