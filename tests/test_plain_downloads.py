"""Los scripts que se descargan de la galería escriben sus fórmulas como el cuaderno.

``docs/_ext/plain_downloads.py`` convierte el reST de los comentarios (``.. math::`` y
``:math:``) a ``$$ … $$`` y ``$…$``. Aquí, la conversión sobre textos pequeños y sobre cada
ejemplo de ``gallery/``; que el sitio construido la lleve lo comprueba
``tests/browser/test_browser_downloads.py``.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "_ext"))

from plain_downloads import plain_script

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "gallery").rglob("plot_*.py"))
RST_MATH = re.compile(r":math:`|^\s*(?:#\s*)?\.\. math::", re.MULTILINE)


def test_a_block_becomes_its_formula_between_dollars():
    source = (
        "x = 1\n"
        "# %%\n"
        "# Fórmula:\n"
        "#\n"
        "# .. math::\n"
        "#\n"
        "#    a = b +\n"
        "#      c\n"
        "#\n"
        "# Sigue el texto.\n"
        "y = 2\n"
    )
    assert plain_script(source) == (
        "x = 1\n# %%\n# Fórmula:\n#\n# $$\n# a = b +\n#   c\n# $$\n#\n# Sigue el texto.\ny = 2\n"
    )


def test_an_aligned_block_gets_aligned_and_each_equation_its_own_dollars():
    """Con ``&`` o ``\\\\`` fuera de un entorno, Sphinx alinea la fórmula (``split``): entre
    ``$$`` hace falta ``aligned``. Dentro de ``cases`` no. Una línea en blanco separa dos
    ecuaciones en reST: cada una va entre sus ``$$``."""
    source = (
        "# .. math::\n"
        "#\n"
        "#    a &= b \\\\\n"
        "#    c &= \\begin{cases} 1 & x \\\\ 0 & y \\end{cases}\n"
        "#\n"
        "#    f(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & x \\le 0 \\end{cases}\n"
        "x = 1\n"
    )
    assert plain_script(source) == (
        "# $$\n"
        "# \\begin{aligned}\n"
        "# a &= b \\\\\n"
        "# c &= \\begin{cases} 1 & x \\\\ 0 & y \\end{cases}\n"
        "# \\end{aligned}\n"
        "# $$\n"
        "#\n"
        "# $$\n"
        "# f(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & x \\le 0 \\end{cases}\n"
        "# $$\n"
        "x = 1\n"
    )


def test_a_role_becomes_dollars_also_across_lines_and_in_the_docstring():
    source = (
        'r"""\nTítulo\n======\n\nCon :math:`\\alpha`.\n"""\n\n'
        "# %%\n# Si :math:`x =\n# 1` y :math:`y`.\n"
        "print(1)  # :math:`z` tras código: la línea es código y no cambia\n"
    )
    assert plain_script(source) == (
        'r"""\nTítulo\n======\n\nCon $\\alpha$.\n"""\n\n'
        "# %%\n# Si $x =\n# 1$ y $y$.\n"
        "print(1)  # :math:`z` tras código: la línea es código y no cambia\n"
    )


def test_code_and_line_endings_are_untouched():
    source = 's = ":math:`x`"\r\n# Con :math:`x`.\r\n    # .. math::\r\n    #\r\n    #    x\r\n'
    assert (
        plain_script(source)
        == 's = ":math:`x`"\r\n# Con $x$.\r\n    # $$\r\n    # x\r\n    # $$\r\n'
    )


def _without_docstring(source: str) -> str:
    tree = ast.parse(source)
    first = tree.body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
        first.value.value = ""
    return ast.dump(tree)


def _formulas(text: str) -> list[str]:
    """El LaTeX de un texto, con o sin reST, sin espacios, marcas de comentario ni el
    ``aligned`` que se añade al escribirlo entre ``$$``."""
    text = re.sub(r"(?m)^[ \t]*# ?", "", text)
    text = re.sub(r"\\(begin|end)\{aligned\}", "", text)
    inline = re.findall(r"(?::math:`|(?<!\$)\$(?!\$))([^`$]+)[`$]", text)
    blocks = re.findall(
        r"\.\. math::\n((?:[ \t]*\n|[ \t]+\S[^\n]*\n)+)|\$\$\n(.*?)\$\$", text, re.S
    )
    equations = [e for a, b in blocks for e in re.split(r"\n[ \t]*\n", (a or b).strip())]
    return sorted(re.sub(r"\s+", "", f) for f in [*inline, *equations])


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_loses_its_rst_math_and_nothing_else(example):
    source = example.read_text(encoding="utf-8")
    plain = plain_script(source)
    assert RST_MATH.search(plain) is None
    assert _without_docstring(plain) == _without_docstring(source)  # the same program
    assert _formulas(plain) == _formulas(source)  # every formula, written the other way


def test_the_gallery_has_rst_math_to_convert():
    """Que la prueba de arriba no pase en vacío: la galería sí escribe sus fórmulas en reST."""
    with_math = [e for e in EXAMPLES if RST_MATH.search(e.read_text(encoding="utf-8"))]
    assert len(with_math) > len(EXAMPLES) / 2
