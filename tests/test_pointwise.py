"""El escalón en coma flotante y el intervalo de ``_kernels`` frente a sus comparaciones."""

from __future__ import annotations

import math

import pytest
import torch

from actloss import functional as F
from actloss.functional._kernels import interval, next_float, step, step_

INF, NAN = float("inf"), float("nan")


def _special(dtype: torch.dtype) -> torch.Tensor:
    """±0, ±inf, nan, subnormales, los extremos del dtype y valores en torno a enteros."""
    info = torch.finfo(dtype)
    values = [0.0, -0.0, INF, -INF, NAN, info.tiny, -info.tiny, info.max, -info.max]
    values += [info.smallest_normal / 2**k for k in (1, 10, 20)]  # subnormals
    values += [-v for v in values[-3:]]
    values += [0.5, -0.5, 1.0, -1.0, 1.5, -1.5, 3.0, -3.0, 1e-30, -1e-30, 2.0**24 + 2, -(2.0**24)]
    x = torch.tensor(values, dtype=torch.float64).to(dtype)
    near = torch.nextafter(x, torch.zeros_like(x))  # every value's neighbour towards 0
    return torch.cat([x, near, torch.randn(200, dtype=dtype)])


def _subnormals_present(x: torch.Tensor) -> bool:
    magnitude = x.abs()
    return bool(((magnitude > 0) & (magnitude < torch.finfo(x.dtype).smallest_normal)).any())


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64], ids=str)
def test_step_is_the_comparison_z_greater_than_zero(dtype):
    z = _special(dtype)
    assert _subnormals_present(z)
    expected = (z > 0).to(dtype)
    expected[z.isnan()] = NAN
    torch.testing.assert_close(step(z), expected, rtol=0, atol=0, equal_nan=True)
    torch.testing.assert_close(step_(z.clone()), expected, rtol=0, atol=0, equal_nan=True)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64], ids=str)
@pytest.mark.parametrize(
    ("low", "high"), [(0.01, 1.0), (-0.5, 1.0), (1.0, 0.0), (1 / 6, 0.0), (2.5, 1.0), (-7.0, -2.0)]
)
def test_step_gives_exactly_its_two_values(dtype, low, high):
    z = _special(dtype)
    low_t, high_t = torch.tensor(low, dtype=dtype), torch.tensor(high, dtype=dtype)
    expected = torch.where(z > 0, high_t, low_t)
    expected[z.isnan()] = NAN
    torch.testing.assert_close(step(z, low, high), expected, rtol=0, atol=0, equal_nan=True)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64], ids=str)
@pytest.mark.parametrize(("lo", "hi"), [(-1.0, 1.0), (0.0, 6.0), (-3.0, 3.0), (-2.0, 0.5)])
def test_interval_is_the_pair_of_comparisons(dtype, lo, hi):
    z = torch.cat([_special(dtype), torch.tensor([lo, hi], dtype=dtype)])
    z = torch.cat([z, torch.nextafter(z, torch.full_like(z, INF))])
    for open_, inside in ((True, (z > lo) & (z < hi)), (False, (z >= lo) & (z <= hi))):
        expected = torch.where(inside, 2.0, -0.25).to(dtype)
        expected[z.isnan()] = NAN
        ours = interval(z, lo, hi, 2.0, -0.25, open=open_)
        torch.testing.assert_close(ours, expected, rtol=0, atol=0, equal_nan=True)


def test_an_empty_open_interval_has_nothing_inside():
    z = torch.tensor([-INF, 0.0, 1.0, 2.0, INF, NAN])
    expected = torch.tensor([0.0, 0.0, 0.0, 0.0, 0.0, NAN])
    torch.testing.assert_close(interval(z, 1.0, 1.0, 1.0, 0.0, open=True), expected, equal_nan=True)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64], ids=str)
def test_next_float_agrees_with_torch_nextafter(dtype):
    values = [0.0, -0.0, 1.0, -1.0, 3.0, -3.0, 0.1, 1e-45, 2.0**-126, 1e300, INF, -INF, 6.0]
    for value in values:
        for toward in (INF, -INF, 0.0, 1.0):
            start = torch.tensor(value, dtype=dtype)
            expected = torch.nextafter(start, torch.tensor(toward, dtype=dtype)).item()
            assert next_float(value, toward, dtype) == expected, (value, toward)


@pytest.mark.parametrize(
    ("inside", "outside", "nan"), [(1.0, 0.0, 1.0), (1 / 6, 0.0, 0.0), (0.0, 1.0, 1.0)]
)
def test_interval_gives_its_nan_value(inside, outside, nan):
    z = _special(torch.float32)
    expected = torch.where((z > -1) & (z < 1), inside, outside).to(z.dtype)
    expected[z.isnan()] = nan
    ours = interval(z, -1.0, 1.0, inside, outside, open=True, nan=nan)
    torch.testing.assert_close(ours, expected, rtol=0, atol=0)


@pytest.mark.parametrize(
    "name",
    [
        "relu",
        "leaky_relu",
        "hardtanh",
        "relu6",
        "hardsigmoid",
        "hardswish",
        "hardshrink",
        "softshrink",
    ],
)
def test_traced_nan_handling_matches_eager(name):
    """Al trazar, ``nan`` se reemplaza con fmin/fmax en vez de nan_to_num: el mismo gradiente.

    Los valores especiales incluyen ±0, ±inf, nan, los pliegues y sus vecinos.
    """
    fn = getattr(F, name)
    x = _special(torch.float32)
    grads = []
    for f in (fn, torch.compile(fn, backend="aot_eager", fullgraph=True)):
        leaf = x.clone().requires_grad_()
        grads.append(torch.autograd.grad(f(leaf).sum(), leaf)[0])
    torch.testing.assert_close(grads[1], grads[0], rtol=0, atol=0, equal_nan=True)


@pytest.mark.parametrize("slope", [math.inf, -math.inf, math.nan, 0.25], ids=str)
def test_prelu_with_a_non_finite_slope_matches_torch(slope):
    # The mask-free sum max(x, 0) + a min(x, 0) would give 0 * inf = nan where x > 0.
    x = torch.tensor([-2.0, 0.0, 3.0, math.nan, math.inf, -math.inf], dtype=torch.float64)
    weight = torch.tensor([slope], dtype=torch.float64)
    ours, theirs = x.clone().requires_grad_(), x.clone().requires_grad_()
    grad = torch.linspace(0.5, 1.5, x.numel(), dtype=torch.float64)
    F.prelu(ours, weight).backward(grad)
    expected = torch.nn.functional.prelu(theirs, weight)
    expected.backward(grad)
    torch.testing.assert_close(F.prelu(x, weight), expected.detach(), equal_nan=True)
    torch.testing.assert_close(ours.grad, theirs.grad, equal_nan=True)


def test_a_rule_kept_for_its_arguments_tells_minus_zero_from_zero():
    """Cada juego de argumentos tiene una sola regla (``_pointwise.cached``); ``-0.0`` y
    ``0.0`` son juegos distintos, porque el signo del cero llega a la salida, como en torch."""
    x = torch.tensor([-2.0, -0.5, 1.0])
    for slope in (0.0, -0.0, 0.0, -0.0):
        ours = F.leaky_relu(x, slope)
        theirs = torch.nn.functional.leaky_relu(x, slope)
        assert torch.equal(torch.signbit(ours), torch.signbit(theirs)), slope
