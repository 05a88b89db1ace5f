"""Argumentos propios de una sola función, que la parametrización del catálogo no cubre."""

from __future__ import annotations

import platform
import warnings

import numpy as np
import pytest
import torch

from actloss import catalog, nn
from actloss import functional as F
from helpers import CASES, LOSSES, arguments, is_spanish_error


def test_prelu_one_slope_per_channel_matches_torch_and_learns():
    x = torch.randn(4, 3, 5, dtype=torch.float64)
    ours, theirs = nn.PReLU(3).double(), torch.nn.PReLU(3).double()
    with torch.no_grad():
        for layer in (ours, theirs):
            layer.weight.copy_(torch.tensor([0.1, 0.2, 0.3]))
    torch.testing.assert_close(ours(x), theirs(x))
    (g_ours,) = torch.autograd.grad(ours(x).square().sum(), ours.weight)
    (g_theirs,) = torch.autograd.grad(theirs(x).square().sum(), theirs.weight)
    torch.testing.assert_close(g_ours, g_theirs)
    assert g_ours.abs().min() > 0  # every channel's slope receives a gradient
    weight = torch.tensor([0.1, 0.2, 0.3], dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(F.prelu, (x.requires_grad_(), weight))


def test_rrelu_training_draws_slopes_in_range_and_differentiates_through_them():
    torch.manual_seed(0)
    x = -torch.rand(100_000, dtype=torch.float64) - 0.1
    leaf = x.clone().requires_grad_()
    y = F.rrelu(leaf, lower=0.1, upper=0.3, training=True)
    slopes = (y / x).detach()
    assert slopes.min() >= 0.1 and slopes.max() <= 0.3
    # Uniform on [0.1, 0.3]: mean 0.2 and standard deviation 0.2 / sqrt(12).
    assert abs(slopes.mean() - 0.2) < 1e-3
    assert abs(slopes.std() - 0.2 / 12**0.5) < 1e-3
    (grad,) = torch.autograd.grad(y.sum(), leaf)
    torch.testing.assert_close(grad, slopes)
    positive = torch.rand(10, dtype=torch.float64) + 0.1
    torch.testing.assert_close(F.rrelu(positive, training=True), positive)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64, torch.bfloat16])
@pytest.mark.parametrize(("lower", "upper"), [(1 / 8, 1 / 3), (0.1, 0.9), (0.2, 0.2), (-2.0, 5.0)])
@pytest.mark.parametrize("call", ["rrelu", "rrelu_", "RReLU", "generator"])
def test_rrelu_training_draws_torchs_slopes_from_the_same_seed(dtype, lower, upper, call):
    """En la CPU, con la misma semilla, las pendientes sorteadas son las de torch: valores y
    gradientes iguales bit a bit, y el generador queda en el mismo estado. Exacto y no con
    tolerancia porque cada pendiente sale de un entero, un producto y una suma en double,
    redondeados igual en cualquier CPU x86-64 (sin FMA en ese bucle de torch); no interviene
    ni ``exp`` ni ``log``. En otra arquitectura, a una unidad de la última cifra."""
    x = torch.randn(7, 9, dtype=torch.float64).t().to(dtype)  # not contiguous
    x[::3, 1] = float("nan")  # nan is not <= 0: torch draws nothing there
    x[0, :2] = torch.tensor([0.0, -0.0])

    def run(library):
        functional = torch.nn.functional if library is torch else F
        module = torch.nn if library is torch else nn
        generator = torch.Generator().manual_seed(11)
        torch.manual_seed(11)
        leaf = x.clone().requires_grad_()
        if call == "rrelu":
            y = functional.rrelu(leaf, lower, upper, training=True)
        elif call == "RReLU":
            y = module.RReLU(lower, upper)(leaf)
        else:
            y = functional.rrelu_(
                leaf.clone(), lower, upper, True, generator if call == "generator" else None
            )
        (grad,) = torch.autograd.grad(y, leaf, torch.linspace(-1, 1, y.numel()).reshape(y.shape))
        after = generator if call == "generator" else torch.default_generator
        return y.detach(), grad, torch.rand(3, generator=after)

    exact = platform.machine().lower() in ("x86_64", "amd64")
    tolerance = 0 if exact else torch.finfo(dtype).eps
    for ours, theirs in zip(run(F), run(torch), strict=True):
        torch.testing.assert_close(ours, theirs, rtol=tolerance, atol=0, equal_nan=True)


def test_rrelu_module_samples_only_in_training():
    layer, x = nn.RReLU(), -torch.ones(1000)
    assert layer(x).unique().numel() > 1
    assert layer.eval()(x).unique().numel() == 1


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
def test_l1_weight_matches_torch(reduction):
    x, y = torch.randn(2, 4, dtype=torch.float64)
    w = torch.rand(4, dtype=torch.float64) + 0.5
    for t in (x, w):
        t.requires_grad_()
    ours = F.l1_loss(x, y, reduction=reduction, weight=w)
    theirs = torch.nn.functional.l1_loss(x, y, reduction=reduction, weight=w)
    torch.testing.assert_close(ours, theirs)
    assert torch.autograd.gradcheck(
        lambda a, b: F.l1_loss(a, y, reduction=reduction, weight=b), (x, w)
    )


@pytest.mark.parametrize(("size_average", "reduce"), [(True, None), (False, True), (None, False)])
def test_l1_legacy_arguments_map_like_torch(size_average, reduce):
    x, y = torch.randn(2, 5)
    with pytest.warns(UserWarning):
        ours = F.l1_loss(x, y, size_average=size_average, reduce=reduce)
    with pytest.warns(UserWarning):
        theirs = torch.nn.functional.l1_loss(x, y, size_average=size_average, reduce=reduce)
    torch.testing.assert_close(ours, theirs)


def _compiled(fn):
    """``fn`` compilada en un solo grafo, trazada de nuevo: el aviso se da al trazar, como
    los de las pérdidas compiladas de torch."""
    torch._dynamo.reset()
    return torch.compile(fn, fullgraph=True, backend="aot_eager")


_x, _y = torch.randn(4, 3), torch.randn(4, 3)
_logits, _classes = torch.randn(4, 3), torch.tensor([0, 2, 1, 0])


@pytest.mark.parametrize(
    "call",
    [
        lambda: F.l1_loss(_x, _y, size_average=False),
        lambda: F.cross_entropy(_logits, _classes, reduce=False),
        lambda: F.mse_loss(_x, _y[:1]),  # broadcast
        lambda: F.kl_div(_x.log_softmax(1), _y.softmax(1)),  # 'mean' is not the mean
        lambda: nn.L1Loss(size_average=False),
        lambda: nn.MSELoss()(_x, _y[:1]),
        lambda: nn.CrossEntropyLoss(reduce=False)(_logits, _classes),
        lambda: _compiled(F.kl_div)(_x.log_softmax(1), _y.softmax(1)),
    ],
    ids=[
        "funcion",
        "funcion-que-llama-a-otra",
        "difusion",
        "kl_div",
        "modulo",
        "forward",
        "cross",
        "compilada",
    ],
)
def test_warnings_point_at_the_readers_line(call):
    """El aviso señala la línea del lector, pase por donde pase dentro de actloss."""
    with pytest.warns(UserWarning) as record:
        call()
    assert [w.filename for w in record] == [__file__] * len(record)


@pytest.mark.parametrize("entry", LOSSES, ids=lambda e: e.name)
def test_elementwise_mean_is_read_as_torch_reads_it(entry):
    """``'elementwise_mean'``, el nombre antiguo de ``'mean'``: vale ``'mean'``, con un aviso,
    donde torch pasa ``reduction`` por ``_Reduction.get_enum``, y se rechaza con la misma
    clase de error donde torch la comprueba a mano (Poisson, gaussiana...)."""
    inputs, params = arguments(entry, CASES["matriz"](torch.float64))

    def call(fn):
        return fn(*inputs, *params, reduction="elementwise_mean")

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expected = call(entry.torch_fn)
    except Exception as error:
        with pytest.raises(type(error)):
            call(entry.fn)
        return
    with pytest.warns(UserWarning, match="elementwise_mean") as caught:
        got = call(entry.fn)
    assert len(caught) == 1
    torch.testing.assert_close(got, expected)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # kl_div's own warning about 'mean'
        torch.testing.assert_close(got, entry.fn(*inputs, *params, reduction="mean"))


# The activations whose numeric arguments are torch Scalars (prelu's is a tensor, the
# softmax family's "temperatura" is the figure's, and rrelu draws at random in training).
_SCALAR_ARGUMENTS = [
    e for e in catalog.activations() if e.name in {
        "leaky_relu", "softplus", "elu", "celu", "threshold", "hardtanh", "hardshrink",
        "softshrink", "rrelu",
    }
]  # fmt: skip


@pytest.mark.parametrize(
    "half", [np.float16, lambda v: torch.tensor(v, dtype=torch.float16)], ids=["numpy", "tensor"]
)
@pytest.mark.parametrize("entry", _SCALAR_ARGUMENTS, ids=lambda e: e.name)
def test_half_precision_scalars_are_read_as_python_numbers(entry, half):
    """Un ``numpy.float16`` o un tensor float16 de 0 dimensiones como argumento vale lo que su
    número de Python, como en torch: en actloss las cuentas de la regla (``1 / alpha``, los
    extremos del intervalo de hardtanh) se hacían en media precisión, y el gradiente de
    hardtanh salía 0."""
    numbers = {p.name: half(p.low + 0.3 * (p.high - p.low)) for p in entry.parameters}
    x = torch.linspace(-3, 3, 13, dtype=torch.float64, requires_grad=True)
    results = []
    for fn in (entry.fn, entry.torch_fn):
        y = fn(x, **numbers)
        results.append((y, *torch.autograd.grad(y.sum(), x)))
    for ours, theirs in zip(*results, strict=True):
        torch.testing.assert_close(ours, theirs)


@pytest.mark.parametrize("name", ["l1_loss", "mse_loss", "huber_loss"])
def test_elementwise_mean_is_refused_with_weight_as_in_torch(name):
    """Con ``weight``, torch calcula en Python y comprueba ``reduction`` a mano."""
    x, weight = torch.randn(2, 3), torch.rand(2, 3)
    with pytest.raises(ValueError):
        getattr(torch.nn.functional, name)(x, x, reduction="elementwise_mean", weight=weight)
    with pytest.raises(ValueError) as error:
        getattr(F, name)(x, x, reduction="elementwise_mean", weight=weight)
    assert is_spanish_error(str(error.value), "reduction")


def test_triplet_with_distance_keeps_the_gradient_of_a_tensor_margin():
    """torch escribe ``triplet_margin_with_distance_loss`` en Python: un margen tensor recibe
    gradiente (en ``triplet_margin_loss``, de C++, es un número)."""
    a, p, n = (torch.randn(4, 3, generator=torch.Generator().manual_seed(s)) for s in (1, 2, 3))
    grads = []
    for library in (F, torch.nn.functional):
        margin = torch.tensor(1.0, requires_grad=True)
        loss = library.triplet_margin_with_distance_loss(a, p, n, margin=margin)
        grads.append(torch.autograd.grad(loss, margin)[0])
    torch.testing.assert_close(*grads)
    assert grads[0] > 0
