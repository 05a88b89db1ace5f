"""Una entrada inválida produce la misma clase de excepción que torch, con un mensaje en español."""

from __future__ import annotations

import inspect

import pytest
import torch

from actloss import functional as F
from actloss import nn
from helpers import ENTRIES, LOSSES, accepts, arguments, is_spanish_error, provoked_warnings


def _outcome(fn, *args, **kwargs):
    """El resultado de ``fn``, o la excepción que lanza."""
    try:
        with provoked_warnings():
            return fn(*args, **kwargs)
    except Exception as error:
        return error


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_integer_input_behaves_like_torch(entry):
    inputs, params = arguments(entry, torch.arange(-3, 3).reshape(2, 3))
    theirs = _outcome(entry.torch_fn, *inputs, *params)
    ours = _outcome(entry.fn, *inputs, *params)
    if isinstance(theirs, Exception):
        assert type(ours) is type(theirs), f"torch lanza {theirs!r}; actloss da {ours!r}"
        assert is_spanish_error(str(ours), entry.argument("input")), str(ours)
    else:
        torch.testing.assert_close(ours, theirs)


@pytest.mark.parametrize(
    "entry", [e for e in ENTRIES if accepts(e.fn, "reduction")], ids=lambda e: e.name
)
def test_bad_reduction(entry):
    inputs, params = arguments(entry, torch.randn(2, 3))
    with pytest.raises(ValueError) as ours:
        entry.fn(*inputs, *params, reduction="media")
    with pytest.raises(ValueError):
        entry.torch_fn(*inputs, *params, reduction="media")
    assert is_spanish_error(str(ours.value), "reduction")


@pytest.mark.parametrize("entry", LOSSES, ids=lambda e: e.name)
def test_target_shape_mismatch(entry):
    x = torch.randn(2, 3)
    inputs, params = arguments(entry, x)
    target = torch.randn(4, 5)
    theirs = _outcome(entry.torch_fn, x, target, *inputs[2:], *params)
    ours = _outcome(entry.fn, x, target, *inputs[2:], *params)
    assert isinstance(theirs, Exception)
    assert type(ours) is type(theirs)
    second = list(inspect.signature(entry.fn).parameters)[1]  # `target`, `input2`, `positive`
    assert is_spanish_error(str(ours), second), str(ours)


def test_prelu_num_parameters_must_match_channels():
    layer, reference = nn.PReLU(num_parameters=3), torch.nn.PReLU(num_parameters=3)
    x = torch.randn(2, 4, 5)
    with pytest.raises(RuntimeError) as ours:
        layer(x)
    with pytest.raises(RuntimeError):
        reference(x)
    assert is_spanish_error(str(ours.value), "weight")


def test_prelu_weight_dtype_must_match_input():
    x, weight = torch.randn(3), torch.tensor([0.25], dtype=torch.float64)
    with pytest.raises(RuntimeError):
        torch.nn.functional.prelu(x, weight)
    with pytest.raises(RuntimeError) as ours:
        F.prelu(x, weight)
    assert is_spanish_error(str(ours.value), "weight")


def test_l1_weight_shape_must_match_input():
    x = torch.randn(2, 3)
    with pytest.raises(ValueError):
        torch.nn.functional.l1_loss(x, x, weight=torch.ones(3))
    with pytest.raises(ValueError) as ours:
        F.l1_loss(x, x, weight=torch.ones(3))
    assert is_spanish_error(str(ours.value), "weight")
