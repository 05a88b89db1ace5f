"""Cada bloque de Python que ve un lector se ejecuta al construir el sitio o es un doctest.

Se recorren las fuentes, sin construir: las páginas MyST y reST de ``docs/`` (sin lo
generado), el README, los docstrings de ``src/actloss`` (que salen en la API) y el texto
de los ejemplos de la galería. Un bloque de Python vale si es una celda ``{code-cell}``
de una página que myst-nb ejecuta (sin ``skip-execution``), o un doctest (``>>>``, sin
``+SKIP``) de un archivo que recoge pytest (``testpaths`` y ``--doctest-glob`` de
``pyproject.toml``). Lo que se muestra sin ejecutar a propósito (una orden de la
terminal, un esbozo) lleva su lenguaje: ``bash``, ``console``, ``text``... Un bloque sin
lenguaje también falla: Sphinx lo resalta como Python.

No se miran los bloques sangrados de Markdown (sin valla), que el sitio no usa.
"""

from __future__ import annotations

import ast
import fnmatch
import re
import textwrap
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GENERATED = ("docs/galeria", "docs/api/generated", "docs/_templates", "_build")
# Lexers that show Python; "default" (Sphinx's highlight_language) is Python too.
PYTHON = {"python", "python3", "py", "py3", "pycon", "ipython", "ipython3", "default", "pytb"}
CODE_DIRECTIVES = {"code-block", "code", "sourcecode"}
FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,}|:{3,})\s*(?P<info>[^`]*?)\s*$")
RST_DIRECTIVE = re.compile(r"^(?P<indent>\s*)\.\.\s+(?P<name>[\w:-]+)::\s*(?P<arg>.*?)\s*$")


@dataclass(frozen=True)
class Block:
    """Un bloque de código que el lector ve, con dónde está y qué lenguaje se le da."""

    path: str
    line: int
    language: str
    text: str
    cell: bool = False  # a myst-nb {code-cell}

    def __str__(self) -> str:
        first = self.text.strip().splitlines()[0] if self.text.strip() else ""
        return f"{self.path}:{self.line}: [{self.language or 'sin lenguaje'}] {first[:60]}"


def _is_doctest(text: str) -> bool:
    return any(line.lstrip().startswith(">>>") for line in text.splitlines())


def markdown_blocks(text: str, path: str = "<md>", offset: int = 0) -> list[Block]:
    """Los bloques de código de una página MyST, también dentro de directivas y de eval-rst."""
    blocks: list[Block] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        fence, info = match["fence"], match["info"]
        end = i + 1
        while end < len(lines) and not re.match(
            rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$", lines[end]
        ):
            end += 1
        body = "\n".join(lines[i + 1 : end])
        start = offset + i + 1
        directive = re.match(r"^\{(?P<name>[\w:-]+)\}\s*(?P<arg>.*)$", info)
        if directive is None:
            if fence[0] != ":":  # a plain fence: ```python, ```bash, ``` ...
                blocks.append(Block(path, start, info.split()[0] if info else "", body))
        elif directive["name"] == "code-cell":
            blocks.append(Block(path, start, directive["arg"] or "ipython3", body, cell=True))
        elif directive["name"] in CODE_DIRECTIVES:
            blocks.append(
                Block(path, start, directive["arg"].split()[0] if directive["arg"] else "", body)
            )
        elif directive["name"] == "literalinclude":
            blocks.append(Block(path, start, _included_language(directive["arg"], body), body))
        elif directive["name"] == "eval-rst":
            blocks += rst_blocks(body, path, start)
        else:  # notes, admonitions, tabs...: their content is Markdown again
            blocks += markdown_blocks(body, path, start)
        i = end + 1
    return blocks


def _included_language(argument: str, options: str) -> str:
    language = re.search(r":language:\s*(\S+)", options)
    if language:
        return language[1]
    return "python" if argument.strip().endswith(".py") else "text"


def rst_blocks(text: str, path: str = "<rst>", offset: int = 0) -> list[Block]:
    """Los bloques de código de un texto reST: directivas, bloques literales (``::``) y doctests."""
    blocks: list[Block] = []
    lines = text.splitlines()
    default = "default"
    i = 0
    while i < len(lines):
        line = lines[i]
        directive = RST_DIRECTIVE.match(line)
        if directive and directive["name"] == "highlight":
            default = directive["arg"] or "default"
        elif directive and directive["name"] in {*CODE_DIRECTIVES, "literalinclude"}:
            body, i = _indented(lines, i + 1, len(directive["indent"]))
            if directive["name"] == "literalinclude":
                language = _included_language(directive["arg"], body)
            else:
                language = directive["arg"].split()[0] if directive["arg"] else default
            blocks.append(Block(path, offset + i, language, body))
            continue
        elif not directive and line.rstrip().endswith("::"):  # a literal block follows
            indent = len(line) - len(line.lstrip())
            body, end = _indented(lines, i + 1, indent)
            if body.strip():
                blocks.append(Block(path, offset + i + 1, default, body))
            i = end
            continue
        elif line.lstrip().startswith(">>>"):  # a doctest block, highlighted as pycon
            end = i
            while end < len(lines) and lines[end].strip():
                end += 1
            blocks.append(Block(path, offset + i + 1, "pycon", "\n".join(lines[i:end])))
            i = end
            continue
        i += 1
    return blocks


def _indented(lines: list[str], start: int, indent: int) -> tuple[str, int]:
    """El bloque más sangrado que ``indent`` desde ``start`` (opciones incluidas)."""
    end = start
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
    ):
        end += 1
    body = [line for line in lines[start:end] if not re.match(r"^\s*:[\w-]+:", line)]
    return textwrap.dedent("\n".join(body)), end


def docstring_blocks(source: str, path: str) -> list[Block]:
    """Los bloques de los docstrings de un módulo (la API los muestra)."""
    blocks: list[Block] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            doc = ast.get_docstring(node, clean=True)
            if doc:
                line = node.body[0].lineno if node.body else 1
                blocks += rst_blocks(doc, path, line - 1)
    return blocks


def gallery_blocks(source: str, path: str) -> list[Block]:
    """Los bloques del texto de un ejemplo: su docstring y sus celdas ``# %%`` de texto."""
    doc = ast.get_docstring(ast.parse(source), clean=True)  # the rest is code, executed
    blocks = rst_blocks(doc, path) if doc else []
    lines = source.splitlines()
    i = 0
    while i < len(lines):
        if lines[i].startswith("# %%"):
            end = i + 1
            while end < len(lines) and (
                lines[end].startswith("#") and not lines[end].startswith("# %%")
            ):
                end += 1
            text = "\n".join(re.sub(r"^# ?", "", line) for line in lines[i + 1 : end])
            blocks += rst_blocks(text, path, i + 1)
            i = end
        else:
            i += 1
    return blocks


def executes_cells(text: str) -> bool:
    """Si myst-nb ejecuta la página: tiene la cabecera de un cuaderno y no la apaga."""
    header = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if not header:
        return False
    front = header[1]
    notebook = "kernelspec:" in front and re.search(r"file_format:\s*mystnb", front)
    off = re.search(r"execution_mode:\s*[\"']?off", front)
    return bool(notebook) and not off


def doctested(relative: str, config: dict) -> bool:
    """Si pytest recoge los doctests de ``relative`` según ``pyproject.toml``."""
    options = config["tool"]["pytest"]["ini_options"]
    globs = [a.split("=", 1)[1] for a in options["addopts"] if a.startswith("--doctest-glob=")]
    if relative.endswith(".py"):
        globs = ["*.py"] if "--doctest-modules" in options["addopts"] else []
    inside = any(
        relative == p or relative.startswith(p.rstrip("/") + "/") for p in options["testpaths"]
    )
    return inside and any(fnmatch.fnmatch(Path(relative).name, g) for g in globs)


def problems(blocks: list[Block], *, executed: bool, doctests: bool) -> list[str]:
    """Los bloques que un lector ve como Python y que nadie ejecuta."""
    found = []
    for block in blocks:
        language = block.language.lower()
        if not language:
            found.append(f"{block}: sin lenguaje (Sphinx lo resalta como Python)")
        elif block.cell:
            if not executed:
                found.append(f"{block}: una celda en una página que myst-nb no ejecuta")
            elif "skip-execution" in block.text:
                found.append(f"{block}: una celda que myst-nb se salta (skip-execution)")
        elif language in PYTHON and not (_is_doctest(block.text) and doctests):
            found.append(f"{block}: Python que no se ejecuta ni es un doctest recogido")
        elif language in PYTHON and "+SKIP" in block.text:
            found.append(f"{block}: un doctest que se salta (+SKIP)")
    return found


def _sources() -> list[Path]:
    paths = [ROOT / "README.md"]
    patterns = ("docs/**/*.md", "docs/**/*.rst", "src/actloss/**/*.py", "gallery/**/*.py")
    for pattern in (*patterns, "gallery/**/*.rst", "gallery/**/*.txt"):
        paths += ROOT.glob(pattern)
    relative = {p: p.relative_to(ROOT).as_posix() for p in paths}
    return sorted(p for p, r in relative.items() if not r.startswith(GENERATED))


def site_problems() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    found = []
    for path in _sources():
        relative = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        if relative.startswith("gallery/") and path.suffix == ".py":
            blocks = gallery_blocks(text, relative)
        elif path.suffix == ".py":
            blocks = docstring_blocks(text, relative)
        elif path.suffix in {".rst", ".txt"}:
            blocks = rst_blocks(text, relative)
        else:
            blocks = markdown_blocks(text, relative)
        found += problems(
            blocks, executed=executes_cells(text), doctests=doctested(relative, config)
        )
    return found


def test_every_python_block_on_the_site_runs():
    found = site_problems()
    assert not found, "Bloques de Python sin ejecutar:\n" + "\n".join(found)


def test_the_sources_are_scanned():
    scanned = {p.relative_to(ROOT).as_posix() for p in _sources()}
    assert {"README.md", "docs/index.md", "docs/notas/activacion.md"} <= scanned
    assert "docs/api/index.rst" in scanned and "src/actloss/__init__.py" in scanned
    assert not any(s.startswith(GENERATED) for s in scanned)


# The scanner itself, on small pages: each case must be caught (or let through).

NOTEBOOK = "---\nfile_format: mystnb\nkernelspec:\n  name: python3\n---\n"


def _md(text: str, *, doctests: bool = False) -> list[str]:
    return problems(markdown_blocks(text), executed=executes_cells(text), doctests=doctests)


def _rst(text: str, *, doctests: bool = False) -> list[str]:
    return problems(rst_blocks(text), executed=False, doctests=doctests)


@pytest.mark.parametrize(
    "page",
    [
        "# T\n\n```python\nimport torch\n```\n",
        "```py\nx = 1\n```\n",
        "```\nx = 1\n```\n",
        "```{code-block} python\nx = 1\n```\n",
        ":::{code-block} python\nx = 1\n:::\n",
        "````{note}\nTexto.\n\n```python\nx = 1\n```\n````\n",
        "```{eval-rst}\n.. code-block:: python\n\n   x = 1\n```\n",
        "```pycon\n>>> 1 + 1\n2\n```\n",  # a doctest nobody collects
        "```{code-cell} ipython3\nx = 1\n```\n",  # a cell in a page that is not a notebook
        "```{literalinclude} ejemplo.py\n```\n",
        NOTEBOOK + "```{code-cell} ipython3\n:tags: [skip-execution]\nx = 1\n```\n",
    ],
)
def test_scanner_catches_unexecuted_python_in_markdown(page):
    assert len(_md(page)) == 1


@pytest.mark.parametrize(
    ("page", "doctests"),
    [
        ("```bash\npython -m http.server\n```\n", False),
        ("```text\nsrc/\n  actloss/\n```\n", False),
        (NOTEBOOK + "```{code-cell} ipython3\nx = 1\n```\n", False),
        ("```pycon\n>>> 1 + 1\n2\n```\n", True),
        ("```{toctree}\nnotas/index\n```\n", False),
        ("```{math}\nx^2\n```\n", False),
    ],
)
def test_scanner_lets_executed_and_non_python_blocks_through(page, doctests):
    assert _md(page, doctests=doctests) == []


def test_scanner_catches_a_skipped_doctest():
    page = "```pycon\n>>> 1 + 1  # doctest: +SKIP\n3\n```\n"
    assert len(_md(page, doctests=True)) == 1


def test_scanner_turns_off_cells_of_a_notebook_that_is_not_executed():
    page = NOTEBOOK.replace("---\n", "---\nmystnb:\n  execution_mode: 'off'\n", 1)
    assert not executes_cells(page)
    assert len(_md(page + "```{code-cell} ipython3\nx = 1\n```\n")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Un ejemplo::\n\n    x = 1\n",
        ".. code-block:: python\n   :caption: c\n\n   x = 1\n",
        ".. code-block::\n\n   x = 1\n",
        ".. highlight:: python\n\nOtro::\n\n   x = 1\n",
        ">>> 1 + 1\n2\n",
    ],
)
def test_scanner_catches_unexecuted_python_in_rst(text):
    assert len(_rst(text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        ".. code-block:: bash\n\n   nox -s docs\n",
        ".. highlight:: text\n\nUna orden::\n\n   nox -s docs\n",
        ".. math::\n\n   x^2\n",
    ],
)
def test_scanner_lets_rst_non_python_through(text):
    assert _rst(text) == []


def test_scanner_reads_docstrings_and_gallery_text():
    module = 'def f():\n    """Suma.\n\n    Ejemplo::\n\n        f()\n    """\n'
    assert len(problems(docstring_blocks(module, "m.py"), executed=False, doctests=True)) == 1
    doctest = 'def f():\n    """Suma.\n\n    >>> 1 + 1\n    2\n    """\n'
    assert problems(docstring_blocks(doctest, "m.py"), executed=False, doctests=True) == []
    example = '"""T\n=\n"""\n\n# %%\n# Así::\n#\n#     x = 1\n\nx = 1\n'
    assert len(problems(gallery_blocks(example, "g.py"), executed=False, doctests=False)) == 1


def test_doctest_collection_follows_pyproject():
    config = {
        "tool": {
            "pytest": {
                "ini_options": {
                    "testpaths": ["src/actloss", "docs/notas"],
                    "addopts": ["--doctest-modules", "--doctest-glob=*.md"],
                }
            }
        }
    }
    assert doctested("docs/notas/perdida.md", config)
    assert doctested("src/actloss/nn/__init__.py", config)
    assert not doctested("docs/index.md", config)
    assert not doctested("README.md", config)
