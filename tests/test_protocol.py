"""Cada función de actloss.functional cede la llamada a ``__torch_function__``, como torch.

Lo que depende de eso, probado por entrada del catálogo y contra torch: un
``TorchFunctionMode`` ve pasar la función pública; una subclase de ``Tensor`` conserva su
clase; ``torch.fx.symbolic_trace`` registra la llamada del módulo en su grafo, y el grafo
da lo mismo que el módulo. Y la función pública se puede serializar con ``pickle``.
"""

from __future__ import annotations

import pickle
from typing import Any

import pytest
import torch
from torch.overrides import TorchFunctionMode

from actloss import functional
from helpers import CASES, ENTRIES, arguments, provoked_warnings

# The protocol is the same for every argument: each function with its defaults.
DEFAULTS = [pytest.param(e, {}, id=e.name) for e in ENTRIES]


class Recording(TorchFunctionMode):
    """Anota cada función que le llega y la ejecuta sin más."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[Any] = []

    def __torch_function__(self, func, types, args=(), kwargs=None):  # type: ignore[no-untyped-def]
        self.calls.append(func)
        return func(*args, **(kwargs or {}))


class Tagged(torch.Tensor):
    """Una subclase que no cambia nada: solo debe sobrevivir a la llamada."""


def _tensors(entry):  # type: ignore[no-untyped-def]
    inputs, params = arguments(entry, CASES["matriz"](torch.float64))
    return (*inputs, *params)


def _call(fn, tensors, variant, wrap=lambda t: t):  # type: ignore[no-untyped-def]
    torch.manual_seed(0)  # rrelu draws its slopes in training
    with provoked_warnings():
        return fn(wrap(tensors[0]), *tensors[1:], **variant)


@pytest.mark.parametrize(("entry", "variant"), DEFAULTS)
def test_a_mode_sees_the_public_function_as_it_sees_torchs(entry, variant):
    tensors = _tensors(entry)
    expected = _call(entry.fn, tensors, variant)
    ours, theirs = Recording(), Recording()
    with ours:
        got = _call(entry.fn, tensors, variant)
    with theirs:
        _call(entry.torch_fn, tensors, variant)
    assert ours.calls == [getattr(functional, entry.name)]  # one call: the public function
    assert theirs.calls  # the mode sees torch's too (the reference may be a composition)
    torch.testing.assert_close(got, expected, equal_nan=True)


@pytest.mark.parametrize(("entry", "variant"), DEFAULTS)
def test_a_tensor_subclass_keeps_its_class_as_in_torch(entry, variant):
    def tagged(t: torch.Tensor) -> torch.Tensor:
        return t.as_subclass(Tagged)

    tensors = _tensors(entry)
    ours = _call(entry.fn, tensors, variant, tagged)
    theirs = _call(entry.torch_fn, tensors, variant, tagged)
    assert type(ours) is type(theirs) is Tagged
    plain = _call(entry.fn, tensors, variant)
    torch.testing.assert_close(ours.as_subclass(torch.Tensor), plain, equal_nan=True)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_symbolic_trace_records_the_function_and_reproduces_the_module(entry):
    module = entry.module_cls(**entry.quirks.required_kwargs)
    traced = torch.fx.symbolic_trace(module)
    targets = [n.target for n in traced.graph.nodes if n.op == "call_function"]
    # One call of a public function: its own, or the one its torch module calls (ReLU6
    # is a Hardtanh, in torch as here).
    assert len(targets) == 1, traced.code
    assert getattr(functional, targets[0].__name__) is targets[0], traced.code
    assert entry.name in (targets[0].__name__, "relu6"), traced.code
    inputs = entry.make_inputs(CASES["matriz"](torch.float32))  # PReLU's slope: float32
    with provoked_warnings():
        torch.manual_seed(0)
        expected = module(*inputs)
        torch.manual_seed(0)
        got = traced(*inputs)
    torch.testing.assert_close(got, expected, rtol=0, atol=0, equal_nan=True)


def test_every_public_function_pickles_by_name():
    publics = [getattr(functional, name) for name in functional.__all__]
    loaded = pickle.loads(pickle.dumps(publics))
    assert all(a is b for a, b in zip(loaded, publics, strict=True))


@pytest.mark.parametrize("name", ["elu"])
def test_a_tensor_subclass_compiles_in_one_graph_as_with_torch(name):
    """Compilando no se cede la llamada (dynamo no traza ``handle_torch_function`` para una
    función que no es de torch): la subclase llega a las operaciones, como con torch."""
    entry = next(e for e in ENTRIES if e.name == name)
    tensors = _tensors(entry)
    results = []
    for fn in (entry.fn, entry.torch_fn):
        compiled = torch.compile(fn, fullgraph=True, backend="eager")
        results.append(compiled(tensors[0].as_subclass(Tagged), *tensors[1:]))
    assert type(results[0]) is type(results[1]) is Tagged
    torch.testing.assert_close(results[0], results[1])
