"""Cada función del catálogo da los mismos valores y gradientes que torch."""

from __future__ import annotations

import warnings

import pytest
import torch

from helpers import (
    CASES,
    ENTRIES,
    FLOAT_DTYPES,
    accepts,
    arguments,
    detached_leaves,
    run,
    with_variants,
)

ALL_VARIANTS = with_variants(ENTRIES)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES, ids=str)
@pytest.mark.parametrize(("entry", "variant"), ALL_VARIANTS)
def test_values_and_gradients_match_torch(entry, variant, dtype, case):
    inputs, params = arguments(entry, CASES[case](dtype))
    tensors = inputs + params
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # broadcasting warnings are tested on their own
        try:
            theirs, their_grads = run(entry.torch_fn, tensors, variant)
        except Exception as refusal:
            with pytest.raises(type(refusal)):
                run(entry.fn, tensors, variant)
            return
        ours, our_grads = run(entry.fn, tensors, variant)
    assert ours.dtype == theirs.dtype
    torch.testing.assert_close(ours, theirs, equal_nan=True)
    for mine, ref in zip(our_grads, their_grads, strict=True):
        if ref is None:
            assert mine is None or not mine.any()
        else:
            torch.testing.assert_close(mine, ref, equal_nan=True)


@pytest.mark.parametrize(("entry", "variant"), ALL_VARIANTS)
def test_module_matches_torch_module(entry, variant):
    kwargs = {**entry.module_kwargs, **variant}
    torch.manual_seed(0)
    ours, theirs = entry.module_cls(**kwargs), entry.torch_module_cls(**kwargs)
    ours.eval(), theirs.eval()
    inputs = detached_leaves(entry.make_inputs(CASES["matriz"](torch.float64)))
    out_ours = ours.double()(*inputs)
    out_theirs = theirs.double()(*inputs)
    torch.testing.assert_close(out_ours, out_theirs)
    assert repr(ours) == repr(theirs)
    differentiable = [t for t in inputs if t.requires_grad]  # not integer targets/lengths
    grads_ours = torch.autograd.grad(out_ours.sum(), [*differentiable, *ours.parameters()])
    grads_theirs = torch.autograd.grad(out_theirs.sum(), [*differentiable, *theirs.parameters()])
    for mine, ref in zip(grads_ours, grads_theirs, strict=True):
        torch.testing.assert_close(mine, ref)


@pytest.mark.parametrize(("entry", "variant"), ALL_VARIANTS)
def test_module_calls_its_function(entry, variant):
    kwargs = {**entry.module_kwargs, **variant}
    module = entry.module_cls(**kwargs).double().eval()
    inputs, params = arguments(entry, CASES["matriz"](torch.float64))
    module_params = tuple(p.detach() for p in module.parameters())
    torch.testing.assert_close(
        module(*inputs), entry.fn(*inputs, *(module_params or params), **variant), rtol=0, atol=0
    )


@pytest.mark.parametrize(
    "entry", [e for e in ENTRIES if accepts(e.fn, "inplace")], ids=lambda e: e.name
)
def test_inplace_writes_into_input_and_keeps_gradients(entry):
    base = CASES["matriz"](torch.float64).requires_grad_()
    inputs, params = arguments(entry, base * 1.0)  # a non-leaf, so it may be overwritten
    out = entry.fn(*inputs, *params, inplace=True)
    assert out.data_ptr() == inputs[0].data_ptr()
    (ours,) = torch.autograd.grad(out.sum(), base)

    reference_inputs, _ = arguments(entry, base * 1.0)
    expected = entry.torch_fn(*reference_inputs, *params, inplace=True)
    (theirs,) = torch.autograd.grad(expected.sum(), base)
    torch.testing.assert_close(out, expected)
    torch.testing.assert_close(ours, theirs)


@pytest.mark.parametrize(
    "entry",
    [e for e in ENTRIES if len(e.make_inputs(torch.zeros(1))) > 1 and e.broadcasts_target],
    ids=lambda e: e.name,
)
def test_broadcast_target_warns_like_torch(entry):
    x = CASES["matriz"](torch.float64)
    inputs, params = arguments(entry, x)
    target = inputs[1][:1]  # shape (1, 5): broadcastable, but not the input's size
    with pytest.warns(UserWarning) as ours_record:
        ours = entry.fn(x, target, *inputs[2:], *params)
    with pytest.warns(UserWarning):
        theirs = entry.torch_fn(x, target, *inputs[2:], *params)
    torch.testing.assert_close(ours, theirs)
    assert "`target`" in str(ours_record[0].message)
