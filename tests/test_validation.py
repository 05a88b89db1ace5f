"""Las comprobaciones que comparten varias pérdidas (``actloss._validation``): en cada
función que las usa, la misma clase de excepción que torch y un mensaje en español que
nombra el argumento."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as TF

from actloss import functional as F
from helpers import raises_like_torch

F32, F64 = torch.float32, torch.float64
INTS = torch.arange(6).reshape(2, 3)
SIGNS = torch.tensor([[1, -1, 1], [-1, 1, -1]])
SCORES = torch.randn(2, 3, dtype=F32)
CLASSES = torch.tensor([0, 2])

CASES = {
    # require_floating_mean: torch sums integers but does not average them.
    "l1_loss: la media de enteros": ("l1_loss", "input", (INTS, INTS + 1), {}),
    "hinge_embedding_loss: la media de enteros": (
        "hinge_embedding_loss",
        "input",
        (INTS, SIGNS),
        {},
    ),
    # check_same_dtype
    "nll_loss: weight": (
        "nll_loss",
        "weight",
        (SCORES, CLASSES),
        {"weight": torch.ones(3, dtype=F64)},
    ),
    "multi_margin_loss: weight": (
        "multi_margin_loss",
        "weight",
        (SCORES, CLASSES),
        {"weight": torch.ones(3, dtype=F64)},
    ),
    "binary_cross_entropy: target": (
        "binary_cross_entropy",
        "target",
        (torch.rand(2, 3, dtype=F32), torch.rand(2, 3, dtype=F64)),
        {},
    ),
    "prelu: weight": ("prelu", "weight", (SCORES, torch.tensor([0.25], dtype=F64)), {}),
    # require_real_floating, with torch's class for each loss
    "soft_margin_loss: input entero": ("soft_margin_loss", "input", (INTS, SIGNS), {}),
    "multilabel_soft_margin_loss: input entero": (
        "multilabel_soft_margin_loss",
        "input",
        (INTS, SIGNS.clamp(min=0)),
        {},
    ),
    # refuse_gradient
    "soft_margin_loss: target con gradiente": (
        "soft_margin_loss",
        "target",
        (SCORES, SIGNS.to(F32).requires_grad_()),
        {},
    ),
    "multi_margin_loss: weight con gradiente": (
        "multi_margin_loss",
        "weight",
        (SCORES, CLASSES),
        {"weight": torch.ones(3, requires_grad=True)},
    ),
}


@pytest.mark.parametrize(("name", "argument", "args", "kwargs"), CASES.values(), ids=list(CASES))
def test_shared_check_raises_like_torch(name, argument, args, kwargs):
    raises_like_torch(getattr(F, name), getattr(TF, name), *args, argument=argument, **kwargs)
