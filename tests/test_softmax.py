"""Softmax, softmin, log_softmax, Softmax2d y GLU: estabilidad, ``dim``, ``dtype`` y errores."""

from __future__ import annotations

import warnings

import pytest
import torch

from actloss import functional as F
from actloss import nn
from helpers import is_spanish_error

TF = torch.nn.functional
NORMALIZED = ["softmax", "softmin", "log_softmax"]


def _both(name, *args, **kwargs):
    return getattr(F, name)(*args, **kwargs), getattr(TF, name)(*args, **kwargs)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64], ids=str)
@pytest.mark.parametrize("name", NORMALIZED)
def test_stable_for_logits_of_magnitude_1e4(name, dtype):
    x = torch.tensor([[1e4, -1e4, 0.0], [-1e4, -1e4 + 1, -1e4 + 2], [1e4, 1e4, 1e4]], dtype=dtype)
    leaves = [x.clone().requires_grad_() for _ in range(2)]
    ours, theirs = (getattr(m, name)(t, dim=1) for m, t in zip((F, TF), leaves, strict=True))
    assert torch.isfinite(ours).all()
    torch.testing.assert_close(ours, theirs)
    weights = torch.randn(3, 3, dtype=dtype)
    grads = [
        torch.autograd.grad((y * weights).sum(), t)[0]
        for y, t in ((ours, leaves[0]), (theirs, leaves[1]))
    ]
    torch.testing.assert_close(grads[0], grads[1])


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16], ids=str)
@pytest.mark.parametrize("name", NORMALIZED)
def test_half_precision_forward_matches_torch(name, dtype):
    x = (torch.randn(6, 10, dtype=torch.float64) * 4).to(dtype)
    ours, theirs = _both(name, x, dim=-1)
    assert ours.dtype == theirs.dtype == dtype
    # log_softmax near 0 is a difference of two numbers as large as x: allow its rounding.
    atol = 2 * torch.finfo(dtype).eps * float(x.abs().max()) if name == "log_softmax" else 1e-5
    torch.testing.assert_close(ours, theirs, atol=atol, rtol=torch.finfo(dtype).eps * 2)


@pytest.mark.parametrize("name", NORMALIZED)
@pytest.mark.parametrize("ndim", [0, 1, 2, 3, 4])
def test_implicit_dim_warns_and_chooses_like_torch(name, ndim):
    x = torch.randn([3] * ndim, dtype=torch.float64)
    with pytest.warns(UserWarning, match="`dim`") as ours_record:
        ours = getattr(F, name)(x)
    with pytest.warns(UserWarning):
        theirs = getattr(TF, name)(x)
    torch.testing.assert_close(ours, theirs)
    assert ours_record[0].filename == __file__  # the warning points at the caller


@pytest.mark.parametrize("name", NORMALIZED)
def test_explicit_dim_does_not_warn_and_every_dim_matches_torch(name):
    x = torch.randn(2, 3, 4, 5, dtype=torch.float64)
    for dim in range(-4, 4):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            ours, theirs = _both(name, x, dim=dim)
        torch.testing.assert_close(ours, theirs)


@pytest.mark.parametrize("name", NORMALIZED)
def test_dtype_argument_casts_first_like_torch(name):
    for x in (torch.randn(3, 4), torch.arange(12).reshape(3, 4)):
        ours, theirs = _both(name, x, dim=1, dtype=torch.float64)
        assert ours.dtype == theirs.dtype == torch.float64
        torch.testing.assert_close(ours, theirs)


@pytest.mark.parametrize("name", NORMALIZED)
def test_dim_out_of_range_raises_index_error_like_torch(name):
    x = torch.randn(2, 3)
    with pytest.raises(IndexError):
        getattr(TF, name)(x, dim=2)
    with pytest.raises(IndexError) as ours:
        getattr(F, name)(x, dim=2)
    assert is_spanish_error(str(ours.value), "dim")


def test_log_softmax_is_finite_where_log_of_softmax_is_not():
    x = torch.tensor([0.0, 200.0], dtype=torch.float32)
    assert torch.log(F.softmax(x, dim=0))[0] == -float("inf")
    torch.testing.assert_close(F.log_softmax(x, dim=0), torch.tensor([-200.0, 0.0]))


@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
def test_written_backward_matches_autograd_of_the_plain_formula(name):
    x = torch.randn(4, 6, dtype=torch.float64, requires_grad=True)
    weights = torch.randn(4, 6, dtype=torch.float64)
    (written,) = torch.autograd.grad((getattr(F, name)(x, dim=1) * weights).sum(), x)
    exp = x.exp()
    plain = exp / exp.sum(1, keepdim=True)
    if name == "log_softmax":
        plain = x - exp.sum(1, keepdim=True).log()
    (formula,) = torch.autograd.grad((plain * weights).sum(), x)
    torch.testing.assert_close(written, formula)


def test_glu_odd_size_and_scalar_raise_like_torch():
    for x, dim in ((torch.randn(4, 5), -1), (torch.randn(3, 4), 0), (torch.tensor(1.0), -1)):
        with pytest.raises(RuntimeError):
            TF.glu(x, dim)
        with pytest.raises(RuntimeError) as ours:
            F.glu(x, dim)
        assert is_spanish_error(str(ours.value), "dim" if x.dim() else "input")
    with pytest.raises(IndexError):
        TF.glu(torch.randn(2, 4), 2)
    with pytest.raises(IndexError) as ours:
        F.glu(torch.randn(2, 4), 2)
    assert is_spanish_error(str(ours.value), "dim")


def test_glu_halves_any_dimension_like_torch():
    x = torch.randn(2, 4, 6, dtype=torch.float64, requires_grad=True)
    for dim in (0, 1, 2, -1):
        ours, theirs = _both("glu", x, dim)
        assert ours.shape[dim] * 2 == x.shape[dim]
        torch.testing.assert_close(ours, theirs)
        assert torch.autograd.gradcheck(lambda t, d=dim: F.glu(t, d), (x,))


def test_glu_is_stable_for_large_gates():
    x = torch.tensor([[3.0, -2.0, 1e4, -1e4]], requires_grad=True)
    ours = F.glu(x)
    torch.testing.assert_close(ours, TF.glu(x))
    (grad,) = torch.autograd.grad(ours.sum(), x)
    assert torch.isfinite(grad).all()


@pytest.mark.parametrize("shape", [(3, 4), (5,), (1, 2, 3, 4, 5)])
def test_softmax2d_rejects_wrong_ranks_like_torch(shape):
    x = torch.randn(shape)
    with pytest.raises(ValueError):
        torch.nn.Softmax2d()(x)
    with pytest.raises(ValueError) as ours:
        nn.Softmax2d()(x)
    assert is_spanish_error(str(ours.value), "input")


@pytest.mark.parametrize("shape", [(3, 4, 5), (2, 3, 4, 5)])
def test_softmax2d_normalizes_channels_like_torch(shape):
    x = torch.randn(shape, dtype=torch.float64) * 100
    ours, theirs = nn.Softmax2d()(x), torch.nn.Softmax2d()(x)
    torch.testing.assert_close(ours, theirs)
    torch.testing.assert_close(ours.sum(-3), torch.ones_like(ours.sum(-3)))


@pytest.mark.parametrize("name", ["Softmax", "Softmin", "LogSoftmax"])
def test_module_warning_points_where_torchs_does(name):
    """Fuera de actloss, en la misma línea que el aviso de torch (la de torch.nn.Module)."""
    x = torch.randn(2, 3)
    places = []
    for library in (nn, torch.nn):
        with pytest.warns(UserWarning) as record:
            getattr(library, name)()(x)
        places.append((record[0].filename, record[0].lineno))
    assert "actloss" not in places[0][0]
    assert places[0] == places[1]


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16], ids=str)
def test_glu_and_softmax2d_half_precision_forward_matches_torch(dtype):
    generator = torch.Generator().manual_seed(0)
    x = (torch.randn(2, 4, 3, 6, generator=generator, dtype=torch.float64) * 4).to(dtype)
    eps = torch.finfo(dtype).eps  # one rounding step apart is still the same result
    for ours, theirs in (
        (F.glu(x, 1), TF.glu(x, 1)),
        (nn.Softmax2d()(x), torch.nn.Softmax2d()(x)),
    ):
        assert ours.dtype == theirs.dtype == dtype
        torch.testing.assert_close(ours, theirs, rtol=2 * eps, atol=eps)


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16], ids=str)
def test_glu_half_precision_gradient_is_rounded_once(dtype):
    """GLU en media precisión se evalúa en float32 en los dos sentidos, como softmax: el
    valor y el gradiente son los exactos (float64) redondeados una vez al dtype."""
    generator = torch.Generator().manual_seed(1)
    exact_in = torch.randn(64, 2, generator=generator, dtype=torch.float64) * 4
    exact_in[0] = torch.tensor([-2.0, 3.0], dtype=torch.float64)  # s near 1: 1 - s cancels
    x = exact_in.to(dtype)
    leaf, exact = x.clone().requires_grad_(), x.double().requires_grad_()
    out, expected = F.glu(leaf), TF.glu(exact)
    (grad,) = torch.autograd.grad(out.sum(), leaf)
    (expected_grad,) = torch.autograd.grad(expected.sum(), exact)
    assert out.dtype == grad.dtype == dtype
    eps = torch.finfo(dtype).eps  # half a step of rounding each, relative
    tiny = torch.finfo(dtype).tiny
    torch.testing.assert_close(out.double(), expected.detach(), rtol=eps, atol=tiny)
    torch.testing.assert_close(grad.double(), expected_grad, rtol=eps, atol=tiny)
