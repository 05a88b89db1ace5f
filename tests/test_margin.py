"""Argumentos y casos propios de las pérdidas de margen, ranking e inmersión."""

from __future__ import annotations

import math

import pytest
import torch

from actloss import functional as F
from actloss import nn
from actloss.functional._distance import pairwise_distance as _pairwise_distance
from helpers import is_spanish_error, raises_like_torch

TF = torch.nn.functional
D = torch.float64


def _leaves(*tensors):
    return [t.detach().clone().requires_grad_(t.is_floating_point()) for t in tensors]


def _compare(name, *tensors, atol=None, rtol=None, **kwargs):
    """Mismo valor y mismos gradientes (respecto a los tensores de coma flotante)."""
    results = []
    for fn in (getattr(F, name), getattr(TF, name)):
        leaves = _leaves(*tensors)
        out = fn(*leaves, **kwargs)
        wanted = [t for t in leaves if t.requires_grad]
        grads = torch.autograd.grad(out.sum(), wanted, allow_unused=True) if wanted else ()
        results.append((out, grads))
    (ours, our_grads), (theirs, their_grads) = results
    assert ours.dtype == theirs.dtype and ours.shape == theirs.shape
    torch.testing.assert_close(ours, theirs, atol=atol, rtol=rtol, equal_nan=True)
    for mine, ref in zip(our_grads, their_grads, strict=True):
        if ref is None:
            assert mine is None or not mine.any()
        else:
            torch.testing.assert_close(mine, ref, atol=atol, rtol=rtol, equal_nan=True)


def _same_error(name, argument, *args, **kwargs):
    """:func:`raises_like_torch` con la función de ese nombre de actloss y la de torch."""
    raises_like_torch(getattr(F, name), getattr(TF, name), *args, argument=argument, **kwargs)


# --- distances -----------------------------------------------------------------------


@pytest.mark.parametrize("p", [0, 0.5, 1, 1.5, 2, 3, math.inf, -math.inf, -1])
@pytest.mark.parametrize("eps", [1e-6, 0.0])
def test_pairwise_distance_matches_torch_including_zero_and_ties(p, eps):
    x1 = torch.tensor([[0.0, 1.0, -2.0, 2.0], [1.0, 1.0, 1.0, 1.0], [0.5, 0.0, 0.0, 3.0]], dtype=D)
    x2 = torch.tensor([[0.0, 1.0, -2.0, 2.0], [0.0, 0.0, 0.0, 0.0], [0.5, 0.0, 1.0, 1.0]], dtype=D)
    results = []
    for fn in (_pairwise_distance, torch.pairwise_distance):
        a, b = _leaves(x1, x2)
        out = fn(a, b, p, eps)
        grads = torch.autograd.grad(out.sum(), [a, b], allow_unused=True)
        results.append((out, grads))
    (ours, our_grads), (theirs, their_grads) = results
    torch.testing.assert_close(ours, theirs)
    for mine, ref in zip(our_grads, their_grads, strict=True):
        torch.testing.assert_close(mine, torch.zeros_like(x1) if ref is None else ref)


def test_pairwise_distance_of_scalars_and_broadcast_rows():
    for a, b in [
        (torch.tensor(2.0, dtype=D), torch.tensor(-1.0, dtype=D)),
        (torch.randn(3, 5, dtype=D), torch.randn(5, dtype=D)),
        (torch.randn(2, 3, 4, dtype=D), torch.randn(2, 3, 4, dtype=D)),
    ]:
        torch.testing.assert_close(_pairwise_distance(a, b), torch.pairwise_distance(a, b))


def test_cosine_embedding_at_zero_vectors_matches_torch():
    x1 = torch.tensor([[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [1e-7, 0.0, 0.0]], dtype=D)
    x2 = torch.tensor([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [1.0, 2.0, 3.0]], dtype=D)
    for target in (torch.tensor([1, -1, 1]), torch.tensor([-1, 1, -1])):
        for dtype in (torch.float32, D):
            _compare("cosine_embedding_loss", x1.to(dtype), x2.to(dtype), target, reduction="none")


def test_cosine_embedding_ignores_length():
    x1, x2 = torch.randn(2, 50, 8, dtype=D)
    y = torch.where(torch.rand(50) < 0.5, 1, -1)
    base = F.cosine_embedding_loss(x1, x2, y, reduction="none")
    for scale in (0.01, 3.0, 1e4):
        torch.testing.assert_close(
            F.cosine_embedding_loss(scale * x1, x2, y, reduction="none"), base
        )


# --- targets, shapes and arguments ------------------------------------------------------


def test_multilabel_margin_ignores_everything_after_the_first_minus_one():
    x = torch.randn(3, 5, dtype=D)
    target = torch.tensor([[2, 0, -1, 4, 4], [1, 1, 3, -1, 0], [0, 1, 2, 3, 4]])
    changed = target.clone()
    changed[0, 3:] = torch.tensor([1, 3])
    changed[1, 4] = 2
    torch.testing.assert_close(
        F.multilabel_margin_loss(x, target, reduction="none"),
        F.multilabel_margin_loss(x, changed, reduction="none"),
    )
    _compare("multilabel_margin_loss", x, target, reduction="none")  # a repeated index counts twice


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
def test_multilabel_margin_vector_and_scalar_inputs(reduction):
    _compare(
        "multilabel_margin_loss",
        torch.randn(4, dtype=D),
        torch.tensor([3, 1, -1, 0]),
        reduction=reduction,
    )
    _compare(
        "multilabel_margin_loss", torch.randn((), dtype=D), torch.tensor(0), reduction=reduction
    )


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
def test_multi_margin_shapes_weight_and_p(reduction):
    x, t = torch.randn(6, 4, dtype=D), torch.tensor([0, 3, 1, 2, 2, 0])
    weight = torch.tensor([1.0, 0.5, 2.0, 3.0], dtype=D)
    for p in (1, 2):
        _compare("multi_margin_loss", x, t, p=p, margin=0.7, weight=weight, reduction=reduction)
    _compare("multi_margin_loss", x[0], torch.tensor(2), reduction=reduction)
    _compare("multi_margin_loss", x[0], torch.tensor([2]), reduction=reduction)
    _compare("multi_margin_loss", x[0, 0], torch.tensor(0), reduction=reduction)


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
def test_multilabel_soft_margin_weight_and_dimensions(reduction):
    y = (torch.rand(3, 2, 4) < 0.5).double()
    weight = torch.tensor([1.0, 0.5, 2.0, 3.0], dtype=D)
    _compare(
        "multilabel_soft_margin_loss",
        torch.randn(3, 2, 4, dtype=D),
        y,
        weight=weight,
        reduction=reduction,
    )
    _compare("multilabel_soft_margin_loss", torch.randn(4, dtype=D), y[0, 0], reduction=reduction)


def test_hinge_embedding_integer_input_truncates_margin_like_torch():
    x = torch.arange(6).reshape(2, 3)
    for target in (-torch.ones(2, 3, dtype=torch.long), torch.zeros(2, 3, dtype=torch.long)):
        for margin in (2.5, -1.5):
            ours = F.hinge_embedding_loss(x, target, margin=margin, reduction="none")
            theirs = TF.hinge_embedding_loss(x, target, margin=margin, reduction="none")
            assert ours.dtype == theirs.dtype
            torch.testing.assert_close(ours, theirs)
    _same_error("hinge_embedding_loss", "input", x.bool(), target)


def test_margin_ranking_integer_inputs_give_float_like_torch():
    a = torch.arange(6).reshape(2, 3)
    ones = torch.ones(2, 3, dtype=torch.long)
    for reduction in ("none", "sum", "mean"):
        ours = F.margin_ranking_loss(a, a.flip(1), ones, margin=1, reduction=reduction)
        theirs = TF.margin_ranking_loss(a, a.flip(1), ones, margin=1, reduction=reduction)
        assert ours.dtype == theirs.dtype
        torch.testing.assert_close(ours, theirs)


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16], ids=str)
def test_half_precision_where_torch_accepts_it(dtype):
    x1, x2, x3 = torch.randn(3, 4, 5).to(dtype).unbind()
    labels = torch.tensor([1.0, -1.0, 1.0, -1.0], dtype=dtype)
    signs = torch.where(x3 > 0, 1.0, -1.0).to(dtype)
    loose = {"atol": 1e-2, "rtol": 1e-2}
    _compare("margin_ranking_loss", x1, x2, signs, margin=0.5, **loose)
    _compare("hinge_embedding_loss", x1.abs(), signs.long(), **loose)
    _compare("soft_margin_loss", x1, signs.long(), **loose)
    _compare("multilabel_soft_margin_loss", x1, (signs > 0).to(dtype), **loose)
    _compare("cosine_embedding_loss", x1, x2, labels.long(), margin=0.2, **loose)
    _compare("triplet_margin_loss", x1, x2, x3, **loose)
    _compare("triplet_margin_with_distance_loss", x1, x2, x3, **loose)
    for name in ("multi_margin_loss", "multilabel_margin_loss"):  # torch refuses half here
        target = torch.zeros(4, dtype=torch.long) if name == "multi_margin_loss" else signs.long()
        _same_error(name, "input", x1, target)


# --- errors ---------------------------------------------------------------------------------


def test_index_target_errors_match_torch():
    x = torch.randn(4, 5)
    _same_error("multilabel_margin_loss", "target", x, torch.zeros(4, 5))
    _same_error("multilabel_margin_loss", "target", x, torch.full((4, 5), 5))
    _same_error("multilabel_margin_loss", "target", x, torch.full((4, 5), -2))
    _same_error("multilabel_margin_loss", "target", x, torch.zeros(4, 3, dtype=torch.long))
    _same_error(
        "multilabel_margin_loss", "input", torch.randn(2, 3, 4), torch.zeros(2, 3, 4).long()
    )
    _same_error("multilabel_margin_loss", "input", torch.randn(3, 0), torch.zeros(3, 0).long())
    t = torch.tensor([0, 1, 2, 3])
    _same_error("multi_margin_loss", "target", x, t.float())
    _same_error("multi_margin_loss", "target", x, torch.tensor([0, 1, 2]))
    _same_error("multi_margin_loss", "target", x, torch.tensor([0, 1, 2, 5]))
    _same_error("multi_margin_loss", "target", x, torch.tensor([0, 1, 2, -1]))
    _same_error("multi_margin_loss", "p", x, t, p=3)
    _same_error("multi_margin_loss", "weight", x, t, weight=torch.ones(1, 5))
    _same_error("multi_margin_loss", "weight", x, t, weight=torch.ones(3))
    _same_error("multi_margin_loss", "weight", x, t, weight=torch.ones(5, dtype=D))
    _same_error("multi_margin_loss", "input", torch.randn(2, 3, 4), torch.zeros(2, 3).long())
    _same_error("multi_margin_loss", "input", torch.arange(6).reshape(2, 3), torch.zeros(2).long())


def test_shape_errors_match_torch():
    x = torch.randn(4, 5)
    _same_error("cosine_embedding_loss", "target", x, x, torch.ones(4, 5))
    _same_error("cosine_embedding_loss", "input1", x, x, torch.ones(()))
    _same_error("cosine_embedding_loss", "input1", x[0, 0], x[0, 0], torch.ones(()))
    _same_error("cosine_embedding_loss", "target", x, x, torch.ones(3))
    _same_error("margin_ranking_loss", "input1", x, x[0], torch.ones(4, 5))
    _same_error("multilabel_soft_margin_loss", "input", torch.randn(()), torch.ones(()))
    _same_error("multilabel_soft_margin_loss", "weight", x, x, weight=torch.ones(3))
    _same_error("soft_margin_loss", "target", x[:1], torch.ones(4, 5))
    _same_error("soft_margin_loss", "input", torch.arange(6), torch.ones(6))
    _same_error("soft_margin_loss", "target", x, torch.ones(4, 5, requires_grad=True))
    for name in ("triplet_margin_loss", "triplet_margin_with_distance_loss"):
        _same_error(name, "anchor", x, x[0], x)
        _same_error(name, "margin", x, x, x, margin=0.0)
        _same_error(name, "reduction", x, x, x, reduction="media")


def test_modules_check_their_arguments_like_torch():
    for ours, theirs, kwargs, argument in [
        (nn.MultiMarginLoss, torch.nn.MultiMarginLoss, {"p": 3}, "p"),
        (nn.MultiMarginLoss, torch.nn.MultiMarginLoss, {"weight": torch.ones(2, 2)}, "weight"),
        (nn.TripletMarginLoss, torch.nn.TripletMarginLoss, {"margin": 0.0}, "margin"),
        (
            nn.TripletMarginWithDistanceLoss,
            torch.nn.TripletMarginWithDistanceLoss,
            {"margin": -1.0},
            "margin",
        ),
    ]:
        with pytest.raises(ValueError):
            theirs(**kwargs)
        with pytest.raises(ValueError) as error:
            ours(**kwargs)
        assert is_spanish_error(str(error.value), argument)


# --- legacy arguments and modules -----------------------------------------------------------

LEGACY = [
    ("margin_ranking_loss", lambda x: (x[0], x[1], torch.sign(x[2]))),
    ("hinge_embedding_loss", lambda x: (x[0], torch.sign(x[1]))),
    ("multilabel_margin_loss", lambda x: (x[0], torch.tensor([[3, 0, -1, 1, 2]] * 4))),
    ("soft_margin_loss", lambda x: (x[0], torch.sign(x[1]).long())),
    ("multilabel_soft_margin_loss", lambda x: (x[0], (x[1] > 0).double())),
    ("cosine_embedding_loss", lambda x: (x[0], x[1], torch.sign(x[2, :, 0]))),
    ("multi_margin_loss", lambda x: (x[0], torch.tensor([0, 4, 2, 1]))),
    ("triplet_margin_loss", lambda x: (x[0], x[1], x[2])),
]


@pytest.mark.parametrize(("name", "build"), LEGACY, ids=[n for n, _ in LEGACY])
@pytest.mark.parametrize(("size_average", "reduce"), [(True, None), (False, True), (None, False)])
def test_legacy_arguments_map_like_torch(name, build, size_average, reduce):
    tensors = build(torch.randn(3, 4, 5, dtype=D))
    with pytest.warns(UserWarning, match="size_average"):
        theirs = getattr(TF, name)(*tensors, size_average=size_average, reduce=reduce)
    with pytest.warns(UserWarning, match="size_average"):
        ours = getattr(F, name)(*tensors, size_average=size_average, reduce=reduce)
    torch.testing.assert_close(ours, theirs)


def test_triplet_with_distance_module_uses_custom_distance_and_swap():
    a, p, n = torch.randn(3, 6, 4, dtype=D)

    def manhattan(u, v):
        return (u - v).abs().sum(-1)

    for swap in (False, True):
        kwargs = {"distance_function": manhattan, "margin": 0.5, "swap": swap, "reduction": "none"}
        ours = nn.TripletMarginWithDistanceLoss(**kwargs)(a, p, n)
        theirs = torch.nn.TripletMarginWithDistanceLoss(**kwargs)(a, p, n)
        torch.testing.assert_close(ours, theirs)
    assert repr(nn.TripletMarginWithDistanceLoss()) == repr(
        torch.nn.TripletMarginWithDistanceLoss()
    )


def test_weighted_modules_hold_weight_as_buffer_like_torch():
    weight = torch.tensor([1.0, 2.0, 0.5])
    x, t = torch.randn(5, 3), torch.tensor([0, 1, 2, 1, 0])
    for ours, theirs, target in [
        (nn.MultiMarginLoss(weight=weight), torch.nn.MultiMarginLoss(weight=weight), t),
        (
            nn.MultiLabelSoftMarginLoss(weight=weight),
            torch.nn.MultiLabelSoftMarginLoss(weight=weight),
            (x > 0).float(),
        ),
    ]:
        assert dict(ours.named_buffers()).keys() == dict(theirs.named_buffers()).keys()
        torch.testing.assert_close(ours(x, target), theirs(x, target))


def test_gradients_at_the_kinks_follow_torch():
    """Exactly on the margin: torch's convention differs between losses; actloss follows it."""
    scores = torch.tensor([[2.0, 1.0, 0.0, 1.0], [0.5, 1.5, 0.5, -0.5]], dtype=D)  # ties at 1
    _compare("multilabel_margin_loss", scores, torch.tensor([[0, -1, 0, 0], [1, 3, -1, 0]]))
    _compare("multi_margin_loss", scores, torch.tensor([0, 1]))
    _compare("multi_margin_loss", scores, torch.tensor([0, 1]), p=2, margin=2.0)
    x = torch.tensor([1.0, 2.0, 1.0, 0.0], dtype=D)
    _compare("hinge_embedding_loss", x, torch.tensor([-1, -1, 1, -1]), margin=1.0)
    _compare("margin_ranking_loss", x, x - 1, torch.tensor([1.0, -1.0, 1.0, 1.0]), margin=1.0)
    a = torch.zeros(2, 2, dtype=D)
    pos, neg = (
        torch.tensor([[1.0, 0.0], [0.0, 1.0]], dtype=D),
        torch.tensor([[2.0, 0.0], [0.0, 3.0]], dtype=D),
    )
    _compare("triplet_margin_loss", a, pos, neg, eps=0.0)
    cos_in = torch.tensor([[1.0, 0.0]], dtype=D), torch.tensor([[1.0, 1.0]], dtype=D)
    _compare("cosine_embedding_loss", *cos_in, torch.tensor([-1]), margin=math.sqrt(0.5))


# --- the O(N C) formulations ---------------------------------------------------------------


def _ties_and_specials(rows: int, classes: int, seed: int) -> torch.Tensor:
    """Puntuaciones con empates (múltiplos de 1/2, pliegues exactos) e infinitos y ``nan``."""
    generator = torch.Generator().manual_seed(seed)
    x = (torch.randn(rows, classes, generator=generator, dtype=D) * 4).round() / 2
    special = torch.tensor([math.inf, -math.inf, math.nan], dtype=D)
    spots = torch.randint(0, rows * classes, (rows,), generator=generator)
    x.view(-1)[spots[: rows // 2]] = special[torch.randint(0, 3, (rows // 2,), generator=generator)]
    return x


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
def test_multilabel_margin_sorted_counts_match_torch_across_blocks(reduction):
    """300 filas de 4 clases: dos bloques de filas, empates, índices repetidos, inf y nan."""
    generator = torch.Generator().manual_seed(5)
    target = torch.randint(-1, 4, (300, 4), generator=generator)
    target[:, 0] = torch.randint(0, 4, (300,), generator=generator)
    _compare("multilabel_margin_loss", _ties_and_specials(300, 4, 6), target, reduction=reduction)
    finite = _ties_and_specials(300, 4, 7).nan_to_num(0.0, 3.0, -3.0)
    _compare("multilabel_margin_loss", finite, target, reduction=reduction)


def test_multilabel_margin_memory_is_linear_in_the_classes():
    """El pico de memoria no crece con :math:`C^2`: a lo sumo 1.5 veces el de torch."""
    from actloss.benchmark import catalog_cases, compare

    (case,) = catalog_cases(["multilabel_margin_loss"], loss_shape=(256, 64))
    result = compare(case, repeats=1, warmup=1)
    assert result.ours_peak <= 1.5 * result.torch_peak, (result.ours_peak, result.torch_peak)


@pytest.mark.parametrize("p", [1, 2])
def test_multi_margin_ties_and_specials_match_torch(p):
    x = _ties_and_specials(40, 5, 8)
    target = torch.randint(0, 5, (40,), generator=torch.Generator().manual_seed(9))
    weight = torch.tensor([1.0, 0.5, 2.0, 3.0, 0.25], dtype=D)
    for kwargs in ({}, {"weight": weight, "margin": 0.5}):
        _compare("multi_margin_loss", x, target, p=p, reduction="none", **kwargs)


def test_multi_margin_refuses_a_weight_that_requires_grad_like_torch():
    x, t = torch.randn(4, 5), torch.tensor([0, 1, 2, 3])
    _same_error("multi_margin_loss", "weight", x, t, weight=torch.ones(5, requires_grad=True))


def test_multilabel_soft_margin_infinite_scores_match_torch():
    """Con :math:`x = \\pm\\infty`, :math:`0 \\cdot \\infty` sale donde sale en torch."""
    inf, nan = math.inf, math.nan
    x = torch.tensor([[inf, -inf, nan, 0.0], [inf, -inf, 30.0, -30.0]], dtype=D)
    for labels in ([[0.0, 0.0, 1.0, 1.0], [1.0, 1.0, 0.0, 0.0]], [[0.3, 0.7, 0.5, 1.0]] * 2):
        y = torch.tensor(labels, dtype=D)
        for reduction in ("none", "sum"):
            _compare("multilabel_soft_margin_loss", x, y, reduction=reduction)


@pytest.mark.parametrize(("size", "value"), [(1000, -11.0), (100, -10.5), (10000, -9.0)])
def test_soft_margin_float16_gradient_does_not_underflow(size, value):
    """La muestra peor clasificada conserva su gradiente en float16, como en torch:
    :math:`(g/N)/(1 + e^z)` se desbordaría por abajo antes de multiplicarse por :math:`e^z`."""
    x = torch.zeros(size, dtype=torch.float16)
    x[0] = value
    grads = []
    for fn in (F.soft_margin_loss, torch.nn.functional.soft_margin_loss):
        leaf = x.clone().requires_grad_()
        out = fn(leaf, torch.ones_like(leaf))
        assert out.dtype == torch.float16
        grads.append(torch.autograd.grad(out, leaf)[0])
    exact = -1 / size / (1 + math.exp(value))  # the float64 derivative at the worst sample
    assert grads[0][0].item() == pytest.approx(exact, rel=2e-3)
    torch.testing.assert_close(grads[0], grads[1])


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16], ids=str)
@pytest.mark.parametrize("name", ["triplet_margin_loss", "triplet_margin_with_distance_loss"])
def test_triplet_distances_in_half_precision_accumulate_in_float32_like_torch(name, dtype):
    """Coordenadas de cientos: la suma de cuadrados pasa del mayor float16 (65504). torch
    acumula la norma en float32 y da una pérdida finita; actloss también."""
    generator = torch.Generator().manual_seed(9)
    anchor, positive, negative = (
        (torch.randn(4, 6, generator=generator) * 300).to(dtype) for _ in range(3)
    )
    results = []
    for library in (F, torch.nn.functional):
        leaf = anchor.clone().requires_grad_()
        loss = getattr(library, name)(leaf, positive, negative, reduction="none")
        results.append((loss, *torch.autograd.grad(loss.sum(), leaf)))
    assert torch.isfinite(results[0][0]).all()
    for ours, theirs in zip(*results, strict=True):
        torch.testing.assert_close(ours, theirs)


def test_soft_margin_in_float16_is_computed_in_float32_unlike_torch():
    """Lo que dice su docstring: con :math:`-y x = 20`, torch (en float16) da ``inf`` y
    ``nan``; actloss calcula en float32 y redondea una vez: finita, la de float32."""
    x = torch.tensor([-20.0, -12.0, 3.0], dtype=torch.float16)
    y = torch.ones(3, dtype=torch.float16)
    theirs = torch.nn.functional.soft_margin_loss(x, y, reduction="none")
    assert torch.isinf(theirs[:2]).all()
    ours = F.soft_margin_loss(x, y, reduction="none")
    expected = torch.nn.functional.soft_margin_loss(x.float(), y.float(), reduction="none")
    torch.testing.assert_close(ours, expected.half())
    assert "torch calcula en float16" in " ".join((F.soft_margin_loss.__doc__ or "").split())
