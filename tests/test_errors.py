"""Una entrada inválida produce la misma clase de excepción que torch, con un mensaje en español."""

from __future__ import annotations

import inspect
import math

import numpy as np
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


# --- arguments of the wrong type, and values torch refuses ------------------------------

TF = torch.nn.functional
_ACTIVATIONS = [
    "sigmoid",
    "tanh",
    "softsign",
    "logsigmoid",
    "softplus",
    "silu",
    "mish",
    "gelu",
    "elu",
    "celu",
    "selu",
    "elu_",
    "celu_",
    "selu_",
    "hardtanh",
    "hardtanh_",
    "relu6",
    "hardsigmoid",
    "hardswish",
    "hardshrink",
    "softshrink",
    "tanhshrink",
]
_PAIRS = ["l1_loss", "mse_loss", "smooth_l1_loss", "huber_loss", "poisson_nll_loss", "kl_div"]


_RECTIFIERS = ["relu", "relu_", "leaky_relu", "leaky_relu_", "rrelu", "rrelu_", "prelu"]
_NORMALIZED = ["softmax", "softmin", "log_softmax"]
_LABELED = ["cross_entropy", "multi_margin_loss"]  # (input, class indices)
_SAME_SHAPE = ["binary_cross_entropy", "binary_cross_entropy_with_logits"]
_SAME_SHAPE += ["hinge_embedding_loss", "soft_margin_loss", "multilabel_soft_margin_loss"]


def _valid_arguments(name: str) -> list:
    """Argumentos válidos de ``name``; la prueba sustituye uno de sus tensores."""
    x, labels = torch.randn(3, 4), torch.tensor([0, 1, 2])
    signs, log_probs = torch.tensor([1.0, -1.0, 1.0]), torch.randn(6, 2, 5).log_softmax(-1)
    special = {
        **{n: [x, 1] for n in _NORMALIZED},
        **{n: [x, labels] for n in _LABELED},
        **{n: [x.sigmoid(), x.sigmoid()] for n in _SAME_SHAPE},
        "prelu": [x, torch.tensor([0.25])],
        "cosine_embedding_loss": [x, x, signs],
        "margin_ranking_loss": [signs, signs, signs],
        "multilabel_margin_loss": [x, torch.tensor([[0, 1, -1, 0]] * 3)],
        "ctc_loss": [log_probs, torch.tensor([[1, 2], [3, 1]]), torch.tensor([6, 6])],
        "threshold": [x, 0.0, 1.0],
        "threshold_": [x, 0.0, 1.0],
        "gaussian_nll_loss": [x, x, torch.ones(3, 4)],
        "triplet_margin_loss": [x, x, x],
        "triplet_margin_with_distance_loss": [x, x, x],
        "nll_loss": [x.log_softmax(1), labels],
        "linear_cross_entropy": [x, torch.randn(5, 4), labels],
    }
    if name == "ctc_loss":
        special[name].append(torch.tensor([2, 2]))
    return special.get(name, [x, x] if name in _PAIRS else [x])


def _tensor_positions() -> list:
    """``(función, posición, nombre)`` de cada argumento tensor de las funciones de la tabla."""
    names = [*_ACTIVATIONS, "threshold", "threshold_", *_PAIRS, "gaussian_nll_loss"]
    names += ["triplet_margin_loss", "triplet_margin_with_distance_loss", "nll_loss"]
    names.append("linear_cross_entropy")
    names += [*_RECTIFIERS, *_NORMALIZED, "glu", *_LABELED, *_SAME_SHAPE]
    names += ["cosine_embedding_loss", "margin_ranking_loss", "multilabel_margin_loss", "ctc_loss"]
    cases = []
    for name in names:
        parameters = list(inspect.signature(getattr(F, name)).parameters)
        for position, value in enumerate(_valid_arguments(name)):
            if isinstance(value, torch.Tensor):
                cases.append(
                    pytest.param(name, position, parameters[position], id=f"{name}-{position}")
                )
    return cases


@pytest.mark.parametrize("bad", [[1.0, -2.0], "a", 1.5], ids=["lista", "cadena", "float"])
@pytest.mark.parametrize(("name", "position", "argument"), _tensor_positions())
def test_non_tensor_argument_raises_like_torch(name, position, argument, bad):
    arguments = _valid_arguments(name)
    arguments[position] = bad
    theirs = _outcome(getattr(TF, name), *arguments)
    ours = _outcome(getattr(F, name), *arguments)
    # gaussian_nll_loss takes a number as target or var, multilabel_soft_margin_loss as target
    if not isinstance(theirs, Exception):
        torch.testing.assert_close(ours, theirs)
        return
    assert type(ours) is type(theirs), f"torch lanza {theirs!r}; actloss da {ours!r}"
    assert is_spanish_error(str(ours), argument), str(ours)


def _triplet_of(*shape: int) -> tuple[torch.Tensor, ...]:
    return tuple(torch.randn(shape) for _ in range(3))


_INF = float("inf")
_COMPLEX = torch.randn(3, dtype=torch.complex64)
_BOOL = torch.tensor([True, False])
_INTEGERS = torch.tensor([[1, 2], [3, 4]])
# A class out of range (-100 is not ignored here) on torch's chunked path.
_CHUNKED = (torch.randn(6, 4), torch.randn(5, 4), torch.tensor([0, 1, -100, 2, 3, 4]))
_CHUNKED += (
    {"ignore_index": 1, "options": torch.nn.LinearCrossEntropyOptions(batch_chunk_size=2)},
)
_LABELS = torch.tensor([0, 2])


def _ctc_arguments() -> tuple[torch.Tensor, torch.Tensor, tuple[int, ...], tuple[int, ...]]:
    log_probs = torch.randn(5, 2, 4).log_softmax(2)
    return log_probs, torch.tensor([[1, 2], [1, 1]]), (5, 5), (2, 2)


# (id, the argument the message names, the call with either module as ``M``)
REFUSED = (
    [
        ("softplus-beta", "beta", lambda M, x: M.softplus(x, beta="a")),
        ("softplus-threshold", "threshold", lambda M, x: M.softplus(x, threshold=None)),
        ("threshold-threshold", "threshold", lambda M, x: M.threshold(x, "a", 1.0)),
        ("threshold-value", "value", lambda M, x: M.threshold(x, 0.0, "a")),
        ("hardtanh-min_val", "min_val", lambda M, x: M.hardtanh(x, "a")),
        ("hardtanh-max_val", "max_val", lambda M, x: M.hardtanh(x, -1.0, None)),
        ("elu-alpha", "alpha", lambda M, x: M.elu(x, "a")),
        ("celu-alpha", "alpha", lambda M, x: M.celu(x, "a")),
        ("hardshrink-lambd", "lambd", lambda M, x: M.hardshrink(x, "a")),
        ("softshrink-lambd", "lambd", lambda M, x: M.softshrink(x, "a")),
        ("gelu-approximate", "approximate", lambda M, x: M.gelu(x, approximate=1)),
        ("smooth_l1-beta", "beta", lambda M, x: M.smooth_l1_loss(x, x, beta="a")),
        ("huber-delta", "delta", lambda M, x: M.huber_loss(x, x, delta="a")),
        ("poisson-eps", "eps", lambda M, x: M.poisson_nll_loss(x, x, eps="a")),
        # torch's bool arguments take True or False only; its numbers, a 0-D tensor at most.
        ("kl_div-log_target", "log_target", lambda M, x: M.kl_div(x, x, log_target=None)),
        ("poisson-log_input", "log_input", lambda M, x: M.poisson_nll_loss(x, x, log_input=1)),
        ("poisson-full", "full", lambda M, x: M.poisson_nll_loss(x, x, full="no")),
        ("triplet-swap", "swap", lambda M, x: M.triplet_margin_loss(x, x, x, swap=None)),
        ("ctc-blank", "blank", lambda M, x: M.ctc_loss(*_ctc_arguments(), blank=1.5)),
        (
            "ctc-zero_infinity",
            "zero_infinity",
            lambda M, x: M.ctc_loss(*_ctc_arguments(), zero_infinity="no"),
        ),
        ("margin_ranking-margin", "margin", lambda M, x: M.margin_ranking_loss(x, x, x, "x")),
        ("cosine-margin", "margin", lambda M, x: M.cosine_embedding_loss(x, x, x[:, 0], "x")),
        ("multi_margin-margin", "margin", lambda M, x: M.multi_margin_loss(x, _LABELS, margin="x")),
        (
            "cross_entropy-label_smoothing",
            "label_smoothing",
            lambda M, x: M.cross_entropy(x, _LABELS, label_smoothing="x"),
        ),
        ("leaky_relu-tensor", "negative_slope", lambda M, x: M.leaky_relu(x, torch.ones(1))),
        ("elu-ndarray", "alpha", lambda M, x: M.elu(x, np.array([0.5]))),
        (
            "elu-requires_grad",
            "alpha",
            lambda M, x: M.elu(x, torch.tensor(0.5, requires_grad=True)),
        ),
        ("smooth_l1-nan", "beta", lambda M, x: M.smooth_l1_loss(x, x, beta=float("nan"))),
        (
            "multilabel_soft_margin-bool",
            "target",
            lambda M, x: M.multilabel_soft_margin_loss(x, x > 0),
        ),
        ("gaussian-eps", "eps", lambda M, x: M.gaussian_nll_loss(x, x, torch.ones(2, 3), eps="a")),
        ("triplet-margin", "margin", lambda M, x: M.triplet_margin_loss(x, x, x, margin="a")),
        ("triplet-p", "p", lambda M, x: M.triplet_margin_loss(x, x, x, p="a")),
        ("triplet-eps", "eps", lambda M, x: M.triplet_margin_loss(x, x, x, eps="a")),
        (
            "nll-ignore_index",
            "ignore_index",
            lambda M, x: M.nll_loss(x, torch.ones(2).long(), ignore_index=1.5),
        ),
        (
            "ce-ignore_index",
            "ignore_index",
            lambda M, x: M.cross_entropy(x, torch.ones(2).long(), ignore_index=1.5),
        ),
        (
            "ce-ignore_index-bool",
            "ignore_index",
            lambda M, x: M.cross_entropy(x, torch.ones(2).long(), ignore_index=True),
        ),
        (
            "lce-ignore_index",
            "ignore_index",
            lambda M, x: M.linear_cross_entropy(
                x, torch.randn(4, 3), torch.ones(2).long(), ignore_index=1.5
            ),
        ),
        (
            "nll-weight-grad",
            "weight",
            lambda M, x: M.nll_loss(x, torch.ones(2).long(), torch.ones(3, requires_grad=True)),
        ),
        (
            "ce-weight-grad",
            "weight",
            lambda M, x: M.cross_entropy(
                x, torch.ones(2).long(), torch.ones(3, requires_grad=True)
            ),
        ),
        (
            "ce-smoothing-weight-grad",
            "weight",
            lambda M, x: M.cross_entropy(
                x, torch.ones(2).long(), torch.ones(3, requires_grad=True), label_smoothing=0.1
            ),
        ),
        (
            "ce-probabilities-ignore_index",
            "ignore_index",
            lambda M, x: M.cross_entropy(x, x.softmax(1), ignore_index=1.5),
        ),
        (
            "ce-probabilities-ignore_index-negative",
            "ignore_index",
            lambda M, x: M.cross_entropy(x, x.softmax(1), ignore_index=-1.5),
        ),
        (
            "ce-probabilities-ignore_index-bool",
            "ignore_index",
            lambda M, x: M.cross_entropy(x, x.softmax(1), ignore_index=True),
        ),
        ("leaky_relu-negative_slope", "negative_slope", lambda M, x: M.leaky_relu(x, "a")),
        ("leaky_relu-negative_slope-None", "negative_slope", lambda M, x: M.leaky_relu(x, None)),
        ("leaky_relu_-negative_slope", "negative_slope", lambda M, x: M.leaky_relu_(x, "a")),
        ("softshrink-inf", "lambd", lambda M, x: M.softshrink(x, _INF)),
        ("softshrink-nan", "lambd", lambda M, x: M.softshrink(x, float("nan"))),
        ("softshrink-half-range", "lambd", lambda M, x: M.softshrink(x.half(), 70000.0)),
        ("triplet-D0-p-1", "p", lambda M, x: M.triplet_margin_loss(*_triplet_of(3, 0), p=-1)),
        ("triplet-D0-inf", "p", lambda M, x: M.triplet_margin_loss(*_triplet_of(3, 0), p=_INF)),
        ("triplet-D0-p-inf-1d", "p", lambda M, x: M.triplet_margin_loss(*_triplet_of(0), p=-_INF)),
        ("softsign-bool", "input", lambda M, x: M.softsign(_BOOL)),
        ("threshold-bool", "input", lambda M, x: M.threshold(_BOOL, 0.0, 1.0)),
        ("threshold_-bool", "input", lambda M, x: M.threshold_(_BOOL.clone(), 0.0, 1.0)),
        ("relu6-bool", "input", lambda M, x: M.relu6(_BOOL)),
        ("hardtanh-bool", "input", lambda M, x: M.hardtanh(_BOOL)),
        ("hardtanh_-bool", "input", lambda M, x: M.hardtanh_(_BOOL.clone())),
        ("relu-bool", "input", lambda M, x: M.relu(_BOOL)),
        ("l1_loss-bool", "target", lambda M, x: M.l1_loss(x, x > 0)),
        ("l1_loss-bool-input", "input", lambda M, x: M.l1_loss(x > 0, x)),
        ("smooth_l1_loss-bool-beta0", "target", lambda M, x: M.smooth_l1_loss(x, x > 0, beta=0.0)),
        ("relu_-bool", "input", lambda M, x: M.relu_(_BOOL.clone())),
        ("silu-complex-grad", "input", lambda M, x: M.silu(_COMPLEX.clone().requires_grad_())),
        ("hardtanh-int-inf", "min_val", lambda M, x: M.hardtanh(_INTEGERS, -_INF, _INF)),
        ("threshold-int-inf", "value", lambda M, x: M.threshold(_INTEGERS, 0.0, _INF)),
        ("threshold-int-nan", "threshold", lambda M, x: M.threshold(_INTEGERS, math.nan, 0.0)),
        (
            "lce-chunked-class",
            "target",
            lambda M, x: M.linear_cross_entropy(*_CHUNKED[:3], **_CHUNKED[3]),
        ),
    ]
    + [
        (
            f"rrelu-{argument}-{bound}-{'train' if training else 'eval'}",
            argument,
            lambda M, x, b=bounds, t=training: M.rrelu(x, *b, t),
        )
        for argument, bound, bounds in [
            ("lower", "nan", (math.nan, 0.3)),
            ("lower", "-inf", (-_INF, 0.3)),
            ("upper", "inf", (0.1, _INF)),
            ("lower", "str", ("a", 0.3)),
            ("upper", "None", (0.1, None)),
        ]
        for training in (False, True)
    ]
    + [
        (f"{name}-dim-{type(dim).__name__}", "dim", lambda M, x, n=name, d=dim: getattr(M, n)(x, d))
        for name in ["softmax", "softmin", "log_softmax", "glu"]
        for dim in (1.0, "1", True)
    ]
    + [
        (
            f"{name}-complex",
            "input",
            lambda M, x, name=name, kw=kw: getattr(M, name)(_COMPLEX, **kw),
        )
        for name, kw in [
            ("gelu", {"approximate": "tanh"}),
            ("gelu", {}),
            ("mish", {}),
            ("elu", {}),
            ("celu", {}),
            ("selu", {}),
            ("softplus", {}),
            ("logsigmoid", {}),
            ("hardshrink", {}),
            ("softshrink", {}),
            ("hardsigmoid", {}),
            ("hardswish", {}),
        ]
    ]
)


@pytest.mark.parametrize(("argument", "call"), [pytest.param(a, c, id=i) for i, a, c in REFUSED])
def test_refused_arguments_raise_like_torch(argument, call):
    x = torch.randn(2, 3)
    theirs = _outcome(call, TF, x)
    ours = _outcome(call, F, x)
    assert isinstance(theirs, Exception), "torch ya no lo rechaza"
    assert type(ours) is type(theirs), f"torch lanza {theirs!r}; actloss da {ours!r}"
    assert is_spanish_error(str(ours), argument), str(ours)


@pytest.mark.parametrize("label_smoothing", [0.0, 0.1])
def test_class_weight_with_gradient_is_accepted_where_torch_accepts_it(label_smoothing):
    """Sin autograd (``no_grad``) o con probabilidades como objetivo, torch no rechaza
    un ``weight`` con requires_grad=True: actloss tampoco, y da el mismo número."""
    x, labels = torch.randn(4, 3), torch.tensor([0, 1, 2, 1])
    weight = torch.rand(3, requires_grad=True)
    kwargs = {"weight": weight, "label_smoothing": label_smoothing}
    with torch.no_grad():
        ours, theirs = F.cross_entropy(x, labels, **kwargs), TF.cross_entropy(x, labels, **kwargs)
    torch.testing.assert_close(ours, theirs)
    probabilities = x.softmax(1)
    ours = F.cross_entropy(x, probabilities, **kwargs)
    theirs = TF.cross_entropy(x, probabilities, **kwargs)
    torch.testing.assert_close(ours, theirs)
    (g_ours,) = torch.autograd.grad(ours, weight)
    (g_theirs,) = torch.autograd.grad(theirs, weight)
    torch.testing.assert_close(g_ours, g_theirs)
