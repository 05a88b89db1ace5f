"""Cada función del catálogo da los mismos valores y gradientes que torch."""

from __future__ import annotations

import contextlib
import functools
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import torch
from torch._subclasses.fake_tensor import FakeTensorMode

from actloss.catalog import ActivationProperties
from helpers import (
    ACTIVATIONS,
    CASES,
    ENTRIES,
    FLOAT_DTYPES,
    accepts,
    arguments,
    assert_gradients_match,
    detached_leaves,
    either_kernel_path,
    is_spanish_error,
    provoked_warnings,
    run_like_torch,
    value_undefined,
    warns_as_intended,
    with_variants,
)

ALL_VARIANTS = with_variants(ENTRIES)


def _compare_with_torch(entry, variant, dtype, case):
    inputs, params = arguments(entry, CASES[case](dtype))
    tensors = inputs + params
    with provoked_warnings():  # asserted in the tests below and in test_gradcheck.py
        both = run_like_torch(entry, tensors, variant)
    if both is None:  # torch refused, and actloss too
        return
    (ours, our_grads), (theirs, their_grads) = both
    assert ours.dtype == theirs.dtype
    if value_undefined(entry, tensors, variant):
        assert ours.shape == theirs.shape
        return
    if isinstance(entry.properties, ActivationProperties) and our_grads[0] is not None:
        # Not one CPU's choice: where torch's scalar loop and vector kernel disagree.
        accepted = either_kernel_path(
            entry, variant, tensors[0], params, [(ours, theirs), (our_grads[0], their_grads[0])]
        )
        theirs = torch.where(accepted, ours, theirs)
        their_grads[0] = torch.where(accepted, our_grads[0], their_grads[0])
    torch.testing.assert_close(ours, theirs, equal_nan=True)
    if entry.quirks.torch_nan_grad_varies and their_grads[0] is not None:
        # torch's own gradient at a nan input depends on its kernel's vectorization.
        at_nan = tensors[0].isnan()
        our_grads[0], their_grads[0] = (
            torch.where(at_nan, 0, g) for g in (our_grads[0], their_grads[0])
        )
    assert_gradients_match(
        our_grads, their_grads, functools.partial(torch.testing.assert_close, equal_nan=True)
    )


@pytest.mark.parametrize("dtype", FLOAT_DTYPES, ids=str)
@pytest.mark.parametrize(("entry", "variant"), ALL_VARIANTS)
def test_values_and_gradients_match_torch(entry, variant, dtype):
    """Cada caso de entrada (``CASES``) en una prueba: los fallos se dicen con su caso."""
    failures = []
    for case in CASES:
        try:
            _compare_with_torch(entry, variant, dtype, case)
        except (AssertionError, pytest.fail.Exception) as failure:
            failures.append(f"caso {case}: {failure}")
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize(("entry", "variant"), ALL_VARIANTS)
def test_module_matches_torch_module(entry, variant):
    kwargs = {**entry.module_kwargs, **variant}
    torch.manual_seed(0)
    ours, theirs = entry.module_cls(**kwargs), entry.torch_module_cls(**kwargs)
    ours.eval(), theirs.eval()
    inputs = detached_leaves(entry.make_inputs(CASES["matriz"](torch.float64)))
    # Only the prediction asks for a gradient here (some losses have none for their target,
    # and torch refuses a target that asks); the target gradients are compared above.
    inputs = (inputs[0], *(t.detach() for t in inputs[1:]))
    with warns_as_intended(entry, variant):
        out_ours = ours.double()(*inputs)
    with warns_as_intended(entry, variant):
        out_theirs = theirs.double()(*inputs)
    torch.testing.assert_close(out_ours, out_theirs)
    assert repr(ours) == repr(theirs)
    grads_ours = torch.autograd.grad(out_ours.sum(), [inputs[0], *ours.parameters()])
    grads_theirs = torch.autograd.grad(out_theirs.sum(), [inputs[0], *theirs.parameters()])
    for mine, ref in zip(grads_ours, grads_theirs, strict=True):
        torch.testing.assert_close(mine, ref)


@pytest.mark.parametrize(("entry", "variant"), ALL_VARIANTS)
def test_module_calls_its_function(entry, variant):
    kwargs = {**entry.module_kwargs, **variant}
    module = entry.module_cls(**kwargs).double().eval()
    inputs, params = arguments(entry, CASES["matriz"](torch.float64))
    module_params = tuple(p.detach() for p in module.parameters())
    with warns_as_intended(entry, variant):
        from_module = module(*inputs)
    with warns_as_intended(entry, variant):
        from_function = entry.fn(*inputs, *(module_params or params), **variant)
    # Exact: the module calls its own function on the same tensors.
    torch.testing.assert_close(from_module, from_function, rtol=0, atol=0)


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
    [e for e in ENTRIES if len(e.make_inputs(torch.zeros(1))) > 1 and e.quirks.broadcast_warning],
    ids=lambda e: e.name,
)
def test_broadcast_target_warns_like_torch(entry):
    """Avisa del tamaño de ``target`` si y solo si torch avisa (Poisson, KL… no avisan)."""
    x = CASES["matriz"](torch.float64)
    inputs, params = arguments(entry, x)
    target = inputs[1][:1]  # shape (1, 5): broadcastable, but not the input's size
    with provoked_warnings():
        try:
            entry.torch_fn(x, target, *inputs[2:], *params)
        except Exception as refusal:  # torch may refuse a different size outright
            with pytest.raises(type(refusal)) as ours_refusal:
                entry.fn(x, target, *inputs[2:], *params)
            assert is_spanish_error(str(ours_refusal.value), "target")
            return
    records = []
    for fn in (entry.fn, entry.torch_fn):
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            records.append((fn(x, target, *inputs[2:], *params), record))
    (ours, ours_record), (theirs, theirs_record) = records
    torch.testing.assert_close(ours, theirs)
    assert [w.category for w in ours_record] == [w.category for w in theirs_record]
    about_target = ["target size" in str(w.message) for w in theirs_record]
    assert about_target == ["`target`" in str(w.message) for w in ours_record]


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16], ids=str)
@pytest.mark.parametrize(("entry", "variant"), with_variants(ACTIVATIONS))
def test_half_precision_forward_matches_torch(entry, variant, dtype):
    """En float16 y bfloat16 el valor coincide con el de torch, salvo un paso de redondeo."""
    inputs, params = arguments(entry, (CASES["matriz"](torch.float64) * 3).to(dtype))
    with provoked_warnings():
        try:
            theirs = entry.torch_fn(*inputs, *params, **variant)
        except Exception as refusal:  # a dtype torch does not implement
            with pytest.raises(type(refusal)):
                entry.fn(*inputs, *params, **variant)
            return
        ours = entry.fn(*inputs, *params, **variant)
    assert ours.dtype == theirs.dtype == dtype
    eps = torch.finfo(dtype).eps
    torch.testing.assert_close(ours, theirs, rtol=2 * eps, atol=eps)


@contextlib.contextmanager
def _without_values(place: str) -> Iterator[Callable[[Any], Any]]:
    """Cómo quitarle los valores a un tensor: llevarlo a ``meta``, o hacerlo falso dentro de
    un ``FakeTensorMode`` (lo que hacen ``make_fx`` y ``torch.export`` no estricto)."""
    if place == "meta":
        yield lambda t: t.to("meta")
        return
    with FakeTensorMode() as mode:
        yield mode.from_tensor


@pytest.mark.parametrize("place", ["meta", "falso"])
@pytest.mark.parametrize(("entry", "variant"), ALL_VARIANTS)
def test_every_function_runs_without_values_like_torch(entry, variant, place):
    """Sin valores (el dispositivo ``meta``, para construir un modelo grande sin memoria, o
    un tensor falso, al trazar) cada función da la forma, el dtype y el dispositivo de
    torch. Las que comprueban los valores de sus entradas (clases, probabilidades) o
    sortean según ellos (rrelu) no los leen ahí, como torch."""
    inputs, params = arguments(entry, CASES["matriz"](torch.float32))
    with _without_values(place) as strip, provoked_warnings():  # softmax's implicit dim
        tensors = [strip(t) for t in (*inputs, *params)]
        variant = {k: strip(v) if isinstance(v, torch.Tensor) else v for k, v in variant.items()}
        try:
            theirs = entry.torch_fn(*tensors, **variant)
        except (NotImplementedError, RuntimeError) as refusal:
            # Falsos, los dos paran donde necesitan un valor, cada uno en su operación:
            # torch en la de CTC (DynamicOutputShape), actloss al leer (DataDependentOutput).
            with pytest.raises(type(refusal) if place == "meta" else RuntimeError):
                entry.fn(*tensors, **variant)
            return
        ours = entry.fn(*tensors, **variant)
    assert (ours.device, ours.shape, ours.dtype) == (theirs.device, theirs.shape, theirs.dtype)
    assert type(ours) is type(theirs)


LAYOUTS = {
    "channels_last": lambda: _seeded_4d().to(memory_format=torch.channels_last),
    "traspuesta": lambda: CASES["no_contiguo"](torch.float64),
}


def _seeded_4d() -> torch.Tensor:
    return torch.randn(2, 6, 4, 5, generator=torch.Generator().manual_seed(8), dtype=torch.float64)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_output_has_torchs_memory_layout(entry, layout):
    """La salida tiene la disposición en memoria (los pasos) de la de torch: contigua donde
    el núcleo de torch la hace contigua (softmax, logsigmoid, rrelu), la de la entrada
    donde la conserva. Si no, ``F.softmax(x, 1).view(n, -1)`` fallaría solo con actloss."""
    inputs, params = arguments(entry, LAYOUTS[layout]())
    # The other tensors contiguous: the output follows the first (BCE), as in torch.
    inputs = (inputs[0], *(t.contiguous() for t in inputs[1:]))
    # A loss without reducing: a reduced output is 0-d, with no layout to compare.
    unreduced = {"reduction": "none"} if accepts(entry.fn, "reduction") else {}
    outputs = []
    for fn in (entry.torch_fn, entry.fn):
        torch.manual_seed(0)
        try:
            with provoked_warnings():
                outputs.append(fn(*inputs, *params, **unreduced))
        except (RuntimeError, ValueError, IndexError):  # the shape does not suit the loss
            assert fn is entry.torch_fn, entry.name
            return
    theirs, ours = outputs
    assert (ours.shape, ours.stride()) == (theirs.shape, theirs.stride())
