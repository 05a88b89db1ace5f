"""El banco de pruebas mide lo que dice medir: la forma de cada caso es la de su entrada."""

from __future__ import annotations

import torch

from actloss import benchmark


def test_every_case_is_measured_at_the_size_its_row_reports() -> None:
    shape, loss_shape = (4, 6, 8), (10, 7)
    cases = benchmark.catalog_cases(shape=shape, loss_shape=loss_shape)
    assert {c.kind for c in cases} == {"activación", "pérdida"}
    for case in cases:
        if case.name == "ctc_loss":  # its own sizes, (T, N, C, S), checked by its row label
            continue
        args, _ = case.build()
        first = args[0]
        expected = shape if case.kind == "activación" else loss_shape
        assert isinstance(first, torch.Tensor)
        assert tuple(first.shape) == expected, case.name
        assert case.size == "×".join(map(str, expected)), case.name


def test_activation_cases_run_on_the_shared_input() -> None:
    # GLU halves the last dimension and Softmax2d reads (C, H, W): the same 2^k elements.
    for case in benchmark.catalog_cases(["glu", "softmax2d"], shape=(4, 6, 8)):
        args, kwargs = case.build()
        torch.testing.assert_close(case.ours(*args, **kwargs), case.reference(*args, **kwargs))
