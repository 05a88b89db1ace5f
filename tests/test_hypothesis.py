"""Formas y valores aleatorios: actloss y torch coinciden en valor y gradiente."""

from __future__ import annotations

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import ENTRIES, arguments, provoked_warnings, run, value_undefined

shapes = st.lists(st.integers(min_value=0, max_value=4), min_size=0, max_size=3)
scales = st.sampled_from([1e-3, 1.0, 1e3])


@settings(deadline=None, max_examples=25, derandomize=True)
@given(entry=st.sampled_from(ENTRIES), shape=shapes, scale=scales, seed=st.integers(0, 2**16))
def test_random_shapes_and_values(entry, shape, scale, seed):
    generator = torch.Generator().manual_seed(seed)
    x = torch.randn(shape, generator=generator, dtype=torch.float64) * scale
    variant = entry.variants[seed % len(entry.variants)]
    inputs, params = arguments(entry, x)
    with provoked_warnings():
        try:
            theirs, their_grads = run(
                entry.torch_fn, inputs + params, variant, grad_output_seed=seed
            )
        except Exception as refusal:  # a shape torch rejects: actloss rejects it alike
            with pytest.raises(type(refusal)):
                run(entry.fn, inputs + params, variant, grad_output_seed=seed)
            return
        ours, our_grads = run(entry.fn, inputs + params, variant, grad_output_seed=seed)
    if value_undefined(entry, inputs + params, variant):
        assert ours.shape == theirs.shape
        return
    torch.testing.assert_close(ours, theirs, equal_nan=True)
    for mine, ref in zip(our_grads, their_grads, strict=True):
        if ref is not None:
            torch.testing.assert_close(mine, ref, equal_nan=True)
