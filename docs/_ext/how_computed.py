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

Las pérdidas de energía (clase 11-2) tienen su propia definición,
``actloss.reference.energy.<nombre>``, con su gradiente en forma cerrada,
``<nombre>_gradient``: la directiva ``.. how-computed:: actloss.energy.<nombre>`` la
escribe en su página de la API, y cada página ``galeria/energia/plot_<página>`` la
recibe igual; la pérdida de cada página la dice el catálogo
(:func:`actloss.catalog.energy_losses`, cuyo ``page`` puede no ser ``plot_<nombre>``:
``plot_energy_nll_loss`` es la de ``nll_loss``).

El código se lee con :mod:`ast` de los ficheros de ``src/actloss/reference``, sin importar
``actloss`` (que cargaría torch), salvo el catálogo en las páginas de la galería
``energia``; cada página anota esos ficheros como dependencias, así que cambiar una
definición vuelve a leer las páginas que la muestran.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Callable
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
ENERGY_MODULE = "actloss.energy"
FOLDERS = ("activaciones", "perdidas")
GALLERY_PAGE = re.compile(rf"^galeria/(?:{'|'.join(FOLDERS)})/plot_(?P<name>\w+)$")
ENERGY_PAGE = re.compile(r"^galeria/energia/plot_\w+$")
TITLE = "Cómo se calcula"
# A gallery page of a function under another name: NLLLoss2d is torch's old name for
# NLLLoss (the catalog's module_aliases), so its page shows the definition of nll_loss.
ALIASES = {"nll_loss2d": "nll_loss"}


@dataclass
class Source:
    """Las definiciones de un fichero de ``actloss.reference``."""

    path: Path
    lines: list[str]
    functions: dict[str, ast.FunctionDef] = field(default_factory=dict)
    constants: dict[str, ast.Assign] = field(default_factory=dict)
    public: set[str] = field(default_factory=set)
    # Names imported from another module: name -> (module, its own name, the import line).
    imports: dict[str, tuple[str, str, str]] = field(default_factory=dict)


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
        elif isinstance(node, ast.ImportFrom) and node.module:
            line = "\n".join(source.lines[node.lineno - 1 : node.end_lineno])
            for alias in node.names:
                source.imports[alias.asname or alias.name] = (node.module, alias.name, line)
    if not source.public:  # a module without __all__ (reference/energy.py): its functions
        source.public = {name for name in source.functions if not name.startswith("_")}
    _CACHE[path] = (mtime, source)
    return source


def _families() -> list[Source]:
    """Los módulos de familia de ``actloss.reference`` (los privados, ``_*.py``)."""
    folder = package_dir() / "reference"
    return [_read(path) for path in sorted(folder.glob("_*.py")) if path.name != "__init__.py"]


def _energy() -> list[Source]:
    """``actloss.reference.energy``: las pérdidas de energía, aparte de las familias."""
    return [_read(package_dir() / "reference" / "energy.py")]


@dataclass(frozen=True)
class Family:
    """De dónde sale la definición que muestra la página de un módulo de actloss."""

    module: str  # the public module: actloss.functional or actloss.energy
    reference: str  # where its definitions live, as a reader imports them
    closed_form: str  # suffix of the closed-form derivative or gradient
    sources: Callable[[], list[Source]]


FAMILIES = {
    FAST_MODULE: Family(FAST_MODULE, "actloss.reference", "_derivative", _families),
    ENERGY_MODULE: Family(ENERGY_MODULE, "actloss.reference.energy", "_gradient", _energy),
}


def _imported(name: str, owner: Source) -> tuple[Source, ast.FunctionDef] | str | None:
    """Lo que ``owner`` importa como ``name``: la función, si está en
    ``actloss.reference``, o la línea que la importa de otro módulo de actloss."""
    if name not in owner.imports:
        return None
    module, original, line = owner.imports[name]
    if module.startswith("actloss.reference."):
        path = package_dir() / "reference" / f"{module.rpartition('.')[2]}.py"
        if path.is_file():
            return _lookup(original, [_read(path)])
    return line if module.startswith("actloss.") else None


def _piece(
    name: str, owner: Source, families: list[Source]
) -> tuple[Source, ast.FunctionDef] | str | None:
    """La función privada ``name`` que usa ``owner``: la suya, la que importa o la de otra
    familia; o la línea que la importa, si viene de fuera de ``actloss.reference``."""
    return _lookup(name, [owner]) or _imported(name, owner) or _lookup(name, families)


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
    module: str = FAST_MODULE  # the public module whose function it defines


def definition(name: str, module: str = FAST_MODULE) -> Definition | None:
    """La definición de ``<module>.<name>`` en ``actloss.reference`` (o en
    ``actloss.reference.energy`` para ``actloss.energy``), o ``None`` si no la tiene."""
    family = FAMILIES[module]
    families = family.sources()
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
    closed_form = f"{name}{family.closed_form}"
    written = _lookup(closed_form, families) if closed_form in public else None
    if written and module == ENERGY_MODULE:  # the gradient's own pieces are shown too
        pending.append(written)
        seen.add(closed_form)
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
            elif used.startswith("_") and (helper := _piece(used, owner, families)):
                if isinstance(helper, str):  # imported from outside the reference tier
                    helpers.append(helper)
                    continue
                helpers.append(_code(*helper, keep_docstring=True))
                paths.add(helper[0].path)
                pending.append(helper)
    if constants:  # in the file's order, with the comments above them
        constants.sort(key=lambda pair: (str(pair[0].path), pair[1].lineno))
        helpers.insert(0, "\n".join(_constant(*pair) for pair in constants))
    derivative = None
    if written:
        text = ast.get_docstring(written[1]) or ""
        summary = text.split("\n\n")[0].replace("\n", " ").rstrip(".")
        derivative = (summary, _code(*written))
        paths.add(written[0].path)
        calls += [used for used in _used(written[1]) if used in public and used not in seen]
    # A derivative is shown on the page of its function.
    calls = [call.removesuffix(family.closed_form) for call in calls]
    calls = [call for call in dict.fromkeys(calls) if call != name]
    return Definition(_code(source, node), helpers, calls, derivative, paths, module)


def _code_block(code: str) -> list[str]:
    return (
        [".. code-block:: python", ""]
        + [f"   {line}" if line else "" for line in code.split("\n")]
        + [""]
    )


def section_lines(name: str, found: Definition, figure: bool) -> list[str]:
    """El rst de la sección: definición, auxiliares, llamadas, derivada y rendimiento."""
    family = FAMILIES[found.module]
    energy = found.module == ENERGY_MODULE
    lines = [
        f"La definición, ``{family.reference}.{name}``, es la fórmula escrita con operaciones",
        "elementales de torch; este es su código:",
        "",
        *_code_block(found.code),
    ]
    if found.helpers:
        helpers = "\n\n\n".join(found.helpers)
        lines += [f"Usa estas piezas de ``{family.reference}``:", "", *_code_block(helpers)]
    if found.calls:
        links = [f":func:`~{found.module}.{call}`" for call in found.calls]
        listed = ", ".join(links[:-1]) + " y " + links[-1] if len(links) > 1 else links[0]
        start = "Y" if found.helpers else "Usa"
        if len(links) == 1:
            lines += [f"{start} la definición de {listed}, que se muestra en su página.", ""]
        else:
            lines += [f"{start} las definiciones de {listed}, que se muestran en sus páginas.", ""]
    if found.derivative and energy:
        summary, code = found.derivative
        lines += [
            r"Su gradiente en forma cerrada, :math:`G_{n, k} = \partial l_n / \partial E_{n, k}`,",
            f"es {summary}. Es ``{family.reference}.{name}{family.closed_form}``:",
            "",
            *_code_block(code),
        ]
    elif found.derivative:
        summary, code = found.derivative
        lines += [f"{summary}. Es ``actloss.reference.{name}_derivative``:", "", *_code_block(code)]
        if figure:
            lines += [
                "El panel «Derivada» de la figura dibuja lo mismo, con autograd sobre la",
                "implementación rápida; las pruebas comprueban que coinciden.",
                "",
            ]
    if energy:
        lines.append(f":func:`{ENERGY_MODULE}.{name}` es la implementación que usa la biblioteca.")
        if found.derivative:  # tests/test_energy.py
            lines += [
                "Las pruebas comparan sus valores con esta definición, y su gradiente (el de",
                "autograd) con el de forma cerrada.",
            ]
        return [*lines, ""]
    if name not in _fast_names():  # a layer without a function: the adaptive softmax
        from actloss.catalog import get  # imports torch: only for that page

        return [
            *lines,
            f":class:`actloss.nn.{get(name).module}` es la capa que usa la biblioteca: evalúa",
            "solo el grupo de la clase de cada ejemplo. Las pruebas comparan esta definición",
            "con la capa de torch en valores y gradientes.",
            "",
        ]
    lines += [
        f":func:`{FAST_MODULE}.{name}` da los mismos números con una implementación más",
        "rápida, que las pruebas comparan con esta definición en valores y gradientes:",
        "véase :doc:`/rendimiento`.",
        "",
    ]
    return lines


def _fast_names() -> frozenset[str]:
    """Los nombres que publican los módulos de ``actloss.functional`` (su ``__all__``).

    Leerlos cuesta unos 25 ms: se leen una vez mientras los ficheros no cambien, no una
    por página."""
    paths = sorted((package_dir() / "functional").glob("_*.py"))
    return _published(tuple((path, path.stat().st_mtime) for path in paths))


@functools.cache
def _published(files: tuple[tuple[Path, float], ...]) -> frozenset[str]:
    names: set[str] = set()
    for path, _ in files:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.List)  # not the package's computed one
                and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
            ):
                names.update(ast.literal_eval(node.value))
    return frozenset(names)


class HowComputed(SphinxDirective):
    """``.. how-computed:: actloss.functional.<nombre>`` (o ``actloss.energy.<nombre>``):
    la definición de esa función."""

    required_arguments = 1
    option_spec: ClassVar = {"rubric": directives.flag, "figure": directives.flag}

    def run(self) -> list[nodes.Node]:
        module, _, name = self.arguments[0].rpartition(".")
        found = definition(name, module) if module in FAMILIES else None
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


def insert_section(text: str, name: str, module: str = FAST_MODULE) -> str:
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
    section = [TITLE, underline * len(TITLE), "", f".. how-computed:: {module}.{name}"]
    if drawn:
        section.append("   :figure:")
    return text[:at] + "\n".join(section) + "\n\n" + text[at:]


def energy_pages() -> dict[str, str]:
    """La pérdida de energía de cada página de la galería, según el catálogo."""
    from actloss.catalog import energy_losses  # imports torch: only for those pages

    return {entry.example: entry.name for entry in energy_losses()}


def _source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    match = GALLERY_PAGE.match(docname)
    name = ALIASES.get(match["name"], match["name"]) if match else ""
    if match and definition(name) is not None:
        source[0] = insert_section(source[0], name)
    elif (
        ENERGY_PAGE.match(docname)
        and (name := energy_pages().get(docname))
        and definition(name, ENERGY_MODULE) is not None
    ):
        source[0] = insert_section(source[0], name, ENERGY_MODULE)


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("how-computed", HowComputed)
    app.connect("source-read", _source_read)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
