"""Dentro de ``torch.autocast`` cada función da el dtype, los valores y los gradientes de torch.

torch ejecuta sus pérdidas en float32 bajo autocast y sus activaciones en la precisión de
la entrada; las de actloss deben hacer lo mismo, o una red entrenada con precisión mixta
cambiaría al pasar de ``torch.nn`` a ``actloss.nn``. Las entradas son bfloat16, como las
que da una capa bajo autocast en CPU, o float32, como las de una capa que autocast no toca
(``prelu`` las baja a bfloat16, como la de torch).
"""

from __future__ import annotations

import pytest
import torch

from actloss.functional import _autocast
from helpers import (
    CASES,
    ENTRIES,
    arguments,
    assert_gradients_match,
    provoked_warnings,
    run_like_torch,
    with_variants,
)


def _assert_close(mine, ref):
    """Dentro de dos redondeos del dtype del resultado: en bfloat16 torch y actloss redondean
    cada operación por su lado, y lo hacen igual de cerca del valor exacto."""
    finite = ref[ref.isfinite()]
    scale = finite.abs().max().item() if finite.numel() else 1.0
    atol = max(1e-5, 2 * torch.finfo(ref.dtype).eps * scale)
    torch.testing.assert_close(
        mine, ref, atol=atol, rtol=2 * torch.finfo(ref.dtype).eps, equal_nan=True
    )


def _same_dtype_and_close(mine, ref):
    assert mine.dtype == ref.dtype
    _assert_close(mine, ref)


@pytest.mark.parametrize("dtype", [torch.bfloat16, torch.float32], ids=str)
@pytest.mark.parametrize(("entry", "variant"), with_variants(ENTRIES))
def test_autocast_gives_torchs_dtype_values_and_gradients(entry, variant, dtype):
    inputs, params = arguments(entry, CASES["matriz"](dtype))
    with torch.autocast("cpu", dtype=torch.bfloat16), provoked_warnings():
        both = run_like_torch(entry, inputs + params, variant)
    if both is None:  # torch refused, and actloss too
        return
    (ours, our_grads), (theirs, their_grads) = both
    _same_dtype_and_close(ours, theirs)
    assert_gradients_match(our_grads, their_grads, _same_dtype_and_close)


def test_float64_and_integer_tensors_are_left_as_they_are():
    """La regla de torch: autocast no baja float64 ni toca los enteros."""
    seen = {}

    @_autocast.in_float32
    def record(input, target, weight):
        seen.update(input=input.dtype, target=target.dtype, weight=weight.dtype)
        return input

    with torch.autocast("cpu", dtype=torch.bfloat16):
        record(
            torch.ones(2, dtype=torch.bfloat16),
            torch.ones(2, dtype=torch.int64),
            weight=torch.ones(2, dtype=torch.float64),
        )
    assert seen == {"input": torch.float32, "target": torch.int64, "weight": torch.float64}
    record(
        torch.ones(2, dtype=torch.bfloat16),
        torch.ones(2, dtype=torch.int64),
        weight=torch.ones(2, dtype=torch.float16),
    )
    assert seen == {"input": torch.bfloat16, "target": torch.int64, "weight": torch.float16}


@pytest.mark.parametrize("module", ["CrossEntropyLoss", "MSELoss", "CTCLoss"])
def test_the_layers_follow_their_function(module):
    """Los módulos de ``actloss.nn`` llaman a la función envuelta: el mismo dtype que torch."""
    from actloss import nn

    logits = torch.randn(6, 1, 4).log_softmax(-1).to(torch.bfloat16)
    arguments = {
        "CrossEntropyLoss": (logits[:, 0], torch.tensor([0, 1, 2, 3, 0, 1])),
        "MSELoss": (logits, torch.zeros_like(logits)),
        "CTCLoss": (logits, torch.tensor([[1, 2]]), (6,), (2,)),
    }[module]
    with torch.autocast("cpu", dtype=torch.bfloat16):
        ours = getattr(nn, module)()(*arguments)
        theirs = getattr(torch.nn, module)()(*arguments)
    assert ours.dtype == theirs.dtype == torch.float32
    torch.testing.assert_close(ours, theirs)


def _autocast_changes_torchs_dtype(entry) -> bool:
    """Bajo autocast, la función de torch devuelve otro dtype que su entrada (bfloat16 o
    float32): autocast la trata, y la de actloss debe llevar su envoltura."""
    for dtype in (torch.bfloat16, torch.float32):
        inputs, params = arguments(entry, CASES["matriz"](dtype))
        with torch.autocast("cpu", dtype=torch.bfloat16), provoked_warnings():
            try:
                if entry.torch_fn(*inputs, *params).dtype != dtype:
                    return True
            except (RuntimeError, NotImplementedError):
                return True
    return False


def test_each_function_autocast_treats_has_its_own_wrapper_code():
    """Las funciones envueltas son las que autocast trata en torch. torch.compile cuenta las
    recompilaciones por objeto de código (8 como mucho): si compartieran el de la
    envoltura, la novena compilada en un proceso fallaría con ``fullgraph=True``. Lo mismo
    vale para la envoltura pública de cada función."""
    from actloss import functional

    # Each public function is the wrapper of _protocol (``__torch_function__``) around the
    # family's own: autocast's wrapper, where torch's autocast treats the function.
    functions = {name: getattr(functional, name) for name in functional.__all__}
    inner = {name: f.__wrapped__ for name, f in functions.items()}
    wrapped = {name: f for name, f in inner.items() if hasattr(f, "__wrapped__")}
    treated = {e.name for e in ENTRIES if _autocast_changes_torchs_dtype(e)}
    assert set(wrapped) == treated
    for layer in (wrapped, functions):
        assert len({f.__code__ for f in layer.values()}) == len(layer)
        assert all(f.__code__.co_name == name for name, f in layer.items())
