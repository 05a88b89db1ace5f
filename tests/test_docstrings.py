"""Los docstrings de :mod:`actloss.functional` que completa ``functional._docs``: cada
argumento descrito una vez y en el orden de la firma, el enlace a una definición que
existe, y la forma por defecto solo donde la salida tiene de verdad la de la entrada."""

from __future__ import annotations

import inspect
import re

import pytest
import torch

from actloss import catalog, functional, reference
from actloss.functional import _docs

COMPLETED = [
    name for name in functional.__all__ if "Ejemplos:" in getattr(functional, name).__doc__
]
ENTRY = re.compile(r"^    (\w+): ", re.MULTILINE)


def _section(doc: str, title: str) -> str:
    return doc.split(f"\n{title}:\n", 1)[1].split("\n\n", 1)[0]


@pytest.mark.parametrize("name", COMPLETED)
def test_each_argument_is_described_once_in_the_order_of_the_signature(name):
    function = getattr(functional, name)
    described = ENTRY.findall(_section(function.__doc__, "Argumentos"))
    assert described == list(inspect.signature(function).parameters)


@pytest.mark.parametrize("name", COMPLETED)
def test_the_definition_it_names_exists(name):
    linked = re.findall(r"actloss\.reference\.(\w+)", getattr(functional, name).__doc__)
    assert linked == [name]
    assert hasattr(reference, name)


def test_a_description_of_an_argument_not_in_the_signature_fails():
    def loss(input, reduction="mean"):
        """Una pérdida.

        Argumentos:
            input: la entrada.
            target: no está en la firma.

        Ejemplos:
            >>> 1
            1
        """

    with pytest.raises(TypeError, match=r"\['target'\]"):
        _docs.completed(loss)


DEFAULT_SHAPE = [
    name for name in COMPLETED if _docs.SAME_SHAPE in getattr(functional, name).__doc__
]


@pytest.mark.parametrize("name", DEFAULT_SHAPE)
def test_the_default_shape_is_the_shape_of_the_input(name):
    """«La salida tiene la forma de la entrada», que el docstring recibe si no escribe su
    propia sección «Forma», es cierto en cada variante del catálogo."""
    entry, function = catalog.get(name), getattr(functional, name)
    x = torch.linspace(-3, 3, 2 * 3 * 4, dtype=torch.float64).reshape(2, 3, 4)
    # The softmax family would choose ``dim`` itself, with a deprecation warning.
    explicit = {"dim": 1} if "dim" in inspect.signature(function).parameters else {}
    for variant in entry.variants:
        kwargs = {**explicit, **entry.quirks.required_kwargs, **variant}
        assert function(x, **kwargs).shape == x.shape, variant


def test_no_source_file_hides_a_control_character():
    """Un ``\\b`` de ``\\begin`` en una cadena que no es cruda se vuelve un retroceso (0x08):
    la fórmula se rompe en ``help()`` sin que nada falle. Solo tabuladores y saltos de línea."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    files = [*root.glob("src/**/*.py"), *root.glob("gallery/**/*.py"), *root.glob("docs/**/*.md")]
    control = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
    assert len(files) > 100
    assert [str(f.relative_to(root)) for f in files if control.search(f.read_text())] == []


def test_no_module_of_the_fast_tier_is_over_600_lines():
    """Un módulo que ya no cabe en la cabeza se parte (issue 14: ninguno pasa de 600)."""
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "src" / "actloss" / "functional"
    lines = {path.name: len(path.read_text().splitlines()) for path in folder.glob("*.py")}
    assert len(lines) > 10
    assert {name: n for name, n in lines.items() if n > 600} == {}
