"""Las transformaciones de ``torch.func`` y la derivación hacia delante dan los números de torch.

Para cada función del catálogo y cada variante, en ``float64``: ``torch.func.grad`` de la
suma de la salida, ``vmap`` sobre una dimensión de lote añadida delante, ``torch.func.jvp``,
la derivación hacia delante de ``torch.autograd.forward_ad`` y
``torch.autograd.functional.jacobian(..., vectorize=True)`` (el ``vmap`` antiguo de torch
sobre la retropropagación). Bajo ellas la capa rápida calcula con sus fórmulas
diferenciables (``_transforms.transformed``); sin ellas, con sus funciones de autograd.
"""

from __future__ import annotations

import contextlib
import warnings

import pytest
import torch
import torch.autograd.forward_ad as fwAD
import torch.func as tf

from actloss import functional as AF
from helpers import (
    CASES,
    ENTRIES,
    arguments,
    is_spanish_error,
    jvp_of_jvp,
    provoked_warnings,
    with_variants,
)

ALL_VARIANTS = with_variants(ENTRIES)


# torch has no vmap rule for aten::rrelu (eval mode included): there actloss's vmap is
# compared with a loop over the samples instead.
NO_TORCH_VMAP = {"rrelu"}
# torch has no forward-mode formula for these kernels: the tangent is compared with torch's
# reverse-mode Jacobian times the tangent instead.
NO_TORCH_JVP = {"multi_margin_loss", "multilabel_margin_loss", "ctc_loss"}
# torch.func.hessian fails on these torch kernels (no forward derivative of their backward).
NO_TORCH_HESSIAN = {
    "rrelu", "hardsigmoid", "soft_margin_loss", "multi_margin_loss", "multilabel_margin_loss",
    "ctc_loss",
}  # fmt: skip
# Of those, torch has no second derivative at all (its backward kernels have none).
NO_TORCH_SECOND_DERIVATIVE = {
    "hardsigmoid", "multi_margin_loss", "multilabel_margin_loss", "ctc_loss"
}  # fmt: skip
# torch's forward-mode prelu takes slope 1 at x = 0 and its backward takes the weight:
# there actloss (the weight, both ways) is compared with torch's reverse-mode Jacobian.
TORCH_JVP_DIFFERS_AT_ZERO = {"prelu"}


def _points(dtype):
    """Los puntos donde una fórmula con trucos numéricos (``abs``, ``copysign``, recortes)
    se deriva distinto que la función: 0, los pliegues de las activaciones por trozos
    (±1, ±3, 6, ±0.5) y sus vecinos; con la forma de ``CASES["matriz"]``."""
    values = [0.0, -0.0, 1.0, -1.0, 3.0, -3.0, 6.0, -6.0, 0.5, -0.5]
    return torch.tensor(
        [*values, 2.0, -2.0, 0.25, -0.25, 10.0, -10.0, 1e-3, -1e-3, 4.0, 0.75], dtype=dtype
    ).reshape(4, 5)


INPUTS = {"matriz": CASES["matriz"], "pliegues": _points}


def _extremes(dtype):
    """Lejos de 0, donde las exponenciales desbordan (hasta :math:`|x| = 10^4`), con algunos
    puntos cercanos; con la forma de ``CASES["matriz"]``."""
    values = [30.0, 89.0, 100.0, 800.0, 1e4, 0.5, 3.0, 1e-3, 20.0, 50.0]
    return torch.tensor([v * sign for v in values for sign in (1, -1)], dtype=dtype).reshape(4, 5)


NESTED_INPUTS = {**INPUTS, "extremos": _extremes}


def _setup(entry, variant, case="matriz"):
    """La función de la primera entrada (las demás fijas) para actloss y para torch."""
    inputs, params = arguments(entry, NESTED_INPUTS[case](torch.float64))
    x, rest = inputs[0], (*inputs[1:], *params)
    variant = dict(variant)

    def ours(a):
        return entry.fn(a, *rest, **variant)

    def theirs(a):
        # torch's vmap falls back to a loop for many of its losses, and says so; actloss's
        # formulas must not need that fallback (the warning is an error for them).
        with _vmap_fallback_allowed():
            return entry.torch_fn(a, *rest, **variant)

    return x, ours, theirs


@contextlib.contextmanager
def _vmap_fallback_allowed():
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "There is a performance drop", UserWarning)
        yield


def _tangent(x):
    generator = torch.Generator().manual_seed(3)
    return torch.randn(x.shape, generator=generator, dtype=x.dtype)


def _jacobian_times(fn, x, v):
    """:math:`J v` con la jacobiana de la retropropagación de ``fn``."""
    jac = torch.autograd.functional.jacobian(fn, x)
    out_dims = jac.dim() - x.dim()
    return torch.tensordot(jac, v, dims=x.dim()) if out_dims >= 0 else None


@pytest.mark.parametrize("case", INPUTS)
@pytest.mark.parametrize(("entry", "variant"), ALL_VARIANTS)
def test_func_grad_matches_torch(entry, variant, case):
    x, ours, theirs = _setup(entry, variant, case)
    with provoked_warnings():
        got = tf.grad(lambda a: ours(a).sum())(x)
        expected = tf.grad(lambda a: theirs(a).sum())(x)
    torch.testing.assert_close(got, expected, equal_nan=True)


@pytest.mark.parametrize(("entry", "variant"), ALL_VARIANTS)
def test_vmap_matches_torch(entry, variant):
    x, ours, theirs = _setup(entry, variant)
    batch = torch.stack([x, 0.5 * x + 0.1])  # stays inside (0, 1) for the probabilities
    with provoked_warnings():
        got = tf.vmap(ours)(batch)
        if entry.name in NO_TORCH_VMAP:
            with pytest.raises(RuntimeError, match="vmap"):
                tf.vmap(theirs)(batch)
            expected = torch.stack([ours(sample) for sample in batch])
        else:
            expected = tf.vmap(theirs)(batch)
    torch.testing.assert_close(got, expected, equal_nan=True)


@pytest.mark.parametrize("case", INPUTS)
@pytest.mark.parametrize(("entry", "variant"), ALL_VARIANTS)
def test_jvp_matches_torch(entry, variant, case):
    x, ours, theirs = _setup(entry, variant, case)
    v = _tangent(x)
    with provoked_warnings():
        got = tf.jvp(ours, (x,), (v,))
        if entry.name in TORCH_JVP_DIFFERS_AT_ZERO and case == "pliegues":
            assert not torch.allclose(tf.jvp(theirs, (x,), (v,))[1], got[1])
            expected = (theirs(x), _jacobian_times(theirs, x, v))
        elif entry.name in NO_TORCH_JVP:
            with pytest.raises(NotImplementedError, match="forward AD"):
                tf.jvp(theirs, (x,), (v,))
            expected = (theirs(x), _jacobian_times(theirs, x, v))
        else:
            expected = tf.jvp(theirs, (x,), (v,))
    torch.testing.assert_close(got, expected, equal_nan=True)


@pytest.mark.parametrize(("entry", "variant"), ALL_VARIANTS)
def test_forward_ad_matches_torch(entry, variant):
    """La derivación hacia delante sin torch.func: un nivel dual de ``forward_ad``."""
    x, ours, theirs = _setup(entry, variant)
    v = _tangent(x)
    with provoked_warnings():
        with fwAD.dual_level():
            got = fwAD.unpack_dual(ours(fwAD.make_dual(x, v))).tangent
        expected = _jacobian_times(theirs, x, v)
    torch.testing.assert_close(got, expected, equal_nan=True)


@pytest.mark.parametrize(("entry", "variant"), ALL_VARIANTS)
def test_vectorized_jacobian_matches_torch(entry, variant):
    x, ours, theirs = _setup(entry, variant)
    with provoked_warnings():
        got = torch.autograd.functional.jacobian(ours, x, vectorize=True)
        expected = torch.autograd.functional.jacobian(theirs, x, vectorize=True)
    torch.testing.assert_close(got, expected, equal_nan=True)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_hessian_matches_torch_where_torch_has_one(entry):
    """``torch.func.hessian`` (``jacfwd`` sobre ``jacrev``) de la suma de la salida. Donde
    torch no la tiene (:data:`NO_TORCH_HESSIAN`: sus núcleos sin ``jvp`` de su derivada), la
    de actloss se compara con la de torch en modo inverso sobre inverso, y si tampoco la
    tiene (:data:`NO_TORCH_SECOND_DERIVATIVE`), con la jacobiana de su propio gradiente."""
    x, ours, theirs = _setup(entry, entry.variants[0])

    def hessian(fn):
        with provoked_warnings():
            return tf.hessian(lambda a: fn(a).sum())(x)

    got = hessian(ours)
    if entry.name not in NO_TORCH_HESSIAN:
        with _vmap_fallback_allowed():  # torch's glu_backward_jvp has no batching rule
            expected = hessian(theirs)
    else:
        with pytest.raises((NotImplementedError, RuntimeError)):
            hessian(theirs)
        with provoked_warnings():
            if entry.name in NO_TORCH_SECOND_DERIVATIVE:
                with pytest.raises(RuntimeError, match="derivative for"):
                    torch.autograd.functional.hessian(lambda a: theirs(a).sum(), x)
                expected = tf.jacrev(tf.grad(lambda a: ours(a).sum()))(x)
            else:
                expected = torch.autograd.functional.hessian(lambda a: theirs(a).sum(), x)
    torch.testing.assert_close(got, expected, equal_nan=True)


# torch has no forward derivative of these kernels' forward derivative (jvp of jvp raises).
NO_TORCH_NESTED_JVP = NO_TORCH_JVP | {"hardsigmoid", "glu", "huber_loss", "soft_margin_loss"}
# At these kinks torch's second derivative under jvp of jvp takes the other side's value
# (ELU's at 0 is 0, not alpha; hardswish's at ±3 is 0, not 1/3); actloss's comes from the
# definition (see below), which takes the textbook's side. Everywhere else they agree.
NESTED_JVP_KINKS = {"elu": [0.0], "celu": [0.0], "selu": [0.0], "hardswish": [-3.0, 3.0]}
# Probabilities within 1e-12 of 0 or 1: torch's backward bounds x (1 - x) below by 1e-12,
# and the definition differentiates log x itself (its second derivative at 1e-39 is 1e78).
NESTED_JVP_SATURATED = {"binary_cross_entropy"}


# Every variant on the ordinary inputs; the kinks and the extremes, with each function's
# first variant (they test the definitions' formulas, not the arguments).
NESTED_CASES = [
    pytest.param(*p.values, case, id=f"{p.id}-{case}")
    for case in NESTED_INPUTS
    for p in (ALL_VARIANTS if case == "matriz" else with_variants(ENTRIES, first_only=True))
]


@pytest.mark.parametrize(("entry", "variant", "case"), NESTED_CASES)
def test_nested_jvp_matches_torch(entry, variant, case):
    r"""``jvp`` dentro de ``jvp``: torch no deriva ahí la regla ``jvp`` de una
    ``autograd.Function`` y la segunda derivada saldría 0 sin aviso (pytorch#197867), así que
    actloss deriva la definición de :mod:`actloss.reference`. Donde torch no tiene esta
    derivada, se comprueba con la de actloss hacia delante sobre hacia atrás:
    :math:`u^\top D^2 f[v, v] = (D(u^\top J)\,v) \cdot v`."""
    x, ours, theirs = _setup(entry, variant, case)
    v = _tangent(x)
    with provoked_warnings():
        got = jvp_of_jvp(ours, x, v)
        if entry.name in NO_TORCH_NESTED_JVP:
            with pytest.raises(NotImplementedError):
                jvp_of_jvp(theirs, x, v)
            u = torch.linspace(-1.0, 1.0, got.numel(), dtype=got.dtype).reshape(got.shape)
            pulled = tf.jvp(lambda a: tf.vjp(ours, a)[1](u)[0], (x,), (v,))[1]
            torch.testing.assert_close((u * got).sum(), (pulled * v).sum(), equal_nan=True)
            return
        expected = jvp_of_jvp(theirs, x, v)
    kinks = torch.isin(x, x.new_tensor(NESTED_JVP_KINKS.get(entry.name, [])))
    if kinks.any():
        assert not torch.allclose(got[kinks], expected[kinks])  # the list above is current
        got, expected = got[~kinks], expected[~kinks]
    if case == "extremos":
        if entry.name in NESTED_JVP_SATURATED:
            assert not torch.allclose(got, expected)  # the list above is current
            return
        # Where torch's own formula gives nan (mish at x = 800: inf - inf), actloss gives the
        # limit; where it overflows to inf (poisson's e^x), so does actloss.
        assert not got[expected.isnan()].isnan().any()
        got, expected = got[~expected.isnan()], expected[~expected.isnan()]
    torch.testing.assert_close(got, expected, equal_nan=True)


@pytest.mark.parametrize(
    ("name", "second"), [("smooth_l1_loss", 1.0), ("huber_loss", 1.0), ("mse_loss", 2.0)]
)
def test_nested_jvp_at_a_perfect_prediction(name, second):
    r"""En :math:`x = y` la segunda derivada de Smooth L1 (:math:`\beta = 1`) y de Huber es 1
    y la de MSE, 2: la definición se escribe con :math:`d^2`, no con :math:`|d|^2`, cuya
    segunda derivada en 0 saldría 0. (torch no tiene esta derivada para Huber.)"""
    x = torch.tensor([0.0, 0.3, -2.0], dtype=torch.float64)
    target, v = x.clone(), torch.ones_like(x)
    got = jvp_of_jvp(lambda a: getattr(AF, name)(a, target, reduction="none"), x, v)
    torch.testing.assert_close(got, torch.full_like(x, second))


def test_per_sample_gradients_of_a_classifier():
    """``vmap(grad)``, el uso que motivó esto: gradientes por muestra con un objetivo por
    muestra (también en lote: las comprobaciones de valores no leen ``target`` bajo vmap)."""
    from actloss import functional as F

    generator = torch.Generator().manual_seed(0)
    x = torch.randn(6, 5, generator=generator, dtype=torch.float64)
    t = torch.randint(0, 5, (6,), generator=generator)
    y = torch.rand(6, 5, generator=generator, dtype=torch.float64)
    w = torch.rand(5, generator=generator, dtype=torch.float64)

    def per_sample(fn, target, kwargs):
        with _vmap_fallback_allowed():  # torch's multi_margin_loss has no batching rule
            return tf.vmap(tf.grad(lambda a, c: fn(a[None], c[None], **kwargs)))(x, target)

    for name, target, kwargs in [
        ("multi_margin_loss", t, {}),
        ("binary_cross_entropy_with_logits", y, {}),
        ("nll_loss", t, {"weight": w}),
        ("cross_entropy", t, {}),
        ("cross_entropy", t, {"weight": w, "label_smoothing": 0.1, "ignore_index": 2}),
    ]:
        got = per_sample(getattr(F, name), target, kwargs)
        expected = per_sample(getattr(torch.nn.functional, name), target, kwargs)
        torch.testing.assert_close(got, expected)


def test_eager_path_keeps_the_autograd_functions():
    """Sin transformaciones, la capa rápida sigue usando sus funciones de autograd (la ruta
    rápida), y dentro de ellas no."""
    from actloss import functional as F
    from actloss.functional import _transforms as transforms

    x = torch.randn(3, 4, requires_grad=True)
    assert type(F.softmax(x, 1).grad_fn).__name__ == "_SoftmaxBackward"
    assert not transforms.transformed()
    seen = []
    tf.vmap(lambda a: seen.append(transforms.transformed()) or a)(x)
    with fwAD.dual_level():
        seen.append(transforms.transformed())
    assert seen == [True, True]


@pytest.mark.parametrize("dtype", [torch.bfloat16, torch.float16, torch.float32, torch.float64])
@pytest.mark.parametrize("slope", [-1e3, -1e5, -5e7, -5e15, 1e3])
def test_step_with_a_huge_slope_stays_exact(slope, dtype):
    """El escalón a dos valores (``_kernels._two_values``, también la ruta de torch.func):
    con una pendiente enorme, la derivada de leaky_relu sigue siendo 1 en 0 < x < 1 y no
    desborda en float16, como torch."""
    from actloss import functional as F

    x = torch.tensor([-0.5, 0.5, 3.0, 0.0, float("nan")], dtype=dtype)
    for fn in (lambda v: F.leaky_relu(v, slope), lambda v: F.rrelu(v, slope, slope)):
        ours, theirs = x.clone().requires_grad_(), x.clone().requires_grad_()
        (got,) = torch.autograd.grad(fn(ours).sum(), ours)
        (expected,) = torch.autograd.grad(
            torch.nn.functional.leaky_relu(theirs, slope).sum(), theirs
        )
        torch.testing.assert_close(got, expected, rtol=0, atol=0, equal_nan=True)


# --- the rectifiers' arguments (functional/_rectifiers.py) -----------------------------------


def test_rrelu_inplace_draws_with_the_given_generator():
    """``rrelu_`` acepta ``generator`` como torch (por nombre o en quinta posición): con la
    misma semilla, las mismas pendientes."""
    from actloss import functional as F

    x = torch.randn(64, dtype=torch.float64) - 0.5
    drawn = []
    for call in (
        lambda v, g: F.rrelu_(v, 0.1, 0.3, True, g),
        lambda v, g: F.rrelu_(v, 0.1, 0.3, training=True, generator=g),
    ):
        drawn.append(call(x.clone(), torch.Generator().manual_seed(5)))
    torch.testing.assert_close(drawn[0], drawn[1], rtol=0, atol=0)
    slopes = drawn[0][x < 0] / x[x < 0]
    assert bool(((slopes >= 0.1) & (slopes <= 0.3)).all())
    assert torch.unique(slopes).numel() > 1  # drawn, not the mean slope
    other = F.rrelu_(x.clone(), 0.1, 0.3, True, torch.Generator().manual_seed(6))
    assert not torch.equal(other, drawn[0])


def _forward_ad(fn, x):
    with fwAD.dual_level():
        return fn(fwAD.make_dual(x, torch.ones_like(x)))


TRANSFORMS = {
    "grad": lambda fn, x: tf.grad(lambda a: fn(a).sum())(x),
    "jvp": lambda fn, x: tf.jvp(fn, (x,), (torch.ones_like(x),)),
    "forward_ad": _forward_ad,
    "vmap": lambda fn, x: tf.vmap(fn)(torch.stack([x, x])),
}
# A value torch refuses, the function of a library that gets it, and the argument named.
INVALID = {
    "binary_cross_entropy": (
        torch.tensor([0.5, 1.5]),
        lambda F: lambda a: F.binary_cross_entropy(a, torch.tensor([1.0, 0.0])),
        "input",
    ),
    "nll_loss": (
        torch.zeros(2, 3),
        lambda F: lambda a: F.nll_loss(a, torch.tensor([0, 7])),
        "target",
    ),
    "multi_margin_loss": (
        torch.zeros(2, 3),
        lambda F: lambda a: F.multi_margin_loss(a, torch.tensor([0, 7])),
        "target",
    ),
}


@pytest.mark.parametrize("transform", TRANSFORMS)
@pytest.mark.parametrize("name", INVALID)
def test_invalid_values_still_raise_under_transforms(name, transform):
    """Bajo torch.func y la derivación hacia delante las comprobaciones de valores siguen:
    bajo ``vmap``, sobre los valores de todo el lote (``_transforms.values``). Un valor no
    válido nunca da un número."""
    x, make, argument = INVALID[name]
    with pytest.raises(Exception):  # noqa: B017 - torch's class varies with the transform
        TRANSFORMS[transform](make(torch.nn.functional), x)
    with pytest.raises((RuntimeError, IndexError)) as ours:
        TRANSFORMS[transform](make(AF), x)
    assert is_spanish_error(str(ours.value), argument), ours.value


@pytest.mark.parametrize("transform", ["grad", "jvp"])
def test_binary_cross_entropy_at_the_ends_of_its_domain(transform):
    """En 0 y 1 las derivadas escritas (el denominador recortado a 1e-12, como torch), no
    las de autograd sobre los logaritmos recortados (0 · ∞ = nan)."""
    x = torch.tensor([0.0, 1.0, 1e-30, 0.5], dtype=torch.float64)
    y = torch.tensor([0.7, 0.3, 0.7, 0.2], dtype=torch.float64)
    got, expected = (
        TRANSFORMS[transform](lambda a, F=F: F.binary_cross_entropy(a, y), x)
        for F in (AF, torch.nn.functional)
    )
    torch.testing.assert_close(got, expected)


@pytest.mark.parametrize("zero_infinity", [False, True])
def test_ctc_without_alignment_has_torchs_gradient(zero_infinity):
    """Una secuencia sin alineamiento (entrada de 1 paso, objetivo de 2): pérdida infinita y
    gradiente ``nan``, o 0 y gradiente 0 con ``zero_infinity``; la otra secuencia, normal."""
    generator = torch.Generator().manual_seed(0)
    log_probs = torch.randn(3, 2, 4, generator=generator, dtype=torch.float64).log_softmax(-1)
    targets, lengths = torch.tensor([[1, 2, 3], [1, 2, 0]]), torch.tensor([1, 3])
    got, expected = (
        tf.grad(lambda a, F=F: F.ctc_loss(a, targets, lengths, torch.tensor([2, 2]),
                                          zero_infinity=zero_infinity, reduction="sum"))(log_probs)
        for F in (AF, torch.nn.functional)
    )  # fmt: skip
    torch.testing.assert_close(got, expected, equal_nan=True)
    assert bool(got[0, 0].isnan().all()) != zero_infinity  # its one step
