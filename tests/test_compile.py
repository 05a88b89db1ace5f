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
from helpers import is_spanish_error, jvp_of_jvp, provoked_warnings

_LOSSES = [e for e in catalog.losses() if not e.module_only]


@pytest.fixture(autouse=True)
def _fresh_dynamo() -> None:
    """dynamo recompila un mismo código 8 veces como mucho (``recompile_limit``), contando
    lo que compilaron las pruebas anteriores del mismo proceso: cada prueba empieza de cero."""
    torch._dynamo.reset()


def _run(fn, inputs):
    """Valor y gradientes (respecto a los tensores de coma flotante) de ``fn(*inputs)``."""
    leaves = [t.detach().clone().requires_grad_(t.is_floating_point()) for t in inputs]
    out = fn(*leaves)
    floating = [t for t in leaves if t.requires_grad]
    seed = torch.randn_like(out, generator=_gen())
    # Zeros for a tensor the output does not depend on (the ±1 labels of hinge_embedding_loss).
    grads = torch.autograd.grad(out, floating, seed, allow_unused=True, materialize_grads=True)
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


# ``fullgraph=True``: each traces into one graph, forward and backward (a graph break
# would silently run it uncompiled), cross_entropy's check of its targets included.
@pytest.mark.parametrize(
    ("name", "shape", "kwargs"),
    [
        ("gelu", (4, 33), {"approximate": "tanh"}),
        ("sigmoid", (4, 33), {}),
        ("softplus", (4, 33), {"beta": 2.0}),
        ("selu", (4, 33), {}),
        ("hardswish", (4, 33), {}),
        ("prelu", (4, 3, 5), {}),
        ("softmax", (4, 7), {"dim": -1}),
        ("cross_entropy", (6, 5), {"label_smoothing": 0.1}),
    ],
)
def test_traced_graph_matches_eager(
    name: str, shape: tuple[int, ...], kwargs: dict[str, object]
) -> None:
    fn = functools.partial(catalog.get(name).fn, **kwargs)
    compiled = actloss.compile(fn, backend="aot_eager", fullgraph=True)
    inputs = _inputs(name, shape)
    _same(fn, compiled, _special(inputs) if catalog.get(name).kind == "activación" else inputs)


# torch's own fullgraph compile stops on these (a shape that depends on the values of
# var, or on the lengths): the test checks that it still does, and asks nothing of actloss.
TORCH_BREAKS = {"gaussian_nll_loss", "ctc_loss"}


@pytest.mark.parametrize("entry", _LOSSES, ids=lambda e: e.name)
def test_losses_compile_in_one_graph_like_torch(entry) -> None:
    """Cada pérdida se traza en un solo grafo (``fullgraph=True``) donde la de torch también,
    con sus valores y gradientes; sus avisos (``kl_div`` con 'mean') y sus comprobaciones de
    valores (BCE, multi_margin, multilabel_margin) no cortan el grafo. Una variante por
    pérdida, pequeña: compilar cuesta."""
    inputs = _inputs(entry.name, (4, 5))
    with provoked_warnings():
        if entry.name in TORCH_BREAKS:
            with pytest.raises(torch._dynamo.exc.TorchDynamoException):
                torch.compile(entry.torch_fn, fullgraph=True, backend="eager")(*inputs)
            return
        compiled = torch.compile(entry.fn, fullgraph=True, backend="eager")
        _same(entry.fn, compiled, inputs)
        # torch's own compiled multilabel_margin_loss gives other numbers (torch 2.13): the
        # reference is torch without compiling.
        torch.testing.assert_close(_run(compiled, inputs)[0], _run(entry.torch_fn, inputs)[0])


@pytest.mark.parametrize(
    ("name", "inputs", "argument"),
    [
        ("binary_cross_entropy", (torch.tensor([0.5, 1.5]), torch.tensor([1.0, 0.0])), "input"),
        (
            "binary_cross_entropy",
            (torch.tensor([0.5, float("nan")]), torch.tensor([1.0, 0.0])),
            "input",
        ),
        ("multi_margin_loss", (torch.randn(2, 3), torch.tensor([0, 3])), "target"),
        ("multilabel_margin_loss", (torch.randn(2, 3), torch.tensor([[0, -2, -1]] * 2)), "target"),
    ],
    ids=["bce-input", "bce-nan", "multi_margin", "multilabel_margin"],
)
def test_compiled_losses_still_refuse_bad_values_like_torch(name, inputs, argument) -> None:
    """Compiladas, las comprobaciones de valores siguen dentro del grafo: ``RuntimeError``,
    como las pérdidas compiladas de torch, con el mensaje de actloss (no un error de índice
    de más adentro ni uno de dynamo)."""
    with pytest.raises(RuntimeError):
        torch.compile(getattr(torch.nn.functional, name), fullgraph=True, backend="aot_eager")(
            *inputs
        )
    with pytest.raises(RuntimeError) as ours:
        torch.compile(getattr(actloss.functional, name), fullgraph=True, backend="aot_eager")(
            *inputs
        )
    assert is_spanish_error(str(ours.value), argument), ours.value


def test_compile_wraps_modules() -> None:
    layer = actloss.nn.Softplus(beta=2.0)
    compiled = actloss.compile(layer, backend="aot_eager")
    x = torch.randn(5, dtype=torch.float64)
    torch.testing.assert_close(compiled(x), layer(x))


# The activations whose float arguments the rules inspect (finite? nan?) in Python, and
# more: eleven whose forward FunctionModule writes (ReLU6 and Hardtanh have their own),
# past torch.compile's limit of 8 recompilations per code object.
def _counting_backend(graphs: list[torch.fx.GraphModule]):  # type: ignore[no-untyped-def]
    """Un backend de ``torch.compile`` que anota en ``graphs`` cada grafo que compila y lo
    ejecuta tal cual."""

    def counting(graph_module, example_inputs):  # type: ignore[no-untyped-def]
        graphs.append(graph_module)
        return graph_module.forward

    return counting


_MODULES = [
    "relu6", "hardtanh", "leaky_relu", "elu", "celu", "threshold", "hardshrink",
    "sigmoid", "tanh", "softsign", "silu", "mish", "selu",
]  # fmt: skip


def test_many_modules_compile_with_dynamic_shapes_each_in_one_graph() -> None:
    """Dos fallos que el compilador esconde, en una prueba:

    - cada clase tiene su propio ``forward`` (lo escribe ``FunctionModule``): si lo
      compartieran, los módulos agotarían las 8 recompilaciones de ese objeto de código
      (el noveno ya no compilaría) y ``fullgraph=True`` fallaría;
    - con ``dynamic=True`` los argumentos ``float`` llegan como números simbólicos: las
      comprobaciones (¿finito?, ¿nan?) son comparaciones, que dynamo guarda, y no
      ``math.isfinite``, que no traza. Un grafo para todos los tamaños de lote, como torch.
    """
    for name in _MODULES:
        entry = catalog.get(name)
        module = entry.module_cls(**entry.quirks.required_kwargs).eval()  # RReLU: no draws
        graphs: list[torch.fx.GraphModule] = []
        counting = _counting_backend(graphs)
        compiled = torch.compile(module, dynamic=True, fullgraph=True, backend=counting)
        for batch in (3, 5):
            x = torch.randn(batch, 4, dtype=torch.float64)
            torch.testing.assert_close(compiled(x), module(x), msg=name)
        assert len(graphs) == 1, name
    classes = [getattr(actloss.nn, name) for name in actloss.nn.__all__]
    generated = {c.forward for c in classes if hasattr(c, "function")}  # NLLLoss2d inherits
    assert len({id(forward.__code__) for forward in generated}) == len(generated)


def test_multilabel_margin_compiles_for_any_batch_size_like_torch() -> None:
    """Compilado, la pérdida de margen multietiqueta va en un bloque: un bucle sobre las
    filas fijaría el tamaño del lote en el grafo, con una recompilación por tamaño."""
    counts = []
    for library in (torch.nn.functional, actloss.functional):
        graphs: list[torch.fx.GraphModule] = []
        counting = _counting_backend(graphs)
        torch._dynamo.reset()
        compiled = torch.compile(library.multilabel_margin_loss, backend=counting)
        for batch in (4, 6, 9):
            x = torch.randn(batch, 5, dtype=torch.float64)
            target = torch.randint(
                -1, 5, (batch, 5), generator=torch.Generator().manual_seed(batch)
            )
            torch.testing.assert_close(
                compiled(x, target), library.multilabel_margin_loss(x, target)
            )
        counts.append(len(graphs))
    assert counts[1] == counts[0] <= 2  # static, then one graph for every size


@pytest.mark.parametrize("name", ["softmax", "softmin", "log_softmax"])
def test_implicit_dim_compiles_in_one_graph_and_warns_like_torch(name) -> None:
    """Sin ``dim``, la función y su módulo compilan con ``fullgraph=True``, como en torch:
    dynamo no traza ``warnings.warn``, así que el aviso sale una vez, al trazar."""
    x = torch.randn(3, 4, dtype=torch.float64)
    for ours, theirs in (
        (getattr(actloss.functional, name), getattr(torch.nn.functional, name)),
        (catalog.get(name).module_cls(), catalog.get(name).torch_module_cls()),
    ):
        torch._dynamo.reset()
        compiled = torch.compile(ours, fullgraph=True, backend="aot_eager")
        with pytest.warns(UserWarning, match="`dim`"):
            got = compiled(x)
        with pytest.warns(UserWarning):
            expected = theirs(x)
        torch.testing.assert_close(got, expected)


# vmap reaches nested_forward's check; jvp of jvp takes the definitions' path. (grad
# of a residual loss meets an autograd.Function with a jvp, which dynamo does not trace in
# torch 2.13: "Unsupported custom jvp", as before nested_forward existed.)
@pytest.mark.parametrize(
    ("name", "transform"),
    [("tanh", "vmap"), ("tanh", "jvp_of_jvp"), ("mse_loss", "jvp_of_jvp")],
)
def test_torch_func_transforms_compile_in_one_graph(name, transform) -> None:
    """``torch.compile(fullgraph=True)`` sobre una transformación de torch.func: dynamo no
    traza la pila de transformaciones que lee ``_transforms.nested_forward`` (la llama al
    trazar) ni puede cortar el grafo."""
    entry = catalog.get(name)
    x = torch.rand(3, 4, dtype=torch.float64)  # inside (0, 1): BCE's probabilities
    target = torch.rand(3, 4, dtype=torch.float64)
    v = torch.ones_like(x)

    def total(fn):
        if entry.kind == "activación":
            return lambda a, t: fn(a).sum()
        return lambda a, t: fn(a, t)

    def transformed(fn):
        if transform == "vmap":  # a row and its target at a time
            return lambda a: torch.func.vmap(total(fn))(a, target)
        f = functools.partial(total(fn), t=target)
        return lambda a: jvp_of_jvp(f, a, v)

    compiled = torch.compile(transformed(entry.fn), fullgraph=True, backend="aot_eager")
    torch.testing.assert_close(compiled(x), transformed(entry.torch_fn)(x))


@pytest.mark.parametrize("transform", ["grad", "jvp"])
@pytest.mark.parametrize("name", ["tanh", "hardswish"])
def test_compiled_torch_func_derivatives_are_the_written_ones(name, transform) -> None:
    """Compilado alrededor de ``grad`` o ``jvp``, dynamo perdería la derivada escrita de
    ``Closed`` (pytorch#193279, #192985) y derivaría la fórmula del valor: :math:`\\tanh'(0)`
    saldría 0. ``Closed`` corta ahí el grafo y da la de torch, también en los pliegues."""
    x = torch.tensor([0.0, -0.0, 3.0, -3.0, 1.5], dtype=torch.float64)

    def derivative(fn):
        if transform == "grad":
            return torch.func.grad(lambda a: fn(a).sum())
        return lambda a: torch.func.jvp(fn, (a,), (torch.ones_like(a),))[1]

    entry = catalog.get(name)
    compiled = torch.compile(derivative(entry.fn), backend="aot_eager")
    torch.testing.assert_close(compiled(x), derivative(entry.torch_fn)(x))
