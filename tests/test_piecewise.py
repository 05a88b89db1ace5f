"""Lineales a trozos y *shrink*: pliegues, precisión reducida, errores y variantes en el sitio."""

from __future__ import annotations

import math

import pytest
import torch

from actloss import functional as F
from actloss import nn
from helpers import is_spanish_error

TF = torch.nn.functional

# (function name, keyword arguments, the inputs where the function has a kink)
KINKS = [
    ("threshold", {"threshold": 0.5, "value": -1.0}, [0.5]),
    ("hardtanh", {}, [-1.0, 1.0]),
    ("hardtanh", {"min_val": -2.0, "max_val": 0.5}, [-2.0, 0.5]),
    ("relu6", {}, [0.0, 6.0]),
    ("hardsigmoid", {}, [-3.0, 3.0]),
    ("hardswish", {}, [-3.0, 3.0]),
    ("hardshrink", {}, [-0.5, 0.5]),
    ("hardshrink", {"lambd": 1.5}, [-1.5, 1.5]),
    ("softshrink", {}, [-0.5, 0.5]),
    ("softshrink", {"lambd": 0.0}, [0.0]),
]


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64], ids=str)
@pytest.mark.parametrize(("name", "kwargs", "kinks"), KINKS, ids=lambda v: str(v))
def test_derivative_at_kinks_follows_torch(name, kwargs, kinks, dtype):
    for kink in kinks:
        grads = []
        for fn in (getattr(F, name), getattr(TF, name)):
            x = torch.tensor([kink], dtype=dtype, requires_grad=True)
            (grad,) = torch.autograd.grad(fn(x, **kwargs).sum(), x)
            grads.append(grad)
        torch.testing.assert_close(grads[0], grads[1], rtol=0, atol=0)


@pytest.mark.parametrize("name", ["hardtanh", "relu6", "hardswish", "hardshrink", "softshrink"])
def test_gradient_at_nan_follows_torch_scalar_kernel(name):
    """Un solo elemento toma la ruta escalar de torch: el gradiente pasa en nan."""
    grads = []
    for fn in (getattr(F, name), getattr(TF, name)):
        x = torch.tensor([float("nan")], dtype=torch.float64, requires_grad=True)
        (grad,) = torch.autograd.grad(fn(x).sum(), x)
        grads.append(grad)
    torch.testing.assert_close(grads[0], grads[1])
    assert grads[0].item() == 1.0


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16], ids=str)
@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("threshold", {"threshold": 0.1, "value": 20.0}),
        ("hardtanh", {}),
        ("relu6", {}),
        ("hardsigmoid", {}),
        ("hardswish", {}),
        ("hardshrink", {}),
        ("softshrink", {}),
        ("tanhshrink", {}),
    ],
)
def test_half_precision_forward_matches_torch(name, kwargs, dtype):
    x = (torch.linspace(-8, 8, 161, dtype=torch.float64)).to(dtype)
    ours, theirs = getattr(F, name)(x, **kwargs), getattr(TF, name)(x, **kwargs)
    assert ours.dtype == theirs.dtype == dtype
    torch.testing.assert_close(ours, theirs)


def test_threshold_on_integers_casts_its_scalars_like_torch():
    x = torch.arange(-3, 4)
    for threshold, value in ((-0.5, 2.7), (1.0, -4.0), (0.5, 0.0)):
        ours, theirs = F.threshold(x, threshold, value), TF.threshold(x, threshold, value)
        assert ours.dtype == theirs.dtype == torch.int64
        torch.testing.assert_close(ours, theirs)


@pytest.mark.parametrize(
    ("ours", "theirs", "args"),
    [
        (F.threshold_, TF.threshold_, (0.2, -2.0)),
        (F.hardtanh_, TF.hardtanh_, (-0.5, 0.75)),
    ],
    ids=["threshold_", "hardtanh_"],
)
def test_in_place_variants_write_into_input(ours, theirs, args):
    x = torch.randn(4, 5, dtype=torch.float64)
    a, b = x.clone(), x.clone()
    out = ours(a, *args)
    assert out.data_ptr() == a.data_ptr()
    theirs(b, *args)
    torch.testing.assert_close(a, b)


def test_softshrink_rejects_negative_lambda_like_torch():
    x = torch.randn(3)
    with pytest.raises(RuntimeError):
        TF.softshrink(x, -0.5)
    with pytest.raises(RuntimeError) as ours:
        F.softshrink(x, -0.5)
    assert is_spanish_error(str(ours.value), "lambd")


def test_hardtanh_rejects_min_above_max_like_torch():
    x = torch.randn(3)
    with pytest.raises(ValueError):
        TF.hardtanh(x, 2.0, 1.0)
    with pytest.raises(ValueError) as ours:
        F.hardtanh(x, 2.0, 1.0)
    assert is_spanish_error(str(ours.value), "min_val")
    with pytest.raises(AssertionError):
        torch.nn.Hardtanh(1.0, 1.0)
    with pytest.raises(AssertionError) as module_error:
        nn.Hardtanh(1.0, 1.0)
    assert is_spanish_error(str(module_error.value), "max_val")


def test_hardtanh_deprecated_argument_names_warn_like_torch():
    with pytest.warns(FutureWarning):
        theirs = torch.nn.Hardtanh(min_value=-2.0, max_value=3.0)
    # One warning for each old name, as torch.
    with (
        pytest.warns(FutureWarning, match="`max_value`") as record,
        pytest.warns(FutureWarning, match="`min_value`"),
    ):
        ours = nn.Hardtanh(min_value=-2.0, max_value=3.0)
    assert {w.filename for w in record} == {__file__}  # the reader's line, as torch's
    assert repr(ours) == repr(theirs)
    x = torch.linspace(-5, 5, 11)
    torch.testing.assert_close(ours(x), theirs(x))


@pytest.mark.parametrize(
    "module",
    [
        lambda m: m.Threshold(0.1, 20.0, inplace=True),
        lambda m: m.Hardtanh(inplace=True),
        lambda m: m.ReLU6(inplace=True),
        lambda m: m.Hardsigmoid(inplace=True),
        lambda m: m.Hardswish(inplace=True),
        lambda m: m.Hardshrink(1.5),
        lambda m: m.Softshrink(0.25),
    ],
)
def test_module_arguments_and_repr_match_torch(module):
    ours, theirs = module(nn), module(torch.nn)
    assert repr(ours) == repr(theirs)
    x = torch.randn(3, 4)
    torch.testing.assert_close(ours(x.clone()), theirs(x.clone()))


def test_tanhshrink_derivative_is_tanh_squared_where_autograd_of_formula_agrees():
    x = torch.linspace(-6, 6, 121, dtype=torch.float64, requires_grad=True)
    (written,) = torch.autograd.grad(F.tanhshrink(x).sum(), x)
    (formula,) = torch.autograd.grad((x - torch.tanh(x)).sum(), x)
    torch.testing.assert_close(written, formula)
    torch.testing.assert_close(written, torch.tanh(x.detach()) ** 2)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("hardtanh", (math.nan, 1.0)),
        ("hardtanh", (-1.0, math.nan)),
        ("hardtanh", (math.nan, math.nan)),
        ("hardshrink", (math.nan,)),
    ],
    ids=str,
)
def test_nan_bound_gives_torchs_value_and_zero_gradient(name, args):
    """Un extremo ``nan``: el valor es el de torch y el gradiente, 0 en todas partes."""
    x = torch.tensor([-math.inf, -2.0, -0.5, 0.0, 0.5, 2.0, math.inf, math.nan])
    results = []
    for fn in (getattr(F, name), getattr(TF, name)):
        leaf = x.double().requires_grad_()
        y = fn(leaf, *args)
        results.append((y.detach(), torch.autograd.grad(y.sum(), leaf)[0]))
    (ours, our_grad), (theirs, their_grad) = results
    torch.testing.assert_close(ours, theirs, equal_nan=True)
    torch.testing.assert_close(our_grad, their_grad)
    assert not our_grad.any()


@pytest.mark.parametrize(
    ("name", "bounds"),
    [
        ("hardtanh", (torch.tensor(-1), torch.tensor(1))),
        ("threshold", (torch.tensor(0), torch.tensor(7))),
    ],
)
def test_tensor_bounds_on_integers_match_torch(name, bounds):
    """Con enteros, los extremos dados como tensores de 0 dimensiones se leen por su valor,
    como en torch, y sin el aviso (en inglés) de copiar un tensor con ``new_tensor``: en
    estas pruebas un aviso es un error."""
    x = torch.arange(-3, 4)
    ours, theirs = getattr(F, name)(x, *bounds), getattr(TF, name)(x, *bounds)
    assert ours.dtype == theirs.dtype == torch.int64
    torch.testing.assert_close(ours, theirs)
