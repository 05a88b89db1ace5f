"""Cada módulo de actloss.nn es el de torch.nn: constructor, repr, búferes y resultado.

Los módulos salen de ``actloss.nn.__all__`` (con los alias obsoletos del catálogo), y las
variantes de cada uno del catálogo, más una en la que cada argumento cambia de su valor por
defecto. Los módulos de actloss.energy son su función: la misma firma y el mismo valor.
"""

from __future__ import annotations

import importlib
import inspect
import pickle
import warnings
from collections.abc import Mapping
from typing import Any

import pytest
import torch

from actloss import catalog, energy, functional, nn
from actloss.catalog import Entry
from helpers import (
    CASES,
    ENTRIES,
    detached_leaves,
    is_spanish_error,
    provoked_warnings,
    variant_id,
    warns_as_intended,
)

# Each public module, with the catalog entry it belongs to (an alias belongs to its entry's).
ENTRY_OF: dict[str, Entry] = {
    name: entry
    for entry in catalog.CATALOG.values()
    for name in (entry.module, *entry.quirks.module_aliases)
}
MODULES = sorted(name for name in nn.__all__ if hasattr(torch.nn, name))
# The modules FunctionModule writes: those that name their function (not an alias of one).
GENERATED = [name for name in MODULES if "function" in vars(getattr(nn, name))]

# The modules whose forward names an input otherwise than their function (as torch does).
RENAMED_INPUTS = {"PoissonNLLLoss": ["log_input", "target"]}

# A value of the same type that is not the default: what makes extra_repr show it.
_OTHER_STRING = {"mean": "sum", "none": "tanh"}


def _changed(default: Any) -> Any:
    if isinstance(default, bool):
        return not default
    if isinstance(default, int):
        return default + 1
    if isinstance(default, float):
        return default * 2 + 0.25
    return _OTHER_STRING.get(default, inspect.Parameter.empty)


def _after_self(method: Any) -> list[inspect.Parameter]:
    return list(inspect.signature(method).parameters.values())[1:]


def _constructor(cls: type) -> list[inspect.Parameter]:
    return _after_self(cls.__init__)


def _all_changed(name: str) -> dict[str, Any]:
    """Cada argumento del constructor de torch con un valor distinto del suyo por defecto."""
    changed = {p.name: _changed(p.default) for p in _constructor(getattr(torch.nn, name))}
    changed = {k: v for k, v in changed.items() if v is not inspect.Parameter.empty}
    for legacy in ("size_average", "reduce"):  # they replace reduction: tested on their own
        changed.pop(legacy, None)
    return changed


def _with_tensors(name: str, kwargs: Mapping[str, Any]) -> dict[str, Any]:
    """``kwargs`` más un tensor en cada argumento tensorial (``weight``, ``pos_weight``)."""
    classes = kwargs.get("num_classes", 5)
    tensors = {
        p.name: torch.linspace(0.5, 2.0, classes, dtype=torch.float64)
        for p in _constructor(getattr(torch.nn, name))
        if p.name in ("weight", "pos_weight")
    }
    return {**kwargs, **tensors}


def _variants(name: str) -> list[Any]:
    """Los argumentos del catálogo (por defecto y sus variantes) y el juego «todo cambiado»."""
    entry = ENTRY_OF[name]
    sets = [{**entry.module_kwargs, **v} for v in entry.variants]
    sets.append({**entry.module_kwargs, **_all_changed(name)})
    sets.append(_with_tensors(name, entry.module_kwargs))
    return [
        pytest.param(name, kwargs, id=f"{name}[{variant_id(kwargs)}]")
        for kwargs in {repr(k): k for k in sets}.values()  # without repeats
    ]


ALL_VARIANTS = [param for name in MODULES for param in _variants(name)]


def _pair(name: str, kwargs: Mapping[str, Any]) -> tuple[torch.nn.Module, torch.nn.Module]:
    """El módulo de actloss y el de torch, con los mismos argumentos y parámetros."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # NLLLoss2d, in both
        # AdaptiveLogSoftmaxWithLoss's last cluster has 5 // 4**2 = 0 features (torch.nn.init).
        warnings.filterwarnings("ignore", "Initializing zero-element tensors", UserWarning)
        torch.manual_seed(0)
        ours = getattr(nn, name)(**kwargs)
        torch.manual_seed(0)
        theirs = getattr(torch.nn, name)(**kwargs)
    return ours, theirs


def _kinds(parameters: list[inspect.Parameter]) -> list[tuple[str, Any, type, Any]]:
    """Nombre, valor por defecto y su tipo (``0`` no es ``0.0``), y clase de cada parámetro."""
    return [(p.name, p.default, type(p.default), p.kind) for p in parameters]


@pytest.mark.parametrize("name", MODULES)
def test_constructor_signature_is_torchs(name):
    """Nombres, valores por defecto con su tipo, orden y clase (posicional o solo por
    nombre)."""
    ours, theirs = getattr(nn, name), getattr(torch.nn, name)
    assert _kinds(_constructor(ours)) == _kinds(_constructor(theirs))
    # What Sphinx shows for the class is that constructor. (torch's NLLLoss2d shows
    # ``(*args, **kwargs)`` there: its deprecation decorator wraps ``__new__``.)
    assert _kinds(list(inspect.signature(ours).parameters.values())) == _kinds(_constructor(ours))


@pytest.mark.parametrize("name", MODULES)
def test_forward_signature_is_torchs(name):
    """Las entradas de ``forward`` se llaman como en torch (``PoissonNLLLoss``: ``log_input``),
    con la misma clase y valor por defecto."""
    ours, theirs = getattr(nn, name).forward, getattr(torch.nn, name).forward
    assert _kinds(_after_self(ours)) == _kinds(_after_self(theirs))


@pytest.mark.parametrize("name", MODULES)
def test_constants_are_torchs(name):
    """``__constants__``, la lista de torch tal cual (o ninguna, como en torch)."""
    ours = getattr(getattr(nn, name), "__constants__", None)
    assert ours == getattr(getattr(torch.nn, name), "__constants__", None)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.module)
def test_forward_takes_its_inputs_by_torchs_names(entry):
    """Cada entrada se puede pasar por nombre, con el nombre de torch, y da lo de torch."""
    ours, theirs = (m.double().eval() for m in _pair(entry.module, entry.module_kwargs))
    inputs = entry.make_inputs(CASES["matriz"](torch.float64))
    names = list(inspect.signature(type(theirs).forward).parameters)[1:]
    by_name = dict(zip(names, inputs, strict=True))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the catalog's quirks: tested in test_torch_parity
        out_ours = ours(**by_name)
        out_theirs = theirs(**by_name)
    torch.testing.assert_close(out_ours, out_theirs)


@pytest.mark.parametrize("name", MODULES)
def test_module_is_a_real_class_importable_where_it_says(name):
    cls = getattr(nn, name)
    assert isinstance(cls, type) and issubclass(cls, torch.nn.Module)
    assert cls.__name__ == cls.__qualname__ == name
    assert cls.__module__.startswith("actloss.nn._")
    assert getattr(importlib.import_module(cls.__module__), name) is cls
    assert cls not in vars(torch.nn).values()  # ours, not torch's passed through
    # Its page says what it computes: a generated module names the call it makes.
    doc = " ".join((inspect.getdoc(cls) or "").split())
    function = vars(cls).get("function")
    assert doc and (function is None or f"devuelve ``{function.__name__}(" in doc)


@pytest.mark.parametrize("name", GENERATED)
def test_generated_module_applies_its_catalog_function(name):
    cls, entry = getattr(nn, name), ENTRY_OF[name]
    assert cls.function is getattr(functional, entry.name)
    assert f":func:`actloss.functional.{entry.name}`" in cls.__doc__
    assert cls.forward.__qualname__ == f"{cls.__qualname__}.forward"
    # Its inputs are the function's first parameters, with torch's names where the module's
    # differ from the function's (test_forward_signature_is_torchs compares them with torch).
    inputs = list(inspect.signature(cls.forward).parameters)[1:]
    function_inputs = list(inspect.signature(entry.fn).parameters)[: len(inputs)]
    assert inputs == list(cls.inputs) == RENAMED_INPUTS.get(name, function_inputs)


@pytest.mark.parametrize(("name", "kwargs"), ALL_VARIANTS)
def test_repr_buffers_and_pickle_are_torchs(name, kwargs):
    """Con los mismos argumentos, el módulo se escribe, guarda y copia como el de torch."""
    ours, theirs = _pair(name, kwargs)
    assert repr(ours) == repr(theirs)
    assert ours.extra_repr() == theirs.extra_repr()
    assert list(ours.state_dict()) == list(theirs.state_dict())
    assert [n for n, _ in ours.named_buffers()] == [n for n, _ in theirs.named_buffers()]
    for (_, mine), (_, ref) in zip(ours.named_buffers(), theirs.named_buffers(), strict=True):
        torch.testing.assert_close(mine, ref, rtol=0, atol=0)
    copy = pickle.loads(pickle.dumps(ours))
    assert type(copy) is type(ours) and repr(copy) == repr(ours)
    assert list(copy.state_dict()) == list(ours.state_dict())
    # Interchangeable: torch's state loads into ours, and ours follows .to() like torch's.
    ours.load_state_dict(theirs.state_dict(), strict=True)
    ours.to(torch.float32)
    theirs.to(torch.float32)
    assert [b.dtype for b in ours.buffers()] == [b.dtype for b in theirs.buffers()]
    for attribute in ("reduction", "inplace", "dim"):
        assert getattr(ours, attribute, None) == getattr(theirs, attribute, None)


def _forward_variants() -> list[Any]:
    """Las entradas cuyo módulo guarda tensores (``weight``, ``pos_weight``): las variantes
    del catálogo, sin tensores, ya las compara test_torch_parity.py."""
    params = []
    for entry in ENTRIES:
        if kwargs := _with_tensors(entry.module, {}):
            params.append(pytest.param(entry, kwargs, id=f"{entry.module}[{variant_id(kwargs)}]"))
    return params


@pytest.mark.parametrize(("entry", "kwargs"), _forward_variants())
def test_forward_with_tensor_arguments_is_torchs(entry, kwargs):
    """El resultado del módulo con pesos, en las entradas del catálogo, es el de torch."""
    kwargs = {**entry.module_kwargs, **kwargs}
    ours, theirs = _pair(entry.module, kwargs)
    ours.double().eval()
    theirs.double().eval()
    inputs = detached_leaves(entry.make_inputs(CASES["matriz"](torch.float64)))
    variant = {k: v for k, v in kwargs.items() if not isinstance(v, torch.Tensor)}
    with warns_as_intended(entry, variant):
        out_ours = ours(*inputs)
    with warns_as_intended(entry, variant):
        out_theirs = theirs(*inputs)
    torch.testing.assert_close(out_ours, out_theirs)


@pytest.mark.parametrize(
    "name",
    [n for n in MODULES if "size_average" in inspect.signature(getattr(torch.nn, n)).parameters],
)
@pytest.mark.parametrize(("size_average", "reduce"), [(None, False), (False, None), (True, True)])
def test_size_average_and_reduce_become_reduction_like_torch(name, size_average, reduce):
    legacy = {"size_average": size_average, "reduce": reduce}
    with pytest.warns(UserWarning, match="`size_average` y `reduce` están obsoletos"):
        ours = getattr(nn, name)(**legacy)
    with provoked_warnings(), warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        theirs = getattr(torch.nn, name)(**legacy)
    assert ours.reduction == theirs.reduction
    assert not hasattr(ours, "size_average") and not hasattr(ours, "reduce")


@pytest.mark.parametrize("name", ["ELU", "L1Loss", "CTCLoss"])
def test_forward_refuses_the_wrong_inputs_like_torch(name):
    entry = ENTRY_OF[name]
    inputs = entry.make_inputs(CASES["matriz"](torch.float64))
    for wrong in ((*inputs, inputs[0]), inputs[:-1]):
        with pytest.raises(TypeError) as ours:
            getattr(nn, name)()(*wrong)
        with pytest.raises(TypeError):
            getattr(torch.nn, name)()(*wrong)
        assert is_spanish_error(str(ours.value), entry.argument("input"))


def _wrong_calls(name: str) -> list[Any]:
    """Llamadas que el constructor de torch rechaza con TypeError, y el argumento que el
    mensaje debe nombrar: uno que no existe, ``self`` por nombre, uno de más por posición,
    uno repetido (por posición y por nombre) y uno obligatorio que falta."""
    parameters = _constructor(getattr(torch.nn, name))
    if getattr(torch.nn, name).__init__ is torch.nn.Module.__init__:  # it takes nothing
        calls = [("no existe", (), {"foo": 1}, "foo"), ("self", (), {"self": 1}, "self")]
        calls.append(("de más", (1.0,), {}, None))
        return [pytest.param(name, *call[1:], id=f"{name}[{call[0]}]") for call in calls]
    positional = [p for p in parameters if p.kind is not inspect.Parameter.KEYWORD_ONLY]
    required = [p for p in parameters if p.default is inspect.Parameter.empty]
    values = [1.0 if p.default is inspect.Parameter.empty else p.default for p in positional]
    calls = [
        ("no existe", (*values,), {"foo": 1}, "foo"),
        ("self", (), {"self": 1}, "self"),
        ("de más", (*values, None), {}, (positional or parameters)[0].name),
    ]
    if positional:
        first = positional[0].name
        calls.append(("repetido", (values[0],), {first: values[0]}, first))
    if required:
        calls.append(("falta", (), {}, required[0].name))
    return [
        pytest.param(name, args, kwargs, argument, id=f"{name}[{case}]")
        for case, args, kwargs, argument in calls
    ]


@pytest.mark.parametrize(
    ("name", "args", "kwargs", "argument"),
    [call for name in MODULES for call in _wrong_calls(name)],
)
def test_constructor_refuses_wrong_arguments_in_spanish_like_torch(name, args, kwargs, argument):
    """TypeError, como torch, con un mensaje en español que nombra la clase y el argumento:
    también en los módulos escritos a mano (PReLU, Hardtanh, AdaptiveLogSoftmaxWithLoss…)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # NLLLoss2d, in both
        with pytest.raises(TypeError):
            getattr(torch.nn, name)(*args, **kwargs)
        with pytest.raises(TypeError) as ours:
            getattr(nn, name)(*args, **kwargs)
    message = str(ours.value)
    assert message.startswith(f"{name}: "), message
    assert is_spanish_error(message, argument) if argument else "no recibe" in message, message


PRELU_WRONG = [
    ({"num_parameters": -1}, "num_parameters"),
    ({"num_parameters": 2.5}, "num_parameters"),
    ({"num_parameters": True}, "num_parameters"),
    ({"num_parameters": "3"}, "num_parameters"),
    ({"num_parameters": torch.tensor(2.0)}, "num_parameters"),
    ({"init": "a"}, "init"),
    ({"init": None}, "init"),
    ({"init": torch.ones(2)}, "init"),
]


@pytest.mark.parametrize(
    ("kwargs", "argument"), PRELU_WRONG, ids=[variant_id(k) for k, _ in PRELU_WRONG]
)
def test_prelu_refuses_wrong_arguments_in_spanish_like_torch(kwargs, argument):
    """La clase de excepción de torch (RuntimeError ante un número negativo o un tensor de
    más de 0 dimensiones; TypeError ante un tipo que no es), con un mensaje en español."""
    with pytest.raises(Exception) as theirs:
        torch.nn.PReLU(**kwargs)
    with pytest.raises(Exception) as ours:
        nn.PReLU(**kwargs)
    assert type(ours.value) is type(theirs.value)
    message = str(ours.value)
    assert message.startswith("PReLU: ") and is_spanish_error(message, argument), message


PRELU_RIGHT = [
    {"num_parameters": 0},
    {"num_parameters": torch.tensor(3)},
    {"init": 1},
    {"init": True},
    {"init": torch.tensor(0.5)},
    {"init": float("nan")},
]


@pytest.mark.parametrize("kwargs", PRELU_RIGHT, ids=[variant_id(k) for k in PRELU_RIGHT])
def test_prelu_accepts_what_torch_accepts(kwargs):
    ours, theirs = _pair("PReLU", kwargs)
    assert repr(ours) == repr(theirs)
    torch.testing.assert_close(ours.weight, theirs.weight, rtol=0, atol=0, equal_nan=True)


def test_rrelu_draws_its_slopes_only_in_training_mode():
    x = CASES["matriz"](torch.float64)
    module = nn.RReLU(0.1, 0.3)
    torch.manual_seed(3)
    trained = module.train()(x)
    torch.manual_seed(3)
    torch.testing.assert_close(trained, functional.rrelu(x, 0.1, 0.3, training=True))
    assert not torch.equal(trained, module.eval()(x))
    torch.testing.assert_close(module(x), functional.rrelu(x, 0.1, 0.3, training=False))


@pytest.mark.parametrize("name", ["Softmax", "Softmin", "LogSoftmax"])
def test_module_pickled_without_dim_loads_with_none_like_torch(name):
    for cls in (getattr(nn, name), getattr(torch.nn, name)):
        state = cls(dim=1).__dict__.copy()
        del state["dim"]
        module = cls.__new__(cls)
        module.__setstate__(state)
        assert module.dim is None


# actloss.energy: each module is its function, with the function's arguments.
ENERGY_MODULES = [
    pytest.param(getattr(energy, e.module), e.fn, id=e.module) for e in catalog.energy_losses()
]


@pytest.mark.parametrize(("cls", "fn"), ENERGY_MODULES)
def test_energy_module_signature_is_its_functions(cls, fn):
    after_target = list(inspect.signature(fn).parameters.values())[2:]
    assert _kinds(_constructor(cls)) == _kinds(after_target)
    assert cls.__module__ == "actloss.energy._modules" and cls.__qualname__ == cls.__name__
    assert cls.function is fn
    assert repr(cls()) == f"{cls.__name__}()" and not cls().state_dict()


@pytest.mark.parametrize(("cls", "fn"), ENERGY_MODULES)
def test_energy_module_forward_is_its_function(cls, fn):
    generator = torch.Generator().manual_seed(5)
    energies = torch.randn(6, 4, generator=generator, dtype=torch.float64)
    target = torch.randint(0, 4, (6,), generator=generator)
    changed = {p.name: _changed(p.default) for p in _constructor(cls)}
    for kwargs in ({}, changed):
        module = cls(**kwargs)
        assert [getattr(module, k) for k in kwargs] == list(kwargs.values())
        torch.testing.assert_close(
            module(energies, target), fn(energies, target, **kwargs), rtol=0, atol=0
        )
