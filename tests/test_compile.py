"""La vía compilada: ``actloss.compile`` da los mismos valores y gradientes que sin compilar.

Compilar con inductor tarda segundos, así que solo un caso pasa por inductor (ELU, una
activación de :class:`~actloss.functional._pointwise.Pointwise` con su derivada escrita
a mano). Los demás usan el backend ``aot_eager``: dynamo y AOTAutograd trazan la función y
su retropropagación igual que con inductor, pero ejecutan el grafo sin generar C++, en
décimas de segundo. Así se prueba también que ``kwargs`` llega a ``torch.compile``.
"""

from __future__ import annotations

import functools

import pytest
import torch
from torch._inductor.utils import run_and_get_code

import actloss
from actloss import catalog


def _run(fn, inputs):
    """Valor y gradientes (respecto a los tensores de coma flotante) de ``fn(*inputs)``."""
    leaves = [t.detach().clone().requires_grad_(t.is_floating_point()) for t in inputs]
    out = fn(*leaves)
    floating = [t for t in leaves if t.requires_grad]
    grads = torch.autograd.grad(out, floating, torch.randn_like(out, generator=_gen()))
    return out.detach(), grads


def _gen() -> torch.Generator:
    return torch.Generator().manual_seed(1)


def _inputs(name: str, shape: tuple[int, ...]) -> tuple[torch.Tensor, ...]:
    entry = catalog.get(name)
    x = 3 * torch.randn(shape, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
    return (*entry.make_inputs(x), *entry.make_params(x))


def _special(inputs: tuple[torch.Tensor, ...]) -> tuple[torch.Tensor, ...]:
    """Las entradas con nan, ±inf y ±0 al principio de la primera."""
    x = inputs[0].clone()
    values = [float("nan"), float("inf"), -float("inf"), 0.0, -0.0]
    x.view(-1)[: len(values)] = x.new_tensor(values)
    return (x, *inputs[1:])


def _same(fn, compiled, inputs) -> None:
    value, grads = _run(fn, inputs)
    compiled_value, compiled_grads = _run(compiled, inputs)
    torch.testing.assert_close(compiled_value, value, equal_nan=True)
    assert len(grads) == len(compiled_grads) > 0
    for expected, actual in zip(grads, compiled_grads, strict=True):
        torch.testing.assert_close(actual, expected, equal_nan=True)


def test_inductor_matches_eager_elu() -> None:
    fn = catalog.get("elu").fn
    compiled = actloss.compile(fn, dynamic=False, fullgraph=True)
    _, code = run_and_get_code(_same, fn, compiled, _special(_inputs("elu", (4, 33))))
    # Forward and backward, each a C++ kernel with every test vectorised: a loop over the
    # elements of a vector (nan_to_num's isnan, for one) costs several fused passes.
    assert len(code) == 2
    assert not any("tmpbuf_out[i]" in c for c in code)


# ``fullgraph=True``: the activations trace into one graph, forward and backward (a graph
# break would silently run them uncompiled). cross_entropy checks its targets in Python.
@pytest.mark.parametrize(
    ("name", "shape", "kwargs", "fullgraph"),
    [
        ("gelu", (4, 33), {"approximate": "tanh"}, True),
        ("sigmoid", (4, 33), {}, True),
        ("softplus", (4, 33), {"beta": 2.0}, True),
        ("selu", (4, 33), {}, True),
        ("hardswish", (4, 33), {}, True),
        ("prelu", (4, 3, 5), {}, True),
        ("softmax", (4, 7), {"dim": -1}, True),
        ("cross_entropy", (6, 5), {"label_smoothing": 0.1}, False),
    ],
)
def test_traced_graph_matches_eager(
    name: str, shape: tuple[int, ...], kwargs: dict[str, object], fullgraph: bool
) -> None:
    fn = functools.partial(catalog.get(name).fn, **kwargs)
    compiled = actloss.compile(fn, backend="aot_eager", fullgraph=fullgraph)
    inputs = _inputs(name, shape)
    _same(fn, compiled, _special(inputs) if catalog.get(name).kind == "activación" else inputs)


def test_compile_wraps_modules() -> None:
    layer = actloss.nn.Softplus(beta=2.0)
    compiled = actloss.compile(layer, backend="aot_eager")
    x = torch.randn(5, dtype=torch.float64)
    torch.testing.assert_close(compiled(x), layer(x))
