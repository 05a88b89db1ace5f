"""La definición (:mod:`actloss.reference`) frente a torch y frente a la implementación
rápida (:mod:`actloss.functional`): valores, gradientes y derivadas escritas, en float64
sobre las entradas del catálogo."""

from __future__ import annotations

import ast
import importlib
import inspect
import warnings
from collections.abc import Callable, Mapping
from typing import Any

import pytest
import torch

from actloss import catalog, functional, reference
from actloss.catalog import ActivationProperties, Entry
from helpers import pytest_param, run, variant_id

D = torch.float64
# Two shapes: a batch of rows, and a 3-d input (K-dim classification, batched CTC...).
SHAPES = {"matriz": (4, 5), "lote": (3, 2, 4)}
# The two tiers and torch write the same formulas differently (expm1 against tanh,
# logsumexp against a max shift...): in float64 they agree to a few ulps, far below these.
TOLERANCE = {"rtol": 1e-12, "atol": 1e-14}
# torch's hardsigmoid backward multiplies by 1/6 rounded to float32 (ATen's `1.0f / 6.0f`),
# also in float64: 3e-8 relative. The definition divides by 6.
TORCH_QUIRKS = {"hardsigmoid": {"rtol": 4e-8, "atol": 1e-14}}

# The linear layer of linear_cross_entropy lives in its module: the test builds one.
WEIGHT_OF_LAYER = torch.linspace(-1, 1, 3 * 4, dtype=D).reshape(3, 4)


class FromInputs:
    """Un argumento construido a partir de los tensores de la llamada, con un nombre legible
    (que da el identificador de la prueba)."""

    def __init__(self, label: str, build: Callable[[tuple[torch.Tensor, ...]], Any]) -> None:
        self.label, self.build = label, build

    def __repr__(self) -> str:
        return self.label


CLASS_WEIGHTS = FromInputs("pesos", lambda t: torch.linspace(0.5, 2.0, t[0].shape[1], dtype=D))
LAST_WEIGHTS = FromInputs("pesos", lambda t: torch.linspace(0.5, 2.0, t[0].shape[-1], dtype=D))
POSITIVE = FromInputs("pesos", lambda t: t[1].detach().abs() + 0.5)
MANHATTAN = FromInputs("manhattan", lambda t: lambda u, v: (u - v).abs().sum(-1))

# Arguments the catalog's variants leave at their default.
EXTRA: dict[str, list[dict[str, Any]]] = {
    "nll_loss": [{"weight": CLASS_WEIGHTS, "ignore_index": 1}],
    "cross_entropy": [
        {"weight": CLASS_WEIGHTS, "ignore_index": 1, "label_smoothing": 0.2},
        {"weight": CLASS_WEIGHTS, "reduction": "sum", "label_smoothing": 0.1},
    ],
    "l1_loss": [{"weight": POSITIVE}],
    "mse_loss": [{"weight": POSITIVE, "reduction": "sum"}],
    "huber_loss": [{"weight": POSITIVE, "delta": 0.5}],
    "binary_cross_entropy": [{"weight": POSITIVE, "size_average": False}],
    "binary_cross_entropy_with_logits": [{"weight": POSITIVE, "reduce": False}],
    "multi_margin_loss": [{"weight": LAST_WEIGHTS, "p": 2, "margin": 0.5}],
    "multilabel_soft_margin_loss": [{"weight": LAST_WEIGHTS}],
    "triplet_margin_with_distance_loss": [{"distance_function": MANHATTAN, "swap": True}],
    "linear_cross_entropy": [{"label_smoothing": 0.1, "reduction": "sum"}],
    "softmax": [{"dim": 0, "dtype": D}],
    "ctc_loss": [{"reduction": "none", "zero_infinity": True}],
}

# Functions of actloss.functional that the catalog describes (linear_cross_entropy is a
# module in the catalog, and also a function).
FUNCTIONS = [e for e in catalog.CATALOG.values() if e.name in functional.__all__]
CALLS = [
    pytest_param(entry, variant, id=f"{entry.name}[{variant_id(variant)}]")
    for entry in FUNCTIONS
    for variant in (*entry.variants, *EXTRA.get(entry.name, []))
]


def _inputs(entry: Entry, shape: tuple[int, ...]) -> tuple[torch.Tensor, ...]:
    """Los tensores de la llamada; con ``reparametrize`` (CTC), el primero es su argumento
    libre, de modo que el gradiente se compara a través de ``log_softmax``."""
    generator = torch.Generator().manual_seed(sum(shape))
    x = torch.randn(shape, generator=generator, dtype=D)
    inputs = entry.make_inputs(x)
    if entry.quirks.reparametrize is not None:
        inputs = (x, *inputs[1:])
    if entry.name == "linear_cross_entropy":
        features, labels = inputs
        return (features, WEIGHT_OF_LAYER, labels)
    return inputs + entry.make_params(x)


def _bound(entry: Entry, fn: Callable[..., torch.Tensor], variant: Mapping[str, Any]) -> Any:
    """``fn`` con la variante; los argumentos que son funciones se construyen con las
    entradas de la llamada."""

    def call(*tensors: torch.Tensor) -> torch.Tensor:
        kwargs = {
            k: v.build(tensors) if isinstance(v, FromInputs) else v for k, v in variant.items()
        }
        first = (
            tensors[0]
            if entry.quirks.reparametrize is None
            else entry.quirks.reparametrize(tensors[0])
        )
        return fn(first, *tensors[1:], **{**entry.quirks.required_kwargs, **kwargs})

    return call


def _results(entry: Entry, variant: Mapping[str, Any], fn: Callable, tensors: tuple) -> Any:
    """Valor y gradientes de ``fn``; ``None`` si rechaza la forma de la entrada."""
    with warnings.catch_warnings():
        # torch and actloss.functional warn about deprecated uses (an implicit softmax dim,
        # size_average and reduce, kl_div's 'mean'): their own tests check those warnings.
        warnings.simplefilter("ignore", UserWarning)
        try:
            return run(_bound(entry, fn, variant), tensors, variant={})
        except (RuntimeError, ValueError, IndexError):
            return None


def _assert_same(found: Any, expected: Any, tolerance: Mapping[str, float], where: str) -> None:
    (value, grads), (expected_value, expected_grads) = found, expected
    torch.testing.assert_close(value, expected_value, **tolerance, msg=lambda m: f"{where}: {m}")
    for mine, ref in zip(grads, expected_grads, strict=True):
        if ref is None or mine is None:  # a tensor the formula does not differentiate
            assert mine is None or not mine.any(), where
        else:
            torch.testing.assert_close(mine, ref, **tolerance, msg=lambda m: f"{where}: {m}")


@pytest.mark.parametrize(("entry", "variant"), CALLS)
def test_definition_matches_torch_and_the_fast_tier(entry, variant):
    """(a) ``reference`` da los valores y gradientes de torch y (b) ``functional`` da los
    de ``reference``, en cada forma de entrada que torch acepta (la definición no
    comprueba las formas; ``functional`` rechaza las mismas que torch)."""
    torch_fn = entry.quirks.torch_reference or _torch_function(entry)
    compared = []
    for shape_name, shape in SHAPES.items():
        tensors = _inputs(entry, shape)
        theirs = _results(entry, variant, torch_fn, tensors)
        fast = _results(entry, variant, getattr(functional, entry.name), tensors)
        assert (theirs is None) == (fast is None), f"{shape_name}: torch y functional"
        if theirs is None:  # a shape torch refuses
            continue
        definition = run(_bound(entry, getattr(reference, entry.name), variant), tensors, {})
        where = f"forma {shape_name}"
        quirks = TORCH_QUIRKS.get(entry.name, TOLERANCE)
        _assert_same(definition, theirs, quirks, f"reference frente a torch, {where}")
        _assert_same(fast, definition, TOLERANCE, f"functional frente a reference, {where}")
        compared.append(shape_name)
    assert compared, "ninguna forma de entrada se ha comparado"


def _torch_function(entry: Entry) -> Callable[..., torch.Tensor]:
    path = (entry.quirks.torch_name or f"torch.nn.functional.{entry.name}").split(".")[1:]
    obj: Any = torch
    for part in path:
        obj = getattr(obj, part)
    return obj  # type: ignore[no-any-return]


# --- the written derivatives -------------------------------------------------------------

ACTIVATIONS = [e for e in FUNCTIONS if e.kind == "activación"]


def _chain_rule(entry, variant, tensors, derivative, grad_out):
    """:math:`g^\\top J` con la derivada escrita, según la forma en que se da."""
    props = entry.properties
    if isinstance(props, ActivationProperties):  # element-wise: one partial per tensor
        partials = derivative if isinstance(derivative, tuple) else (derivative,)
        return [(grad_out * p).sum_to_size(t.shape) for t, p in zip(tensors, partials, strict=True)]
    dim = variant.get("dim", props.dim)  # the implicit dim of a 2-d input is the last one
    if props.halves:  # GLU: the two non-zero halves of a block-diagonal Jacobian
        return [torch.cat([grad_out, grad_out], dim) * derivative]
    g = grad_out.movedim(dim, -1).unsqueeze(-2)  # the full Jacobian, dim moved last
    return [(g @ derivative).squeeze(-2).movedim(-1, dim)]


@pytest.mark.parametrize(
    ("entry", "variant"),
    [pytest_param(e, v, id=f"{e.name}[{variant_id(v)}]") for e in ACTIVATIONS for v in e.variants],
)
def test_written_derivative_matches_autograd_of_functional(entry, variant):
    tensors = _inputs(entry, SHAPES["matriz"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # an implicit softmax dim is deprecated
        out, grads = run(_bound(entry, getattr(functional, entry.name), variant), tensors, {})
    grad_out = torch.randn(out.shape, generator=torch.Generator().manual_seed(0), dtype=D)
    derivative = getattr(reference, f"{entry.name}_derivative")(
        *tensors, **{**entry.quirks.required_kwargs, **variant}
    )
    for found, expected in zip(
        grads, _chain_rule(entry, variant, tensors, derivative, grad_out), strict=True
    ):
        torch.testing.assert_close(found, expected, **TOLERANCE)


# --- coverage, signatures and first principles ------------------------------------------

DERIVATIVE = "_derivative"


def _parameters(fn: Callable[..., Any], drop: tuple[str, ...] = ()) -> list[tuple[Any, ...]]:
    params = inspect.signature(fn).parameters.values()
    return [(p.name, p.kind, p.default) for p in params if p.name not in drop]


def test_reference_covers_functional_with_the_same_signatures():
    """Una definición por función pública de ``functional``, con su firma, y una por capa
    del catálogo que no tiene función (la softmax adaptativa); nada más."""
    mine = {
        name
        for name in reference.__all__
        if getattr(reference, name).__module__.startswith("actloss.reference._")
        and not name.endswith(DERIVATIVE)
    }
    layers = {e.name for e in catalog.CATALOG.values() if e.module_only}
    assert mine == set(functional.__all__) | layers
    different = [
        name
        for name in functional.__all__
        if _parameters(getattr(reference, name)) != _parameters(getattr(functional, name))
    ]
    assert different == []


def test_each_activation_has_its_derivative_with_the_same_arguments():
    """``<nombre>_derivative`` existe para cada activación y solo para ellas, con los
    argumentos de la función salvo ``inplace``."""
    derivatives = {n.removesuffix(DERIVATIVE) for n in reference.__all__ if n.endswith(DERIVATIVE)}
    assert derivatives == {e.name for e in ACTIVATIONS}
    for name in derivatives:
        written = _parameters(getattr(reference, name + DERIVATIVE))
        function = _parameters(getattr(reference, name), drop=("inplace", "training"))
        assert written == [p for p in function if not p[0].startswith("_") and p[0] != "dtype"]


@pytest.mark.parametrize("name", [n for n in functional.__all__ if n.endswith("_")])
def test_in_place_variant_gives_the_value_it_writes(name):
    """``reference.<nombre>_`` devuelve lo que ``functional.<nombre>_`` escribe, sin tocar
    la entrada."""
    entry = catalog.get(name.removesuffix("_"))
    (x,) = _inputs(entry, SHAPES["matriz"])[:1]
    kwargs = dict(entry.quirks.required_kwargs)
    written = getattr(functional, name)(x.clone(), **kwargs)
    before = x.clone()
    torch.testing.assert_close(getattr(reference, name)(x, **kwargs), written, **TOLERANCE)
    assert torch.equal(x, before)


FAMILIES = sorted(
    {getattr(reference, n).__module__ for n in reference.__all__}
    - {"actloss.reference.energy"}  # the energy losses have no torch counterpart
)
COUNTERPARTS = {n.removesuffix("_") for n in functional.__all__}


@pytest.mark.parametrize("module", FAMILIES)
def test_reference_calls_no_torch_counterpart_and_nothing_in_place(module):
    """Ninguna llamada ``algo.<función>(...)`` con el nombre de una función de
    ``functional`` (``torch.sigmoid``, ``x.softmax``, ``F.relu``...) ni en el sitio
    (``x.mul_(...)``) en todo el módulo, docstrings aparte."""
    tree = ast.parse(inspect.getsource(importlib.import_module(module)))
    called = [
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    ]
    assert [name for name in called if name.removesuffix("_") in COUNTERPARTS] == []
    assert [name for name in called if name.endswith("_") and not name.startswith("_")] == []


def test_adaptive_softmax_definition_matches_torchs_layer():
    """La definición de la capa sin función, con los pesos de la capa de torch: su salida,
    su pérdida y los gradientes respecto a la entrada y a cada peso, en float64."""
    torch.manual_seed(0)
    theirs = torch.nn.AdaptiveLogSoftmaxWithLoss(6, 10, cutoffs=[3, 7], div_value=2.0).double()
    x = torch.randn(8, 6, dtype=torch.float64, requires_grad=True)
    y = torch.tensor([0, 2, 3, 6, 7, 9, 1, 8])  # every cluster, and the shortlist
    expected = theirs(x, y)
    ours = reference.adaptive_log_softmax_with_loss(x, y, theirs.head, theirs.tail, theirs.cutoffs)
    torch.testing.assert_close(ours[0], expected.output)
    torch.testing.assert_close(ours[1], expected.loss)
    leaves = [x, *theirs.parameters()]
    torch.testing.assert_close(
        torch.autograd.grad(ours[1], leaves), torch.autograd.grad(expected.loss, leaves)
    )


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16, torch.float32], ids=str)
def test_reference_tanh_does_not_overflow_in_low_precision(dtype):
    """La definición de tanh solo exponencia :math:`-2|x|`: en float16, :math:`e^{2x}` desborda
    ya en :math:`x \\approx 5.5` y el cociente daría ``nan``."""
    x = torch.tensor([-1e4, -10.0, -5.6, 0.0, 5.6, 10.0, 1e4], dtype=dtype)
    torch.testing.assert_close(reference.tanh(x), torch.tanh(x))
