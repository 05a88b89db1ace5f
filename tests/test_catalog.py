"""El catálogo es coherente con el código, con torch y con la galería."""

from __future__ import annotations

import dataclasses
import functools
import inspect
import re
import warnings
from pathlib import Path

import pytest
import torch

from actloss import catalog, functional, nn
from helpers import ALL_ENTRIES

ROOT = Path(__file__).resolve().parents[1]
IN_PLACE_SUFFIX = "_"


def _parameters(fn):
    """Nombres y valores por defecto; de la primera línea de la docstring si es un builtin."""
    try:
        return [(p.name, p.default) for p in inspect.signature(fn).parameters.values()]
    except ValueError:  # torch's builtins document their signature as "name(a, b=1) -> Tensor"
        text = fn.__doc__.strip().splitlines()[0]
        signature = inspect.signature(
            eval(f"lambda {text[text.index('(') + 1 : text.index(')')]}: 0")
        )
        return [(p.name, p.default) for p in signature.parameters.values()]


WITH_FUNCTION = [e for e in ALL_ENTRIES if hasattr(functional, e.name)]


@pytest.mark.parametrize("entry", WITH_FUNCTION, ids=lambda e: e.name)
def test_function_signature_matches_torch(entry):
    assert _parameters(entry.fn) == _parameters(entry.torch_fn)


@pytest.mark.parametrize("entry", ALL_ENTRIES, ids=lambda e: e.name)
def test_module_constructor_matches_torch(entry):
    ours = inspect.signature(entry.module_cls.__init__).parameters
    theirs = inspect.signature(entry.torch_module_cls.__init__).parameters
    assert [(p.name, p.default) for p in ours.values()] == [
        (p.name, p.default) for p in theirs.values()
    ]


@pytest.mark.parametrize("entry", ALL_ENTRIES, ids=lambda e: e.name)
def test_entry_has_gallery_example_and_docstring(entry):
    example = ROOT / "gallery" / f"{entry.example.removeprefix('galeria/')}.py"
    source = example.read_text()
    assert entry.module_only or hasattr(functional, entry.name)
    functions = [entry.fn] if hasattr(functional, entry.name) else []
    # Calling both by attribute is what lists the example on their API pages.
    if functions:
        assert f".{entry.name}(" in source, f"{example.name} no llama a la función {entry.name}"
    assert f".{entry.module}(" in source, f"{example.name} no usa el módulo {entry.module}"
    for function in functions:
        doc = inspect.getdoc(function) or ""
        assert "Ejemplos:" in doc and ">>>" in doc
    # A module's page says what it stores and calls (tests/test_modules_mirror.py).
    assert inspect.getdoc(entry.module_cls)


def test_every_public_name_has_an_entry():
    names = {e.name for e in ALL_ENTRIES}
    for name in functional.__all__:
        base = name.removesuffix(IN_PLACE_SUFFIX)
        assert base in names, f"{name} no está en el catálogo"
        if name != base:  # an in-place variant exists in torch as well
            assert hasattr(torch.nn.functional, name)
    aliases = {alias for e in ALL_ENTRIES for alias in e.quirks.module_aliases}
    assert set(nn.__all__) == {e.module for e in ALL_ENTRIES} | aliases
    for entry in ALL_ENTRIES:  # an alias is its entry's module under an old name
        for alias in entry.quirks.module_aliases:
            assert issubclass(getattr(nn, alias), entry.module_cls)


def test_lookup_passes_entries_through_and_rejects_unknown_names():
    entry = catalog.get("relu")
    assert catalog.get(entry) is entry
    with pytest.raises(KeyError, match="no tiene"):
        catalog.get("relu6_inexistente")


def _notes_labels() -> set[str]:
    """Las etiquetas MyST ``(etiqueta)=`` de las páginas de notas."""
    labels = set()
    for page in (ROOT / "docs" / "notas").glob("*.md"):
        labels |= set(re.findall(r"^\(([\w-]+)\)=$", page.read_text(), flags=re.MULTILINE))
    return labels


@pytest.mark.parametrize("entry", ALL_ENTRIES, ids=lambda e: e.name)
def test_entry_section_exists_in_the_notes(entry):
    assert entry.section in _notes_labels(), f"las notas no tienen la sección {entry.section}"


def _latex(text: str) -> str:
    """LaTeX sin espacios ni ajustes de tamaño: ``\\,``, ``\\quad``, ``\\bigl``, ``\\tfrac``..."""
    text = re.sub(r"(?<!\\)\\(?:[,;!: ]|q?quad\b|[bB]igg?[lr]?\b|left\b|right\b)", "", text)
    return re.sub(r"\s+", "", re.sub(r"\\[td]frac\b", r"\\frac", text))


def _math(text: str) -> str:
    """Todo el LaTeX de un texto reST (bloques ``.. math::`` y ``:math:``), normalizado."""
    inline = re.findall(r":math:`([^`]*)`", text)
    blocks = re.findall(r"\.\. math::\n((?:[ \t]*\n|[ \t]+\S.*\n)+)", text + "\n")
    return "|".join(_latex(piece) for piece in [*blocks, *inline])


def _gallery_math(entry) -> str:
    folder = "activaciones" if entry.kind == "activación" else "perdidas"
    text = (ROOT / "gallery" / folder / f"plot_{entry.name}.py").read_text(encoding="utf-8")
    return _math(re.sub(r"(?m)^# ?", "", text))  # the text cells, without their comment marks


@pytest.mark.parametrize("entry", ALL_ENTRIES, ids=lambda e: e.name)
def test_formula_and_derivative_are_the_ones_the_docs_show(entry):
    """La fórmula y la derivada del catálogo (las de su tabla) son las del docstring de la
    función y, en las activaciones, la fórmula es la de su página de la galería."""
    owner = getattr(functional, entry.name, None) or getattr(nn, entry.module)
    shown = _math(inspect.getdoc(owner) or "")
    assert _latex(entry.formula) in shown, f"{entry.name}: la fórmula no está en el docstring"
    assert _latex(entry.derivative) in shown, f"{entry.name}: la derivada no está en el docstring"
    if entry.kind == "activación":
        assert _latex(entry.formula) in _gallery_math(entry), f"{entry.name}: no está en la galería"


@pytest.mark.parametrize("entry", [e for e in ALL_ENTRIES if e.parameters], ids=lambda e: e.name)
def test_parameters_have_a_range_and_torchs_default_and_the_range_runs(entry):
    """Cada parámetro del catálogo tiene su intervalo (o sus opciones) con el valor por
    defecto dentro; si es un argumento con valor por defecto, es el de torch, y la función
    da números finitos en los extremos del intervalo y en cada opción."""
    defaults = {**dict(_parameters(entry.torch_fn)), **entry.quirks.required_kwargs}
    x = torch.linspace(0.25, 2.25, 9, dtype=torch.float64).reshape(3, 3)
    inputs = (*entry.make_inputs(x), *entry.make_params(x))
    for p in entry.parameters:
        if p.options:
            assert p.default in p.options and p.low is None and p.high is None, p
        else:
            assert p.low is not None and p.high is not None and p.low <= p.default <= p.high, p
        if defaults.get(p.name, inspect.Parameter.empty) is inspect.Parameter.empty:
            continue  # a tensor (PReLU's slope, the variance) or the figures' temperature
        assert defaults[p.name] == p.default, (entry.name, p.name)
        for value in p.options or (p.low, p.high):
            with warnings.catch_warnings():  # kl_div's 'mean' warns, as torch's does
                warnings.simplefilter("ignore")
                loss = entry.fn(*inputs, **{p.name: value})
            assert bool(torch.isfinite(loss).all()), (entry.name, p.name, value)


def _catalog_records():
    """Las clases de datos del catálogo: la entrada, las propiedades y las particularidades."""
    from actloss.catalog import _energy, _entry

    modules = (_entry, _energy)
    return [
        cls
        for module in modules
        for cls in vars(module).values()
        if isinstance(cls, type)
        and dataclasses.is_dataclass(cls)
        and cls.__module__ == module.__name__
    ]


RECORDS = _catalog_records()


def test_the_catalog_records_are_all_checked():
    names = {cls.__name__ for cls in RECORDS}
    assert {"Entry", "EnergyEntry", "TorchQuirks", "Parameter"} <= names
    assert {"ActivationProperties", "LossProperties", "EnergyProperties"} <= names


@functools.cache
def _readers():
    """Todo el código que puede leer el catálogo, como texto: la biblioteca (también los
    métodos del propio catálogo), las extensiones, las pruebas, la galería y las celdas
    de las páginas ejecutadas."""
    roots = [ROOT / "src", ROOT / "docs" / "_ext", ROOT / "tests", ROOT / "gallery"]
    code = [p for root in roots for p in root.rglob("*.py") if "node_modules" not in p.parts]
    pages = [*ROOT.glob("docs/*.md"), *ROOT.glob("docs/notas/*.md")]
    return tuple(path.read_text(encoding="utf-8") for path in [*code, *pages])


# ``.field`` read as an attribute, not as a module's function (``torch.gradient``).
READ = r"(?<!torch)(?<!\bnp)(?<!\bnn)(?<!\bF)(?<!math)\.{}\b"


@pytest.mark.parametrize("record", RECORDS, ids=lambda c: c.__name__)
def test_every_field_of_the_catalog_is_read(record):
    """Un campo que nada lee es una afirmación que nada comprueba ni muestra (issue 14).

    Es una búsqueda de texto, por nombre y no por clase: un nombre que también usa otro
    código (``name``, ``range``, ``page``) o otra clase del catálogo (``claim``) pasa
    siempre; uno propio (``gradient``, ``kink_at_target``) solo pasa si algo lo lee. Las
    entradas se escriben con ``campo=valor``, no con ``.campo``, así que escribirlas no
    cuenta como leerlas.
    """
    texts = _readers()
    unread = [
        f.name
        for f in dataclasses.fields(record)
        if not any(re.search(READ.format(f.name), t) for t in texts)
    ]
    assert unread == [], f"{record.__name__}: campos que nada lee: {unread}"
