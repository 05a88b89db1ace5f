"""Argumentos propios de las pérdidas de regresión que la parametrización del catálogo no cubre."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as TF

from actloss import functional as F
from actloss import nn
from helpers import is_spanish_error, provoked_warnings, raises_like_torch, run

REDUCTIONS = ("none", "mean", "sum")


def _same(fn, ref, tensors, **kwargs):
    """Mismo valor y mismos gradientes (nan incluidos) que la referencia de torch."""
    with provoked_warnings():
        ours, our_grads = run(fn, tensors, kwargs)
        theirs, their_grads = run(ref, tensors, kwargs)
    assert ours.dtype == theirs.dtype
    torch.testing.assert_close(ours, theirs, equal_nan=True)
    for mine, other in zip(our_grads, their_grads, strict=True):
        if other is not None:
            torch.testing.assert_close(mine, other, equal_nan=True)


# -- Poisson ------------------------------------------------------------------------------


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("eps", [1e-8, 0.5])
def test_poisson_rate_input_and_small_counts_match_torch(reduction, full, eps):
    rate = torch.tensor([0.0, 0.3, 1.0, 2.5, 7.0, 0.1], dtype=torch.float64)
    counts = torch.tensor([0.0, 0.5, 1.0, 2.0, 9.0, 1.0], dtype=torch.float64)
    for log_input, x in ((False, rate), (True, rate.log1p())):
        _same(
            F.poisson_nll_loss,
            TF.poisson_nll_loss,
            (x, counts),
            log_input=log_input,
            full=full,
            eps=eps,
            reduction=reduction,
        )


def test_poisson_rate_input_gradcheck_and_module():
    rate = torch.rand(3, 4, dtype=torch.float64) * 3 + 0.5
    counts = torch.randint(2, 9, (3, 4)).double()
    leaves = (rate.requires_grad_(), counts.requires_grad_())

    def fn(a, b):
        return F.poisson_nll_loss(a, b, log_input=False, full=True, reduction="sum")

    assert torch.autograd.gradcheck(fn, leaves)
    assert torch.autograd.gradgradcheck(fn, leaves)
    ours = nn.PoissonNLLLoss(log_input=False, eps=1e-3)(rate, counts)
    theirs = torch.nn.PoissonNLLLoss(log_input=False, eps=1e-3)(rate, counts)
    torch.testing.assert_close(ours, theirs)


# -- Gaussian ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "var_shape", [(4, 3), (4,), (4, 1), (1, 3)], ids=["hetero", "sin_ultima", "col", "fila"]
)
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_gaussian_var_broadcasting_rules_match_torch(var_shape, reduction):
    x, y = torch.randn(2, 4, 3, dtype=torch.float64)
    var = torch.rand(var_shape, dtype=torch.float64) + 0.1
    _same(F.gaussian_nll_loss, TF.gaussian_nll_loss, (x, y, var), reduction=reduction)
    _same(F.gaussian_nll_loss, TF.gaussian_nll_loss, (x, y, var), full=True, eps=0.5)


def test_gaussian_float_var_and_clamped_gradient_match_torch():
    x, y = torch.randn(2, 5, dtype=torch.float64)
    torch.testing.assert_close(
        F.gaussian_nll_loss(x, y, 2.0), TF.gaussian_nll_loss(x, y, 2.0), rtol=0, atol=0
    )
    # Below eps the clamp is invisible to autograd: the gradient goes straight through.
    var = torch.tensor([1e-9, 0.0, 0.3, 2.0, 1e-7], dtype=torch.float64)
    _same(F.gaussian_nll_loss, TF.gaussian_nll_loss, (x, y, var), eps=1e-3)


@pytest.mark.parametrize(
    "var",
    [
        -1.0,
        torch.tensor([1.0, -0.5, 1.0]),
        torch.ones(3, 1),
        torch.ones(1, 1),
        torch.ones(()),
        torch.ones(4),
        1,
    ],
    ids=["float_negativo", "negativa", "forma", "dos_unos", "escalar", "larga", "int"],
)
def test_gaussian_bad_varraises_like_torch(var):
    x = torch.randn(2, 3)
    raises_like_torch(F.gaussian_nll_loss, TF.gaussian_nll_loss, x, x, var, argument="var")


def test_gaussian_module_is_keyword_only():
    with pytest.raises(TypeError):
        nn.GaussianNLLLoss(True)  # type: ignore[misc]
    x, y, var = torch.randn(3, 2, dtype=torch.float64).abs()
    ours = nn.GaussianNLLLoss(full=True, eps=1e-3, reduction="sum")(x, y, var)
    theirs = torch.nn.GaussianNLLLoss(full=True, eps=1e-3, reduction="sum")(x, y, var)
    torch.testing.assert_close(ours, theirs)


# -- KL ---------------------------------------------------------------------------------------


def _distributions():
    generator = torch.Generator().manual_seed(5)
    logits = torch.randn(2, 4, 6, generator=generator, dtype=torch.float64)
    return logits[0].log_softmax(-1), logits[1].softmax(-1)


@pytest.mark.parametrize("reduction", ["none", "batchmean", "sum", "mean"])
@pytest.mark.parametrize("log_target", [False, True])
def test_kl_reductions_match_torch(reduction, log_target):
    log_q, p = _distributions()
    target = p.log() if log_target else p
    _same(F.kl_div, TF.kl_div, (log_q, target), reduction=reduction, log_target=log_target)


def test_kl_batchmean_is_sum_over_batch_and_mean_warns():
    log_q, p = _distributions()
    batchmean = F.kl_div(log_q, p, reduction="batchmean")
    torch.testing.assert_close(batchmean, F.kl_div(log_q, p, reduction="sum") / 4)
    with pytest.warns(UserWarning, match="batchmean"):
        mean = F.kl_div(log_q, p)
    with pytest.warns(UserWarning):
        TF.kl_div(log_q, p)
    torch.testing.assert_close(mean * 6, batchmean)
    torch.testing.assert_close(
        F.kl_div(log_q, p.log(), reduction="sum", log_target=True),
        F.kl_div(log_q, p, reduction="sum"),
    )
    scalar = (torch.tensor(-0.4), torch.tensor(0.3))
    torch.testing.assert_close(
        F.kl_div(*scalar, reduction="batchmean"), TF.kl_div(*scalar, reduction="batchmean")
    )


@pytest.mark.parametrize(
    ("size_average", "reduce"), [(True, None), (False, None), (None, False), (False, True)]
)
@pytest.mark.parametrize("reduction", ["mean", "batchmean"])
def test_kl_legacy_arguments_map_like_torch(size_average, reduce, reduction):
    log_q, p = _distributions()
    kwargs = dict(size_average=size_average, reduce=reduce, reduction=reduction)
    with pytest.warns(UserWarning):
        ours = F.kl_div(log_q, p, **kwargs)
    with pytest.warns(UserWarning):
        theirs = TF.kl_div(log_q, p, **kwargs)
    torch.testing.assert_close(ours, theirs)


@pytest.mark.parametrize(
    ("input", "target", "argument"),
    [
        (torch.randn(3), torch.arange(3), "target"),
        (torch.randn(3, dtype=torch.complex64), torch.rand(3), "input"),
    ],
    ids=["objetivo_entero", "complejo"],
)
def test_kl_refuses_integers_and_complex_like_torch(input, target, argument):
    raises_like_torch(F.kl_div, TF.kl_div, input, target, argument=argument, reduction="sum")


# -- MSE, Smooth L1, Huber: weights, hyperparameters, dtypes, legacy ------------------------


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("name", ["mse_loss", "huber_loss"])
def test_weight_matches_torch_and_gradchecks(name, reduction):
    x, y = torch.randn(2, 3, 4, dtype=torch.float64)
    w = torch.rand(3, 4, dtype=torch.float64) + 0.5
    fn, ref = getattr(F, name), getattr(TF, name)
    # huber's 'mean' divides by N, mse's by sum(w): each as torch does.
    _same(
        lambda a, b, c: fn(a, b, reduction=reduction, weight=c),
        lambda a, b, c: ref(a, b, reduction=reduction, weight=c),
        (x, y, w),
    )
    leaves = (x.requires_grad_(), w.requires_grad_())
    assert torch.autograd.gradcheck(lambda a, b: fn(a, y, reduction=reduction, weight=b), leaves)
    raises_like_torch(fn, ref, x, y, argument="weight", weight=torch.ones(4))


@pytest.mark.parametrize(
    ("name", "kwargs", "argument"),
    [
        ("smooth_l1_loss", {"beta": -1.0}, "beta"),
        ("huber_loss", {"delta": 0.0}, "delta"),
        ("huber_loss", {"delta": -2.0}, "delta"),
    ],
)
def test_bad_thresholdraises_like_torch(name, kwargs, argument):
    x = torch.randn(3)
    raises_like_torch(getattr(F, name), getattr(TF, name), x, x, argument=argument, **kwargs)


def test_huber_module_refuses_non_numeric_delta():
    with pytest.raises(TypeError) as ours:
        nn.HuberLoss(delta="1")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        torch.nn.HuberLoss(delta="1")  # type: ignore[arg-type]
    assert is_spanish_error(str(ours.value), "delta")


def test_mixed_and_integer_dtypes_behave_like_torch():
    f32, f64 = torch.randn(3), torch.randn(3, dtype=torch.float64)
    ints = torch.arange(3)
    for name in ("l1_loss", "mse_loss", "smooth_l1_loss", "huber_loss"):
        fn, ref = getattr(F, name), getattr(TF, name)
        for a, b in ((f32, f64), (f64, f32), (f32, ints)):
            # Values and dtypes only: torch's huber backward fails on mixed float dtypes
            # ("Found dtype Double but expected Float"); ours differentiates.
            ours, theirs = fn(a, b, reduction="none"), ref(a, b, reduction="none")
            assert ours.dtype == theirs.dtype
            torch.testing.assert_close(ours, theirs)
        for a, b, reduction in ((ints, f32, "mean"), (ints, ints + 1, "sum")):
            try:
                expected = ref(a, b, reduction=reduction)
            except Exception:
                raises_like_torch(fn, ref, a, b, argument="input", reduction=reduction)
            else:
                torch.testing.assert_close(fn(a, b, reduction=reduction), expected)


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [("mse_loss", {}), ("smooth_l1_loss", {"beta": 0.3}), ("poisson_nll_loss", {})],
)
@pytest.mark.parametrize(("size_average", "reduce"), [(True, None), (False, True), (None, False)])
def test_legacy_arguments_map_like_torch(name, kwargs, size_average, reduce):
    x, y = torch.rand(2, 5, dtype=torch.float64)
    results = []
    for fn in (getattr(F, name), getattr(TF, name)):
        with pytest.warns(UserWarning, match="size_average"):
            results.append(fn(x, y, size_average=size_average, reduce=reduce, **kwargs))
    ours, theirs = results
    torch.testing.assert_close(ours, theirs)


@pytest.mark.parametrize("beta", [0.1, 1.0, 3.0])
def test_huber_is_beta_times_smooth_l1(beta):
    x, y = torch.randn(2, 200, dtype=torch.float64) * 4
    torch.testing.assert_close(
        F.huber_loss(x, y, reduction="none", delta=beta),
        beta * F.smooth_l1_loss(x, y, reduction="none", beta=beta),
    )


@pytest.mark.parametrize("module", ["MSELoss", "SmoothL1Loss", "KLDivLoss", "PoissonNLLLoss"])
def test_legacy_module_arguments_match_torch(module):
    with pytest.warns(UserWarning, match="size_average"):
        ours = getattr(nn, module)(size_average=False)
    with pytest.warns(UserWarning, match="size_average"):
        theirs = getattr(torch.nn, module)(size_average=False)
    assert ours.reduction == theirs.reduction == "sum"


FAMILY = [
    "l1_loss",
    "mse_loss",
    "smooth_l1_loss",
    "huber_loss",
    "poisson_nll_loss",
    "gaussian_nll_loss",
    "kl_div",
]


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16], ids=str)
@pytest.mark.parametrize("name", FAMILY)
def test_half_precision_matches_torch(name, dtype):
    """float16 y bfloat16 redondean como torch (Huber calcula en float32, como torch)."""
    from actloss import catalog

    entry = catalog.get(name)
    for seed in range(3):
        generator = torch.Generator().manual_seed(seed)
        x = (torch.randn(4, 5, generator=generator, dtype=torch.float64) * 3).to(dtype)
        inputs = entry.make_inputs(x)
        for variant in entry.variants:
            _same(entry.fn, entry.torch_fn, inputs, **variant)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize(
    ("name", "kwargs"),
    [("mse_loss", {}), ("huber_loss", {"delta": 0.5}), ("smooth_l1_loss", {"beta": 0.5})],
)
def test_residual_losses_at_the_joint_and_with_a_broadcast_target(name, kwargs, reduction):
    """:math:`|x - y|` justo en ``delta`` (o ``beta``), a ambos lados, y un objetivo difundido."""
    fn, ref = getattr(F, name), getattr(TF, name)
    x = torch.tensor([[0.5, -0.5, 0.25, 3.0], [1.0, 0.0, -3.0, 0.75]], dtype=torch.float64)
    _same(fn, ref, (x, torch.zeros_like(x)), reduction=reduction, **kwargs)
    _same(fn, ref, (x, x[:1].flip(1)), reduction=reduction, **kwargs)  # target (1, 4)
    for dtype in (torch.float32, torch.float64):
        wide = torch.randn(6, 5, dtype=dtype) * 2
        _same(fn, ref, (wide, torch.randn(5, dtype=dtype)), reduction=reduction, **kwargs)


@pytest.mark.parametrize("rule", ["square", "huber", "smooth_l1"])
def test_residual_rules_in_place_and_written_derivative_agree_with_the_formula(rule):
    """``value_``/``derivative_`` (en el sitio) repiten ``value``/``derivative``, y esta es la
    derivada que autograd obtiene de ``value``; también dentro de ``autograd_through_formula``."""
    from actloss.functional import _residual as R
    from actloss.functional._pointwise import autograd_through_formula

    made = {"square": R.SQUARE, "huber": R.huber_rule(0.7), "smooth_l1": R.smooth_l1_rule(0.7)}
    r = made[rule]
    generator = torch.Generator().manual_seed(4)
    d = torch.rand(40, generator=generator, dtype=torch.float64) * 3 + 0.05
    d = d * (torch.randint(0, 2, (40,), generator=generator) * 2 - 1)  # |d| in [0.05, 3.05]
    torch.testing.assert_close(r.value_(d.clone()), r.value(d), rtol=1e-15, atol=0)
    torch.testing.assert_close(r.derivative_(d.clone()), r.derivative(d), rtol=1e-15, atol=0)
    leaf = d.clone().requires_grad_()
    (through,) = torch.autograd.grad(r.value(leaf).sum(), leaf)
    torch.testing.assert_close(r.derivative(d), through, rtol=1e-12, atol=1e-12)
    name = {"square": "mse_loss", "huber": "huber_loss", "smooth_l1": "smooth_l1_loss"}[rule]
    kwargs = {"huber": {"delta": 0.7}, "smooth_l1": {"beta": 0.7}}.get(rule, {})
    grads = []
    for formula in (False, True):
        x = d.clone().requires_grad_()
        with autograd_through_formula() if formula else torch.enable_grad():
            out = getattr(F, name)(x, torch.zeros_like(d), reduction="sum", **kwargs)
        grads.append(torch.autograd.grad(out, x)[0])
    torch.testing.assert_close(grads[0], grads[1], rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("name", ["mse_loss", "smooth_l1_loss", "huber_loss"])
@pytest.mark.parametrize("bool_side", ["target", "input"])
def test_a_boolean_mask_counts_as_zeros_and_ones_like_in_torch(name, bool_side):
    """``mse_loss(pred, mask)``: torch calcula con la máscara como 0 y 1 (en el dtype del
    resultado), aunque no sepa restar booleanos; ``l1_loss`` no, en los dos."""
    generator = torch.Generator().manual_seed(4)
    x = torch.rand(5, 3, generator=generator, dtype=torch.float64)
    mask = torch.rand(5, 3, generator=generator) > 0.5

    def pair(leaf, other):  # type: ignore[no-untyped-def]
        return (leaf, other) if bool_side == "target" else (other, leaf)

    try:
        expected = getattr(torch.nn.functional, name)(*pair(x, mask))
    except RuntimeError:  # a bool input: torch's result would be bool (not mse_loss)
        assert name != "mse_loss"
        with pytest.raises(RuntimeError):
            getattr(F, name)(*pair(x, mask))
        return
    leaf = x.clone().requires_grad_()
    value = getattr(F, name)(*pair(leaf, mask))
    torch.testing.assert_close(value, expected)
    # The gradient: that of the mask as numbers (torch's huber_loss backward fails here,
    # "Found dtype Bool but expected Double").
    numbers = x.clone().requires_grad_()
    reference = getattr(torch.nn.functional, name)(*pair(numbers, mask.to(x.dtype)))
    for ours, theirs in zip(
        torch.autograd.grad(value, leaf), torch.autograd.grad(reference, numbers), strict=True
    ):
        torch.testing.assert_close(ours, theirs)
