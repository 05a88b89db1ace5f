"""Pérdidas de clasificación: argumentos y casos que la parametrización del catálogo no cubre."""

from __future__ import annotations

import pytest
import torch

from actloss import catalog, nn
from actloss import functional as F
from helpers import is_spanish_error, raises_like_torch

TF = torch.nn.functional
D = torch.float64


def _pair(ours_fn, torch_fn, tensors, **kwargs):
    """Valor y gradientes de ambas funciones sobre copias de ``tensors``."""
    results = []
    for fn in (ours_fn, torch_fn):
        leaves = [t.detach().clone().requires_grad_(t.is_floating_point()) for t in tensors]
        out = fn(*leaves, **kwargs)
        wanted = [t for t in leaves if t.requires_grad]
        seed = torch.Generator().manual_seed(0)
        grad_out = torch.randn(out.shape, generator=seed, dtype=D).to(out.dtype)
        results.append((out.detach(), torch.autograd.grad(out, wanted, grad_out)))
    (ours, our_grads), (theirs, their_grads) = results
    assert ours.dtype == theirs.dtype
    torch.testing.assert_close(ours, theirs, equal_nan=True)
    for mine, ref in zip(our_grads, their_grads, strict=True):
        torch.testing.assert_close(mine, ref, equal_nan=True)
    return ours


REDUCTIONS = ["none", "mean", "sum"]
SHAPES = [(7,), (6, 5), (3, 4, 5), (2, 3, 4, 2), (2, 3, 2, 2, 2)]


def _logits_and_classes(shape, ignore=None):
    g = torch.Generator().manual_seed(len(shape))
    x = torch.randn(shape, generator=g, dtype=D)
    classes = shape[0] if len(shape) == 1 else shape[1]
    target_shape = () if len(shape) == 1 else (shape[0], *shape[2:])
    target = torch.randint(0, classes, target_shape, generator=g)
    if ignore is not None and target.dim():
        target.view(-1)[::3] = ignore
    return x, target, classes


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("fn", ["nll_loss", "cross_entropy"])
def test_weight_ignore_index_and_k_dimensions(fn, shape, reduction):
    x, target, classes = _logits_and_classes(shape, ignore=-100)
    weight = torch.rand(classes, dtype=D) + 0.5
    for kwargs in (
        {},
        {"weight": weight},
        {"ignore_index": 1},
        {"weight": weight, "ignore_index": 2},
    ):
        ignored = torch.where(target == -100, kwargs.get("ignore_index", -100), target)
        _pair(getattr(F, fn), getattr(TF, fn), (x, ignored), reduction=reduction, **kwargs)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_label_smoothing_with_weight_and_ignore_index(shape, reduction):
    x, target, classes = _logits_and_classes(shape, ignore=-100)
    weight = torch.rand(classes, dtype=D) + 0.5
    for kwargs in ({}, {"weight": weight}, {"weight": weight, "ignore_index": 0}):
        ignored = torch.where(target == -100, kwargs.get("ignore_index", -100), target)
        for eps in (0.2, 1.0):
            _pair(
                F.cross_entropy,
                TF.cross_entropy,
                (x, ignored),
                reduction=reduction,
                label_smoothing=eps,
                **kwargs,
            )


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_probability_targets(shape, reduction):
    x, _, classes = _logits_and_classes(shape)
    class_dim = 0 if len(shape) == 1 else 1
    p = torch.rand(shape, dtype=D).softmax(class_dim)
    weight = torch.rand(classes, dtype=D) + 0.5
    for kwargs in ({}, {"weight": weight}, {"label_smoothing": 0.3}):
        _pair(F.cross_entropy, TF.cross_entropy, (x, p), reduction=reduction, **kwargs)
    assert torch.autograd.gradcheck(
        lambda a, b: F.cross_entropy(a, b, weight=weight, reduction=reduction),
        (x.clone().requires_grad_(), p.clone().requires_grad_()),
    )


def test_all_targets_ignored_and_byte_targets():
    x, target, _ = _logits_and_classes((4, 3))
    for reduction in REDUCTIONS:
        _pair(F.nll_loss, TF.nll_loss, (x, torch.full((4,), -100)), reduction=reduction)
    _pair(F.cross_entropy, TF.cross_entropy, (x, target.to(torch.uint8)))
    _pair(F.cross_entropy, TF.cross_entropy, (x, torch.full((4,), -100)), label_smoothing=0.1)


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16])
def test_low_precision_dtypes(dtype):
    x, target, _ = _logits_and_classes((6, 5))
    p = torch.rand(6, 5, dtype=D)
    y = torch.rand(6, 5, dtype=D)
    tol = {"rtol": 2e-2, "atol": 2e-2}
    for ours, theirs, args in (
        (F.nll_loss, TF.nll_loss, (x.to(dtype), target)),
        (F.cross_entropy, TF.cross_entropy, (x.to(dtype), target)),
        (F.binary_cross_entropy, TF.binary_cross_entropy, (p.to(dtype), y.to(dtype))),
        (
            F.binary_cross_entropy_with_logits,
            TF.binary_cross_entropy_with_logits,
            (x.to(dtype), y.to(dtype)),
        ),
    ):
        mine, ref = ours(*args), theirs(*args)
        assert mine.dtype == ref.dtype == dtype
        torch.testing.assert_close(mine, ref, **tol)


def test_bce_clamps_log_at_minus_100_like_torch():
    x = torch.tensor([0.0, 1.0, 0.0, 1.0, 1e-50, 0.3], dtype=D)
    y = torch.tensor([1.0, 0.0, 0.0, 1.0, 1.0, 0.7], dtype=D)
    out = _pair(F.binary_cross_entropy, TF.binary_cross_entropy, (x, y), reduction="none")
    assert out[0] == 100 and out[1] == 100 and out[4] == 100
    weight = torch.rand(6, dtype=D)
    _pair(F.binary_cross_entropy, TF.binary_cross_entropy, (x, y), weight=weight)
    rows = torch.rand(3, 6, dtype=D)
    _pair(F.binary_cross_entropy, TF.binary_cross_entropy, (rows, rows.flip(0)), weight=weight)


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_bce_with_logits_pos_weight_and_weight(reduction):
    x = torch.randn(4, 3, dtype=D) * 5
    y = torch.rand(4, 3, dtype=D)
    pos_weight = torch.tensor([0.5, 2.0, 4.0], dtype=D)
    weight = torch.rand(4, 1, dtype=D)
    for kwargs in ({}, {"pos_weight": pos_weight}, {"weight": weight, "pos_weight": pos_weight}):
        _pair(
            F.binary_cross_entropy_with_logits,
            TF.binary_cross_entropy_with_logits,
            (x, y),
            reduction=reduction,
            **kwargs,
        )
    assert torch.autograd.gradcheck(
        lambda a, b: F.binary_cross_entropy_with_logits(a, b, pos_weight=pos_weight),
        (x.clone().requires_grad_(), y.clone().requires_grad_()),
    )
    assert torch.autograd.gradgradcheck(
        lambda a, b: F.binary_cross_entropy_with_logits(a, b, pos_weight=pos_weight),
        (x.clone().requires_grad_(), y.clone().requires_grad_()),
    )


def test_bce_with_logits_is_exact_where_bce_on_sigmoid_saturates():
    x = torch.tensor([-200.0, -50.0, 50.0, 200.0], dtype=D)
    y = torch.ones(4, dtype=D)
    exact = F.binary_cross_entropy_with_logits(x, y, reduction="none")
    torch.testing.assert_close(exact[:2], -x[:2])  # -log sigmoid(x) -> -x for x -> -inf
    sigmoid = 1 / (1 + torch.exp(-x))
    clamped = F.binary_cross_entropy(sigmoid, y, reduction="none")
    assert clamped[0] == 100  # saturated by the clamp
    # The result takes the dtype of the target, as torch's in-place arithmetic does.
    for target_dtype in (torch.float16, torch.float64):
        args = (torch.randn(3), torch.rand(3).to(target_dtype))
        theirs = TF.binary_cross_entropy_with_logits(*args)
        assert F.binary_cross_entropy_with_logits(*args).dtype == theirs.dtype == target_dtype


@pytest.mark.parametrize(
    ("fn", "args", "kwargs", "argument"),
    [
        ("nll_loss", (torch.randn(4, 5), torch.tensor([0, 1, 2, 5])), {}, "target"),
        ("nll_loss", (torch.randn(4, 5), torch.tensor([0, 1, 2, -1])), {}, "target"),
        ("cross_entropy", (torch.randn(4, 5), torch.tensor([0, 1, 9, 3])), {}, "target"),
        ("nll_loss", (torch.randn(4, 5), torch.zeros(4, dtype=torch.int32)), {}, "target"),
        ("nll_loss", (torch.randn(4, 5), torch.zeros(4)), {}, "target"),
        ("nll_loss", (torch.randn(4, 5), torch.zeros(4, dtype=torch.bool)), {}, "target"),
        ("nll_loss", (torch.tensor(1.0), torch.tensor(0)), {}, "input"),
        ("nll_loss", (torch.randn(4, 5), torch.zeros(3, dtype=torch.long)), {}, "target"),
        ("nll_loss", (torch.randn(4, 5), torch.zeros(4, 1, dtype=torch.long)), {}, "target"),
        ("nll_loss", (torch.randn(5), torch.zeros(2, dtype=torch.long)), {}, "target"),
        ("nll_loss", (torch.randn(2, 3, 4), torch.zeros(2, 5, dtype=torch.long)), {}, "target"),
        (
            "nll_loss",
            (torch.randn(2, 3, 4, 2), torch.zeros(2, 4, 3, dtype=torch.long)),
            {},
            "target",
        ),
        (
            "nll_loss",
            (torch.randn(4, 5), torch.zeros(4, dtype=torch.long)),
            {"weight": torch.ones(3)},
            "weight",
        ),
        (
            "nll_loss",
            (torch.randn(4, 5), torch.zeros(4, dtype=torch.long)),
            {"weight": torch.ones(5, dtype=D)},
            "weight",
        ),
        ("nll_loss", (torch.randn(4, 5).cfloat(), torch.zeros(4, dtype=torch.long)), {}, "input"),
        (
            "cross_entropy",
            (torch.randn(4, 5), torch.rand(4, 5)),
            {"ignore_index": 1},
            "ignore_index",
        ),
        ("cross_entropy", (torch.randn(4, 5), torch.ones(4, 5, dtype=torch.long)), {}, "target"),
        (
            "cross_entropy",
            (torch.randn(4, 5), torch.zeros(4, dtype=torch.long)),
            {"label_smoothing": 1.5},
            "label_smoothing",
        ),
        ("cross_entropy", (torch.tensor(1.0), torch.tensor(0.5)), {}, "input"),
        ("cross_entropy", (torch.arange(6).reshape(2, 3), torch.tensor([0, 1])), {}, "input"),
        (
            "cross_entropy",
            (torch.randn(2, 3), torch.rand(2, 3)),
            {"weight": torch.ones(2)},
            "weight",
        ),
        ("binary_cross_entropy", (torch.tensor([0.2, 1.5, 2.5]), torch.rand(3)), {}, "input"),
        ("binary_cross_entropy", (torch.tensor([float("nan")]), torch.rand(1)), {}, "input"),
        ("binary_cross_entropy", (torch.rand(3), torch.tensor([0.2, 1.5, 2.5])), {}, "target"),
        ("binary_cross_entropy", (torch.rand(3), torch.rand(3, dtype=D)), {}, "target"),
        (
            "binary_cross_entropy",
            (torch.rand(2, 3), torch.rand(2, 3)),
            {"weight": torch.ones(2)},
            "weight",
        ),
        (
            "binary_cross_entropy_with_logits",
            (torch.randn(3), torch.zeros(3, dtype=torch.long)),
            {},
            "target",
        ),
        (
            "binary_cross_entropy_with_logits",
            (torch.randn(2, 3), torch.rand(2, 3)),
            {"pos_weight": torch.ones(2)},
            "pos_weight",
        ),
        (
            "binary_cross_entropy_with_logits",
            (torch.randn(2, 3), torch.rand(2, 3)),
            {"weight": torch.ones(2)},
            "weight",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_bad_arguments_raise_like_torch(fn, args, kwargs, argument):
    raises_like_torch(getattr(F, fn), getattr(TF, fn), *args, argument=argument, **kwargs)


@pytest.mark.parametrize("fn", ["nll_loss", "cross_entropy", "binary_cross_entropy"])
@pytest.mark.parametrize(("size_average", "reduce"), [(True, None), (False, True), (None, False)])
def test_legacy_arguments_map_like_torch(fn, size_average, reduce):
    x, target, _ = _logits_and_classes((4, 3))
    if fn == "binary_cross_entropy":
        x, target = x.sigmoid(), torch.rand(4, 3, dtype=D)
    with pytest.warns(UserWarning, match="size_average"):
        ours = getattr(F, fn)(x, target, size_average=size_average, reduce=reduce)
    with pytest.warns(UserWarning, match="size_average"):
        theirs = getattr(TF, fn)(x, target, size_average=size_average, reduce=reduce)
    torch.testing.assert_close(ours, theirs)


def test_nll_loss2d_is_a_deprecated_alias():
    with pytest.warns(FutureWarning) as record:
        ours = nn.NLLLoss2d(ignore_index=1, reduction="sum")
    assert "`NLLLoss`" in str(record[0].message)
    with pytest.warns(FutureWarning):
        theirs = torch.nn.NLLLoss2d(ignore_index=1, reduction="sum")
    assert isinstance(ours, nn.NLLLoss) and repr(ours) == repr(theirs)
    x, target, _ = _logits_and_classes((2, 3, 4, 2))
    torch.testing.assert_close(ours(x, target), theirs(x, target))


# --- linear cross-entropy ---------------------------------------------------------------


def _twin_linear_ce(**kwargs):
    torch.manual_seed(0)
    ours = nn.LinearCrossEntropyLoss(dtype=D, **kwargs)
    theirs = torch.nn.LinearCrossEntropyLoss(dtype=D, **kwargs)
    ours.load_state_dict(theirs.state_dict())
    return ours, theirs


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"bias": True, "reduction": "none"},
        {"weight": torch.rand(4, dtype=D) + 0.5, "ignore_index": 1, "reduction": "sum"},
        {"label_smoothing": 0.2},
        {"out_features": (2, 3), "bias": True},
    ],
    ids=["defecto", "sesgo", "pesos", "suavizado", "k_dim"],
)
def test_linear_cross_entropy_module_matches_torch(kwargs):
    ours, theirs = _twin_linear_ce(in_features=6, num_classes=4, **kwargs)
    assert repr(ours) == repr(theirs)
    x = torch.randn(5, 6, dtype=D, requires_grad=True)
    out_features = kwargs.get("out_features", ())
    target = torch.randint(0, 4, (5, *out_features))
    out_ours, out_theirs = ours(x, target), theirs(x, target)
    torch.testing.assert_close(out_ours, out_theirs)
    grads_ours = torch.autograd.grad(out_ours.sum(), [x, *ours.parameters()])
    grads_theirs = torch.autograd.grad(out_theirs.sum(), [x, *theirs.parameters()])
    for mine, ref in zip(grads_ours, grads_theirs, strict=True):
        torch.testing.assert_close(mine, ref)


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_linear_cross_entropy_chunked_path_gives_the_same_value(reduction):
    options = torch.nn.LinearCrossEntropyOptions(batch_chunk_size=3)
    x = torch.randn(10, 6, dtype=D, requires_grad=True)
    w = torch.randn(40, 6, dtype=D, requires_grad=True)
    b = torch.randn(40, dtype=D, requires_grad=True)
    target = torch.randint(0, 40, (10,))
    target[4] = -100
    kwargs = {"linear_bias": b, "reduction": reduction}
    chunked = F.linear_cross_entropy(x, w, target, options=options, **kwargs)
    direct = F.linear_cross_entropy(x, w, target, **kwargs)
    theirs = TF.linear_cross_entropy(x, w, target, options=options, **kwargs)
    torch.testing.assert_close(chunked, direct)
    torch.testing.assert_close(chunked, theirs)
    grads = [torch.autograd.grad(out.sum(), [x, w, b]) for out in (chunked, theirs)]
    for mine, ref in zip(*grads, strict=True):
        torch.testing.assert_close(mine, ref)
    with pytest.warns(UserWarning, match="`options`"):
        F.linear_cross_entropy(x, w, target, options=options, label_smoothing=0.1)


def test_linear_cross_entropy_probabilities_unbatched_and_errors():
    x, w = torch.randn(6, dtype=D), torch.randn(4, 6, dtype=D)
    _pair(F.linear_cross_entropy, TF.linear_cross_entropy, (x, w, torch.tensor(2)))
    p = torch.rand(3, 4, dtype=D).softmax(1)
    _pair(F.linear_cross_entropy, TF.linear_cross_entropy, (torch.randn(3, 6, dtype=D), w, p))
    cases = [
        ((torch.randn(2, 2, 6), w, torch.zeros(2, dtype=torch.long)), {}, "input"),
        (
            (torch.randn(2, 6), torch.randn(6), torch.zeros(2, dtype=torch.long)),
            {},
            "linear_weight",
        ),
        (
            (torch.randn(2, 5), torch.randn(4, 6), torch.zeros(2, dtype=torch.long)),
            {},
            "linear_weight",
        ),
        (
            (torch.randn(2, 6), torch.randn(4, 6), torch.zeros(2, dtype=torch.long)),
            {"linear_bias": torch.ones(3)},
            "linear_bias",
        ),
        ((torch.randn(6), torch.randn(4, 2, 6), torch.zeros(2, dtype=torch.long)), {}, "input"),
        (
            (torch.randn(2, 6), torch.randn(4, 6), torch.rand(2, 4)),
            {"ignore_index": 1},
            "ignore_index",
        ),
    ]
    for args, kwargs, argument in cases:
        raises_like_torch(
            F.linear_cross_entropy, TF.linear_cross_entropy, *args, argument=argument, **kwargs
        )
    for kwargs, argument in (
        ({"weight": torch.ones(3)}, "weight"),
        ({"label_smoothing": 2.0}, "label_smoothing"),
    ):
        raises_like_torch(
            nn.LinearCrossEntropyLoss,
            torch.nn.LinearCrossEntropyLoss,
            6,
            4,
            argument=argument,
            **kwargs,
        )


def test_linear_cross_entropy_properties():
    """Las propiedades del catálogo, en los rasgos con una matriz de rango completo."""
    props = catalog.get("linear_cross_entropy").properties
    g = torch.Generator().manual_seed(5)
    w = torch.randn(3, 5, generator=g, dtype=D)
    a, b = (torch.randn(200, 5, generator=g, dtype=D) * 10**k for k in (0, 2))
    target = torch.randint(0, 3, (200,), generator=g)

    def loss(x):
        return F.linear_cross_entropy(x, w, target, reduction="none")

    assert bool((loss(a) >= 0).all()) == props.nonnegative
    # W x = 1000 e_y has a solution (rank 3 <= 5 features): a one-hot softmax.
    perfect = torch.linalg.lstsq(w, 1000 * torch.eye(3, dtype=D)[target].T).solution.T
    assert bool((loss(perfect) == 0).all()) == props.zero_at_target
    assert bool((loss((a + b) / 2) <= (loss(a) + loss(b)) / 2 + 1e-9).all()) == props.convex
    leaf = (b * 1e4).requires_grad_()
    (grad,) = torch.autograd.grad(loss(leaf).sum(), leaf)
    assert bool(grad.abs().max() < 1e3) == props.bounded_gradient


# --- adaptive softmax -------------------------------------------------------------------


def _twin_adaptive(**kwargs):
    ours = nn.AdaptiveLogSoftmaxWithLoss(dtype=D, **kwargs)
    theirs = torch.nn.AdaptiveLogSoftmaxWithLoss(dtype=D, **kwargs)
    ours.load_state_dict(theirs.state_dict())  # the same parameter names and shapes
    return ours, theirs


@pytest.mark.parametrize("head_bias", [False, True])
def test_adaptive_softmax_matches_torch(head_bias):
    ours, theirs = _twin_adaptive(
        in_features=8, n_classes=12, cutoffs=[3, 7], div_value=2.0, head_bias=head_bias
    )
    assert repr(ours) == repr(theirs)
    x = torch.randn(9, 8, dtype=D, requires_grad=True)
    target = torch.tensor([0, 2, 3, 6, 7, 11, 1, 9, 4])
    (out_ours, loss_ours), (out_theirs, loss_theirs) = ours(x, target), theirs(x, target)
    torch.testing.assert_close(out_ours, out_theirs)
    torch.testing.assert_close(loss_ours, loss_theirs)
    assert ours(x, target)._fields == ("output", "loss")
    grads_ours = torch.autograd.grad(loss_ours, [x, *ours.parameters()])
    grads_theirs = torch.autograd.grad(loss_theirs, [x, *theirs.parameters()])
    for mine, ref in zip(grads_ours, grads_theirs, strict=True):
        torch.testing.assert_close(mine, ref)
    torch.testing.assert_close(ours.log_prob(x), theirs.log_prob(x))
    torch.testing.assert_close(ours.log_prob(x).exp().sum(1), torch.ones(9, dtype=D))
    many = torch.randn(200, 8, dtype=D) * 3
    # Class indices compared exactly: a different rounding could only swap two classes
    # whose log-probabilities tie to a few ulps, and none come that close here.
    best_two = ours.log_prob(many).detach().topk(2, dim=1).values
    assert float((best_two[:, 0] - best_two[:, 1]).min()) > 1e-9
    assert torch.equal(ours.predict(many), theirs.predict(many))
    assert torch.equal(ours.predict(many), ours.log_prob(many).argmax(1))
    single = ours(x[0], target[3])
    torch.testing.assert_close(single.output, theirs(x[0], target[3]).output)
    assert single.output.dim() == 0
    # The loss is the NLL of the full distribution: the same numbers, more work.
    torch.testing.assert_close(loss_ours, F.nll_loss(ours.log_prob(x), target))


def test_adaptive_softmax_errors_like_torch():
    ours, theirs = _twin_adaptive(in_features=4, n_classes=6, cutoffs=[2])
    x = torch.randn(3, 4, dtype=D)
    cases = [
        (x, torch.tensor([0, 1])),
        (x[0], torch.tensor([0, 1, 2])),
        (x, torch.tensor(1)),
        (x, torch.zeros(3, 1, dtype=torch.long)),
        (x, torch.tensor([0, 1, 6])),
    ]
    for args in cases:
        raises_like_torch(ours, theirs, *args, argument="target")
    for cutoffs in ([], [3, 2], [0], [6], [2, 2]):
        raises_like_torch(
            nn.AdaptiveLogSoftmaxWithLoss,
            torch.nn.AdaptiveLogSoftmaxWithLoss,
            4,
            6,
            cutoffs,
            argument="cutoffs",
        )


def test_adaptive_softmax_properties():
    """Las propiedades del catálogo, comprobadas con el módulo y parámetros fijos."""
    props = catalog.get("adaptive_log_softmax_with_loss").properties
    torch.manual_seed(0)
    # in_features=4, div_value=4: the cluster [4, 7) is projected to a single feature.
    layer = nn.AdaptiveLogSoftmaxWithLoss(4, 7, [4], dtype=D)
    g = torch.Generator().manual_seed(6)
    a, b = (torch.randn(300, 4, generator=g, dtype=D) * 10**k for k in (0, 2))
    target = torch.randint(0, 7, (300,), generator=g)

    def loss(x, y=target):
        return -layer(x, y).output.detach()

    assert bool((loss(a) >= 0).all()) == props.nonnegative
    assert bool((loss((a + b) / 2) <= (loss(a) + loss(b)) / 2 + 1e-9).all()) == props.convex
    leaf = (b * 1e4).requires_grad_()
    (grad,) = torch.autograd.grad(layer(leaf, target).loss * 300, leaf)
    assert bool(grad.abs().max() < 1e3) == props.bounded_gradient
    # Through one feature s the cluster's logits are u_j s: for the class whose u_j is
    # neither the largest nor the smallest, one other logit is always at least as
    # large, so its probability within the cluster is at most 1/2, whatever x is.
    (up,) = layer.tail[0][1].weight.detach().T
    middle = 4 + int(up.argsort()[1])
    scales = 10 ** torch.linspace(-3, 4, 300, dtype=D)[:, None]
    anywhere = torch.randn(300, 4, generator=g, dtype=D) * scales
    smallest = loss(anywhere, torch.full((300,), middle)).min()
    assert bool(smallest >= torch.log(torch.tensor(2.0, dtype=D)) - 1e-12) == (
        not props.zero_at_target
    )


@pytest.mark.parametrize("shape", [(0, 0, 2), (3, 0, 2), (3, 0), (0,), (2, 0, 3, 1)], ids=str)
def test_no_classes_behaves_like_torch(shape):
    """Sin clases torch a veces falla y a veces da nan; actloss hace lo mismo."""
    x = torch.randn(shape, dtype=D)
    ignored = torch.full(() if len(shape) == 1 else (shape[0], *shape[2:]), -100)
    p = torch.rand(shape, dtype=D)
    calls = [
        ("nll_loss", ignored, {}),
        ("cross_entropy", ignored, {"label_smoothing": 0.2}),
        ("cross_entropy", p, {"label_smoothing": 0.2, "reduction": "none"}),
    ]
    for fn, target, kwargs in calls:
        try:
            getattr(TF, fn)(x, target, **kwargs)
        except Exception as refusal:
            with pytest.raises(type(refusal)) as ours:
                getattr(F, fn)(x, target, **kwargs)
            assert is_spanish_error(str(ours.value), "input")
            continue
        _pair(getattr(F, fn), getattr(TF, fn), (x, target), **kwargs)


def test_bce_with_logits_rounds_like_torch_with_mixed_dtypes():
    x = torch.randn(2, 1, 3) * 20
    y = torch.rand(2, 1, 3, dtype=D)
    pos_weight = torch.rand(3) + 1
    _pair(
        F.binary_cross_entropy_with_logits,
        TF.binary_cross_entropy_with_logits,
        (x, y),
        pos_weight=pos_weight,
    )


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("shape", [(6, 5), (3, 4, 5)], ids=str)
def test_nll_gather_path_and_masked_path_both_match_torch(shape, reduction):
    """Sin objetivos ignorados ni fuera de rango, ``nll_loss`` solo hace un gather."""
    x, target, classes = _logits_and_classes(shape)
    target.view(-1)[:2] = torch.tensor([0, classes - 1])  # the range is [0, C - 1]
    weight = torch.rand(classes, dtype=D) + 0.5
    # -100 and C + 5 lie outside the targets' range: the gather path. 1 lies inside it,
    # though no target is 1 after the replacement: the path with masks.
    unused = torch.where(target == 1, 0, target)
    for kwargs in ({}, {"weight": weight}, {"ignore_index": classes + 5}, {"ignore_index": 1}):
        for fn in ("nll_loss", "cross_entropy"):
            _pair(getattr(F, fn), getattr(TF, fn), (x, unused), reduction=reduction, **kwargs)


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_bce_in_place_paths_match_torch_at_special_values(reduction):
    inf, nan = float("inf"), float("nan")
    logits = torch.tensor([inf, -inf, nan, 0.0, -0.0, 50.0, -50.0, 1.5], dtype=D)
    labels = torch.tensor([1.0, 0.0, 0.5, 1.0, 0.0, 0.25, 0.75, 0.0], dtype=D)
    for dtype in (torch.float32, D):
        x, y = logits.to(dtype), labels.to(dtype)
        _pair(
            F.binary_cross_entropy_with_logits,
            TF.binary_cross_entropy_with_logits,
            (x, y),
            reduction=reduction,
        )
        p = torch.tensor([0.0, 1.0, 0.5, 1e-30, 0.999, 0.25, 0.75, 0.1], dtype=dtype)
        out = _pair(
            F.binary_cross_entropy,
            TF.binary_cross_entropy,
            (p[2:], y[2:].nan_to_num(0.5)),
            reduction=reduction,
        )
        assert out.isfinite().all()
        torch.testing.assert_close(
            F.binary_cross_entropy(p, y.nan_to_num(0.5), reduction=reduction),
            TF.binary_cross_entropy(p, y.nan_to_num(0.5), reduction=reduction),
        )


@pytest.mark.parametrize(
    ("name", "argument"),
    [
        ("binary_cross_entropy", "weight"),
        ("binary_cross_entropy_with_logits", "weight"),
        ("binary_cross_entropy_with_logits", "pos_weight"),
    ],
)
def test_weights_that_require_grad_are_refused_like_torch(name, argument):
    """torch no deriva respecto a ``weight`` ni a ``pos_weight``: rechaza que lo pidan (con
    autograd activo) en vez de dar un gradiente."""
    x, y = torch.rand(4, 3), torch.rand(4, 3)
    weights = {argument: torch.ones(3, requires_grad=True)}
    ours, theirs = getattr(F, name), getattr(torch.nn.functional, name)
    raises_like_torch(ours, theirs, x, y, argument=argument, **weights)
    with torch.no_grad():  # nothing to differentiate: both compute
        torch.testing.assert_close(ours(x, y, **weights), theirs(x, y, **weights))


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize(
    ("input_dtype", "target_dtype"),
    [
        (torch.float64, torch.float16),
        (torch.float64, torch.bfloat16),
        (torch.float32, torch.float16),
    ],
    ids=str,
)
def test_bce_with_logits_gradient_in_the_inputs_precision(input_dtype, target_dtype, reduction):
    """La pérdida toma el dtype del objetivo, pero el gradiente de la entrada se calcula en el
    de la cuenta, como en torch: con un objetivo float16, 1/N no se redondea a media
    precisión."""
    results = []
    for library in (F, torch.nn.functional):
        x = torch.tensor([[0.3, -1.2, 2.0]], dtype=input_dtype, requires_grad=True)
        target = torch.tensor([[0.1, 0.7, 0.9]], dtype=target_dtype)
        loss = library.binary_cross_entropy_with_logits(x, target, reduction=reduction)
        results.append((loss, *torch.autograd.grad(loss.sum(), x)))
    for ours, theirs in zip(*results, strict=True):
        assert ours.dtype == theirs.dtype
        torch.testing.assert_close(ours, theirs)
