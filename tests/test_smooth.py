"""Pruebas propias de las activaciones suaves: precisión reducida, estabilidad numérica,
variantes en el sitio, errores y la derivada escrita frente a autograd de la fórmula."""

from __future__ import annotations

import math
import warnings

import pytest
import torch

from actloss import catalog, nn
from actloss import functional as F
from helpers import CASES, either_kernel_path, is_spanish_error, jvp_of_jvp, variant_id

TF = torch.nn.functional
SMOOTH = [e for e in catalog.activations() if e.name in F._smooth.__all__]
SMOOTH_VARIANTS = [
    pytest.param(e, v, id=f"{e.name}[{variant_id(v)}]") for e in SMOOTH for v in e.variants
]

LOW_PRECISION = {torch.float16: (1e-3, 1e-5), torch.bfloat16: (1.6e-2, 1e-5)}


@pytest.mark.parametrize("case", ["matriz", "grande", "especiales"])
@pytest.mark.parametrize("dtype", list(LOW_PRECISION), ids=str)
@pytest.mark.parametrize(("entry", "variant"), SMOOTH_VARIANTS)
def test_half_precision_forward_matches_torch(entry, variant, dtype, case):
    x = CASES[case](torch.float32).clamp(-6e4, 6e4).to(dtype)  # finite in float16
    ours, theirs = entry.fn(x, **variant), entry.torch_fn(x, **variant)
    assert ours.dtype == theirs.dtype == dtype
    rtol, atol = LOW_PRECISION[dtype]
    torch.testing.assert_close(ours, theirs, rtol=rtol, atol=atol, equal_nan=True)


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16, torch.float32, torch.float64])
def test_softplus_large_inputs_do_not_overflow(dtype):
    x = torch.tensor([-1e4, -50.0, 0.0, 50.0, 1e4], dtype=dtype)
    for beta, threshold in ((1.0, 20.0), (3.0, 10.0)):
        ours = F.softplus(x, beta, threshold)
        assert ours.isfinite().all()
        torch.testing.assert_close(ours, TF.softplus(x, beta, threshold))
        assert ours[-1] == x[-1] and ours[0] == 0


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_logsigmoid_is_finite_where_log_of_sigmoid_underflows(dtype):
    x = torch.tensor([-1e4, -800.0, -120.0], dtype=dtype).requires_grad_()
    naive = torch.log(F.sigmoid(x))
    assert naive[0].isinf()  # the naive composition breaks down
    ours = F.logsigmoid(x)
    torch.testing.assert_close(ours, x)  # log sigma(x) = x - log1p(e^x) ~ x
    (grad,) = torch.autograd.grad(ours.sum(), x)
    torch.testing.assert_close(grad, torch.ones_like(grad))


def test_sigmoid_and_tanh_emit_no_warning_and_saturate_exactly():
    x = torch.tensor([-1e38, -1e4, -100.0, 100.0, 1e4, 1e38])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s, t = F.sigmoid(x), F.tanh(x)
    torch.testing.assert_close(s, torch.tensor([0.0, 0, 0, 1, 1, 1]))
    torch.testing.assert_close(t, torch.tensor([-1.0, -1, -1, 1, 1, 1]))
    # tanh keeps the sign of zero, as torch does.
    assert math.copysign(1.0, float(F.tanh(torch.tensor(-0.0)))) == -1.0


def test_selu_constants_make_mean_zero_and_variance_one_a_fixed_point():
    assert F._smooth.SELU_ALPHA == 1.6732632423543772848170429916717
    assert F._smooth.SELU_SCALE == 1.0507009873554804934193349852946
    grid = torch.linspace(-12, 12, 240_001, dtype=torch.float64)
    density = torch.exp(-(grid**2) / 2) / math.sqrt(2 * math.pi)
    y = F.selu(grid)
    assert abs(float(torch.trapezoid(y * density, grid))) < 1e-7
    assert abs(float(torch.trapezoid(y.square() * density, grid)) - 1) < 1e-7


def test_gelu_tanh_approximation_is_close_to_the_exact_gelu():
    x = torch.linspace(-6, 6, 10_001, dtype=torch.float64)
    gap = (F.gelu(x, approximate="tanh") - F.gelu(x)).abs().max()
    assert 1e-5 < gap < 1e-3  # an approximation, and a good one


@pytest.mark.parametrize(
    ("ours", "theirs", "kwargs"),
    [
        (F.elu_, TF.elu_, {"alpha": 0.5}),
        (F.celu_, TF.celu_, {"alpha": 2.0}),
        (F.selu_, TF.selu_, {}),
    ],
    ids=["elu_", "celu_", "selu_"],
)
def test_inplace_variants_write_into_their_input(ours, theirs, kwargs):
    x = torch.randn(4, 5, dtype=torch.float64)
    a, b = x.clone(), x.clone()
    out = ours(a, **kwargs)
    assert out.data_ptr() == a.data_ptr()
    torch.testing.assert_close(a, theirs(b, **kwargs))


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "softsign"])
def test_integer_input_is_promoted_to_the_default_dtype(name):
    x = torch.arange(-3, 4)
    ours, theirs = getattr(F, name)(x), getattr(TF, name)(x)
    assert ours.dtype == theirs.dtype == torch.get_default_dtype()
    torch.testing.assert_close(ours, theirs)


def test_gelu_rejects_an_unknown_approximation_like_torch():
    x = torch.randn(3)
    with pytest.raises(RuntimeError):
        TF.gelu(x, approximate="erf")
    with pytest.raises(RuntimeError) as ours:
        F.gelu(x, approximate="erf")
    assert is_spanish_error(str(ours.value), "approximate")
    with pytest.raises(RuntimeError):
        nn.GELU(approximate="erf")(x)


def test_celu_rejects_alpha_zero_like_torch():
    x = torch.randn(3)
    with pytest.raises(RuntimeError):
        TF.celu(x, alpha=0.0)
    with pytest.raises(RuntimeError) as ours:
        F.celu(x, alpha=0.0)
    assert is_spanish_error(str(ours.value), "alpha")


@pytest.mark.parametrize(
    ("name", "minimum", "where"),
    [
        ("silu", -0.27846454, -1.27846),
        ("mish", -0.30884341, -1.19243),
        ("gelu", -0.16997121, -0.75179),
    ],
)
def test_non_monotone_activations_have_the_stated_minimum(name, minimum, where):
    x = torch.linspace(-3, 0, 300_001, dtype=torch.float64)
    y = getattr(F, name)(x)
    assert abs(float(y.min()) - minimum) < 1e-7
    assert abs(float(x[y.argmin()]) - where) < 1e-4
    low, _ = catalog.get(name).properties.range
    assert low <= float(y.min()) < low + 1e-9


@pytest.mark.parametrize("name", ["elu", "celu"])
def test_inplace_with_negative_alpha_refuses_backward_like_torch(name):
    for fn in (getattr(TF, name), getattr(F, name)):
        x = torch.randn(5, dtype=torch.float64, requires_grad=True) * 1.0
        out = fn(x, alpha=-1.0, inplace=True)
        with pytest.raises(RuntimeError) as error:
            out.sum().backward()
    assert is_spanish_error(str(error.value), "alpha")
    x = torch.randn(5, dtype=torch.float64, requires_grad=True)
    (grad,) = torch.autograd.grad(getattr(F, name)(x, alpha=-1.0).sum(), x)  # out of place: fine
    (expected,) = torch.autograd.grad(getattr(TF, name)(x, alpha=-1.0).sum(), x)
    torch.testing.assert_close(grad, expected)


def test_elementwise_curve_and_thumbnail():
    from actloss.plotting import catalog_thumbnail, elementwise_curve

    x = torch.linspace(-4, 4, 9, dtype=torch.float64)
    y, dy, what = elementwise_curve("sigmoid", x)
    s = torch.sigmoid(x)
    torch.testing.assert_close(y, s)
    torch.testing.assert_close(dy, s * (1 - s))
    assert what == "$f(x)$"
    assert catalog_thumbnail("selu") is not None


def test_toy_training_learns_and_depends_only_on_the_seed():
    from actloss import analysis

    points, label = analysis.toy_classification(samples=100, seed=3)
    assert points.shape == (100, 2) and set(label.tolist()) == {0.0, 1.0}
    first = analysis.training_curve(nn.ELU(), steps=30, seed=3)
    again = analysis.training_curve(nn.ELU(), steps=30, seed=3)
    assert first == again and first[-1] < 0.8 * first[0]


# torch accepts complex input in these four (and computes the rest of the catalog only on
# reals). sigmoid, tanh and tanhshrink are holomorphic: autograd asks for grad * conj(f'(z)).
# softsign uses |z|, which is not: autograd differentiates its quotient.
COMPLEX = ["sigmoid", "tanh", "softsign", "tanhshrink"]


def _complex_grid(dtype: torch.dtype) -> torch.Tensor:
    r"""Partes real e imaginaria de 1e-6 a unos cientos (donde tanh satura y exp(-z) desborda),
    mezcladas al azar; los dos ejes; y puntos junto a los polos de tanh, :math:`i(\pi/2 + k\pi)`,
    donde la fórmula del libro pierde cifras."""
    generator = torch.Generator().manual_seed(11)
    real_dtype = torch.empty((), dtype=dtype).real.dtype
    scales = torch.tensor([1e-6, 1e-2, 1.0, 5.0, 30.0, 400.0], dtype=real_dtype)
    parts = torch.randn(6, 300, generator=generator, dtype=real_dtype) * scales[:, None]
    x, y = parts.flatten(), parts.flatten()[torch.randperm(1800, generator=generator)]
    zeros = torch.zeros_like(x)
    poles = (torch.arange(-3, 4, dtype=real_dtype) + 0.5) * math.pi
    offsets = torch.tensor([-1e-3, -1e-5, 0.0, 1e-5, 1e-3], dtype=real_dtype)
    near_x = torch.tensor([1e-6, -1e-4, 1e-2], dtype=real_dtype)
    near = torch.cartesian_prod(near_x, (poles[:, None] + offsets).flatten())
    return torch.complex(torch.cat([x, x, zeros, near[:, 0]]), torch.cat([y, zeros, y, near[:, 1]]))


# C99 Annex G's special values (which torch's std::tanh follows) and overflowing exponentials.
_INF, _NAN = math.inf, math.nan
COMPLEX_SPECIALS = [
    complex(r, i)
    for r, i in [
        (_INF, 0), (-_INF, 0), (_INF, _INF), (-_INF, -_INF), (_INF, _NAN), (-_INF, 2.0),
        (0, _INF), (3, _INF), (30, _INF), (-400, _NAN), (_NAN, 0), (_NAN, 1), (0, _NAN),
        (1000, 1), (-1000, 1), (0, math.pi / 2), (-0.0, 3.0), (-0.0, -0.0),
    ]
]  # fmt: skip


@pytest.mark.parametrize("dtype", [torch.complex64, torch.complex128], ids=str)
@pytest.mark.parametrize("name", COMPLEX)
def test_complex_input_gives_torchs_values(name, dtype):
    """Dentro de 8 ulps relativos al módulo, sin tolerancia absoluta: torch llama a ``ctanh``
    de la biblioteca de C y a su ``exp`` vectorizada, que varían unos ulps de una CPU a otra
    (aquí la tanh de Kahan queda a 4 de la de glibc). Los valores especiales, parte a parte:
    un ``nan`` en una parte no puede pasar por un ``nan`` en la otra."""
    rtol = 8 * torch.finfo(dtype).eps
    z = _complex_grid(dtype)
    ours, theirs = getattr(F, name)(z), getattr(TF, name)(z)
    assert ours.dtype == theirs.dtype == dtype
    finite = theirs.isfinite()
    torch.testing.assert_close(ours[finite], theirs[finite], rtol=rtol, atol=0)
    assert not ours[~finite].isfinite().any()
    specials = torch.tensor(COMPLEX_SPECIALS, dtype=dtype)
    ours, theirs = getattr(F, name)(specials), getattr(TF, name)(specials)
    torch.testing.assert_close(
        torch.view_as_real(ours), torch.view_as_real(theirs), rtol=rtol, atol=0, equal_nan=True
    )


def _second_derivatives(fn, z, g):
    """Hacia delante sobre hacia atrás (como ``torch.func.hessian``), hacia atrás dos veces y
    hacia delante dos veces (la definición de ``actloss.reference``, véase ``_transforms``)."""

    def loss(w):
        return (fn(w) * fn(w).conj()).real.sum()

    forward_over_reverse = torch.func.jvp(lambda w: torch.func.vjp(fn, w)[1](g)[0], (z,), (g,))
    reverse_over_reverse = torch.func.grad(lambda w: torch.func.grad(loss)(w).real.sum())(z)
    return forward_over_reverse[1], reverse_over_reverse, jvp_of_jvp(fn, z, g)


@pytest.mark.parametrize("name", COMPLEX)
def test_complex_input_gives_torchs_gradients(name):
    """Hacia atrás, ``torch.func`` (vjp, jvp, vmap y segundas derivadas) y gradcheck de
    primer y segundo orden, en complex128; con puntos en los dos ejes y lejos del imaginario,
    donde tanh satura."""
    generator = torch.Generator().manual_seed(6)
    axes_and_far = torch.tensor([0.7j, 1.5j, 0.3, -2.0, 30 + 1j, -800 + 0.5j])
    z = torch.cat([torch.randn(6, generator=generator, dtype=torch.complex128), axes_and_far])
    g = torch.randn(12, generator=generator, dtype=torch.complex128)
    ours, theirs = getattr(F, name), getattr(TF, name)
    grads = []
    for fn in (ours, theirs):
        leaf = z.clone().requires_grad_()
        grads.append(torch.autograd.grad(fn(leaf), leaf, g)[0])
    # sigmoid(-800 + 0.5i): exp(800) overflows and torch's gradient is nan; so is ours.
    torch.testing.assert_close(*grads, equal_nan=True)
    torch.testing.assert_close(
        *(torch.func.vjp(f, z)[1](g)[0] for f in (ours, theirs)), equal_nan=True
    )
    torch.testing.assert_close(
        *(torch.func.jvp(f, (z,), (g,))[1] for f in (ours, theirs)), equal_nan=True
    )
    torch.testing.assert_close(
        *(torch.func.vmap(f)(z.reshape(2, 6)) for f in (ours, theirs)), equal_nan=True
    )
    for our_second, their_second in zip(
        _second_derivatives(ours, z, g), _second_derivatives(theirs, z, g), strict=True
    ):
        torch.testing.assert_close(our_second, their_second, equal_nan=True)
    leaf = z[:6].clone().requires_grad_()
    assert torch.autograd.gradcheck(ours, (leaf,))
    assert torch.autograd.gradgradcheck(ours, (leaf,))


@pytest.mark.filterwarnings("ignore:ComplexHalf support is experimental:UserWarning")
@pytest.mark.parametrize("name", ["sigmoid", "tanh", "softsign"])
def test_complex32_is_refused_as_in_torch(name):
    z = torch.ones(2, dtype=torch.complex32)
    with pytest.raises(NotImplementedError):
        getattr(TF, name)(z)
    with pytest.raises(NotImplementedError) as error:
        getattr(F, name)(z)
    assert is_spanish_error(str(error.value), "input")


# Large enough for the derivatives evaluated by blocks, with a last block cut short.
BLOCKWISE_SIZE = F._kernels.LOW_MEMORY_FROM + 5


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("silu", {}),
        ("mish", {}),
        ("gelu", {}),
        ("gelu", {"approximate": "tanh"}),
        ("selu", {}),
        ("elu", {"alpha": 0.5}),
        ("softplus", {"beta": 2.0, "threshold": 10.0}),
    ],
    ids=str,
)
def test_values_and_gradients_of_large_tensors_match_torch(name, kwargs):
    generator = torch.Generator().manual_seed(5)
    x = torch.randn(BLOCKWISE_SIZE, generator=generator) * 4
    x[:4] = torch.tensor([math.nan, math.inf, -math.inf, 0.0])
    weights = torch.randn(BLOCKWISE_SIZE, generator=generator)
    results = []
    for fn in (getattr(F, name), getattr(TF, name)):
        leaf = x.clone().requires_grad_()
        y = fn(leaf, **kwargs)
        (grad,) = torch.autograd.grad(y, leaf, weights)
        results.append((y, grad))
    (ours, our_grad), (theirs, their_grad) = results
    # At the special values torch's vector kernel and scalar loop may disagree (ELU's
    # gradient at nan, GELU's value at +inf with AVX-512): actloss gives one of the two.
    special = slice(0, 4)
    accepted = either_kernel_path(
        catalog.get(name),
        kwargs,
        x[special],
        (),
        [
            (ours[special].detach(), theirs[special].detach()),
            (our_grad[special], their_grad[special]),
        ],
    )
    theirs, their_grad = theirs.detach().clone(), their_grad.clone()
    theirs[special] = torch.where(accepted, ours[special].detach(), theirs[special])
    their_grad[special] = torch.where(accepted, our_grad[special], their_grad[special])
    torch.testing.assert_close(ours.detach(), theirs, equal_nan=True)
    torch.testing.assert_close(our_grad, their_grad, equal_nan=True)


@pytest.mark.parametrize("name", [*F._smooth.__all__, *F._softmax.__all__])
def test_peak_memory_of_forward_and_backward_is_close_to_torchs(name):
    from actloss.benchmark import catalog_cases, peak_memory

    if name.endswith("_"):  # the in-place variants share their function's formula
        return
    (case,) = catalog_cases([name], shape=(8, 256, 256))
    inputs = case.build()
    ours, theirs = peak_memory(case.ours, inputs), peak_memory(case.reference, inputs)
    assert ours <= 1.2 * theirs, (ours, theirs)


@pytest.mark.parametrize(
    ("beta", "threshold"),
    [
        (1.0, 60.0),
        (-1.5, 20.0),
        (3.0, -2.0),
        (1.0, math.inf),
        (-1.0, math.inf),
        (1.0, -math.inf),
        (1.0, math.nan),
        (2.0, math.nan),
    ],
)
def test_softplus_with_unusual_parameters_matches_torch(beta, threshold):
    """También con un umbral infinito o ``nan``: en ``x = -inf`` torch da 0, y donde
    ``beta * x`` es ``inf`` sin un umbral que lo recoja, un gradiente ``nan``."""
    x = torch.tensor([-80.0, -30.0, -1.0, -0.5, 0.0, 0.7, 1.0, 7.0, 30.0, 70.0, 1e4])
    x = torch.cat([x, torch.tensor([-math.inf, math.inf])]).double().requires_grad_()
    ours, theirs = F.softplus(x, beta, threshold), TF.softplus(x, beta, threshold)
    torch.testing.assert_close(ours, theirs, equal_nan=True)
    grads = [torch.autograd.grad(y.sum(), x)[0] for y in (ours, theirs)]
    torch.testing.assert_close(grads[0], grads[1], equal_nan=True)


@pytest.mark.parametrize("name", ["elu", "celu", "elu_", "celu_"])
@pytest.mark.parametrize("alpha", [math.nan, math.inf, -math.inf], ids=str)
def test_elu_with_a_non_finite_alpha_matches_torch(name, alpha):
    """torch da ``x`` donde ``x >= 0``; la regla sin máscaras daría ``inf * 0 = nan``."""
    x = torch.tensor([-math.inf, -30.0, -1.0, -0.0, 0.0, 0.5, 2.0, math.inf, math.nan])
    results = []
    for fn in (getattr(F, name), getattr(TF, name)):
        leaf = x.double().requires_grad_()
        source = leaf.clone() if name.endswith("_") else leaf
        y = fn(source, alpha)
        grad = None if name.endswith("_") else torch.autograd.grad(y.sum(), leaf)[0]
        results.append((y.detach(), grad))
    (ours, our_grad), (theirs, their_grad) = results
    torch.testing.assert_close(ours, theirs, equal_nan=True, rtol=0, atol=0)
    assert torch.equal(ours.signbit(), theirs.signbit())  # ±0 at x = ±0, as torch
    if our_grad is not None:
        torch.testing.assert_close(our_grad, their_grad, equal_nan=True)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_softplus_is_exactly_the_identity_above_the_threshold(dtype):
    x = torch.tensor([10.0, 10.001, 12.0, 1e3, math.inf], dtype=dtype).requires_grad_()
    y = F.softplus(x, beta=2.0, threshold=20.0)
    assert torch.equal(y[1:], x[1:].detach())  # 2x > 20: x itself, not x + log1p(...)
    (grad,) = torch.autograd.grad(y.sum(), x)
    assert torch.equal(grad[1:], torch.ones(4, dtype=dtype))
    torch.testing.assert_close(y, TF.softplus(x, beta=2.0, threshold=20.0))


def test_gelu_approximate_is_keyword_only_like_torch():
    x = torch.randn(3)
    with pytest.raises(TypeError):
        TF.gelu(x, "tanh")
    with pytest.raises(TypeError):
        F.gelu(x, "tanh")


@pytest.mark.parametrize(
    ("alpha", "scale", "input_scale"),
    [(1.0, 1.0, 1.0), (0.5, 2.0, 0.5), (2.0, -1.5, 3.0)],
)
def test_elu__takes_torchs_scale_and_input_scale(alpha, scale, input_scale):
    x = torch.tensor([-30.0, -2.0, -0.5, -0.0, 0.0, 0.5, 2.0], dtype=torch.float64)
    ours, theirs = x.clone(), x.clone()
    returned = F.elu_(ours, alpha, scale, input_scale)
    TF.elu_(theirs, alpha, scale, input_scale)
    assert returned is ours
    torch.testing.assert_close(ours, theirs, rtol=0, atol=1e-15)
    by_name = F.elu_(x.clone(), alpha=alpha, scale=scale, input_scale=input_scale)
    torch.testing.assert_close(by_name, theirs, rtol=0, atol=1e-15)
