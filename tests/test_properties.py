"""Cada propiedad que afirma el catálogo se comprueba numéricamente.

Una propiedad afirmada en falso debe hacer fallar estas pruebas, en los dos sentidos:
si el catálogo dice «monótona» y no lo es, y si dice «no monótona» y lo es.
"""

from __future__ import annotations

import math

import pytest
import torch

from actloss.catalog import ActivationProperties, LossProperties
from actloss.catalog._entry import VectorProperties
from helpers import ENTRIES, accepts, arguments, is_zero_within_ulps

ACTIVATIONS = [e for e in ENTRIES if isinstance(e.properties, ActivationProperties)]
LOSSES = [e for e in ENTRIES if isinstance(e.properties, LossProperties)]

GRID = torch.linspace(-10, 10, 20001, dtype=torch.float64)  # contains 0 exactly
FAR = torch.tensor([-1e6, 1e6], dtype=torch.float64)
SCALES = (0.5, 2.0, 7.3)


def _ids(entries):
    return [e.name for e in entries]


def _value(entry, x):
    _, params = arguments(entry, x)
    return entry.fn(x, *params)


def _derivative(entry, x):
    leaf = x.clone().requires_grad_()
    (grad,) = torch.autograd.grad(_value(entry, leaf).sum(), leaf)
    return grad


@pytest.mark.parametrize("entry", ACTIVATIONS, ids=_ids(ACTIVATIONS))
class TestActivationProperties:
    def test_range(self, entry):
        low, high = entry.properties.range
        y = _value(entry, torch.cat([GRID, FAR]))
        assert y.min() >= low - 1e-12 and y.max() <= high + 1e-12
        # The stated range is tight: the function gets close to each end.
        for end, reached in ((low, y.min()), (high, y.max())):
            if math.isfinite(end):
                assert abs(reached - end) < 1e-3
            else:
                assert abs(reached) > 1e3

    def test_attained_ends(self, entry):
        """Un extremo se alcanza si la función lo toma (a 1e-7) con |x| <= 6.

        Con |x| <= 6 ninguna asíntota del catálogo se acerca tanto: la que más deprisa lo
        hace es tanh, a 2 e^{-2|x|} = 1.2e-5; y los mínimos y los tramos constantes quedan
        dentro. La malla (paso 1e-4) da, cerca de un mínimo suave, un error de 1e-8.
        """
        x = torch.linspace(-6, 6, 120001, dtype=torch.float64)  # contains -6, 0 and 6
        y = _value(entry, x)
        for end, attained in zip(entry.properties.range, entry.properties.attained, strict=True):
            reached = math.isfinite(end) and bool(((y - end).abs() < 1e-7).any())
            assert reached == (attained and math.isfinite(end)), (end, attained)

    def test_monotone(self, entry):
        steps = torch.diff(_value(entry, GRID))
        assert bool((steps >= -1e-12).all()) == entry.properties.monotone

    def test_smooth(self, entry):
        biggest_jump = torch.diff(_derivative(entry, GRID)).abs().max()
        assert bool(biggest_jump < 0.05) == entry.properties.smooth

    def test_zero_centred(self, entry):
        density = torch.exp(-(GRID**2) / 2) / math.sqrt(2 * math.pi)
        mean = torch.trapezoid(_value(entry, GRID) * density, GRID)
        if entry.properties.zero_centred:
            assert abs(mean) < 1e-4
        else:
            assert abs(mean) > 1e-3

    def test_saturation(self, entry):
        left, right = _derivative(entry, torch.tensor([-1e4, 1e4], dtype=torch.float64)).abs()
        sides = {
            (False, False): "ninguna",
            (True, False): "izquierda",
            (False, True): "derecha",
            (True, True): "ambas",
        }
        assert sides[(bool(left < 1e-6), bool(right < 1e-6))] == entry.properties.saturation

    def test_positive_homogeneity(self, entry):
        x = GRID[::50]
        gaps = [(_value(entry, a * x) - a * _value(entry, x)).abs().max() for a in SCALES]
        assert (max(gaps) < 1e-9) == entry.properties.positively_homogeneous

    def test_learnable_parameters(self, entry):
        counts = {
            sum(p.numel() for p in cls(**entry.module_kwargs).parameters())
            for cls in (entry.module_cls, entry.torch_module_cls)
        }
        assert counts == {entry.properties.learnable}


def _loss(entry, inputs, **kwargs):
    """La pérdida sin reducir (si la función lo admite) de los tensores ``inputs``."""
    _, params = arguments(entry, inputs[0])
    if "reduction" not in kwargs and accepts(entry.fn, "reduction"):
        kwargs["reduction"] = "none"
    return entry.fn(*inputs, *params, **kwargs)


def _predictions(seed, scale_range=(-3, 3), shape=(400, 5)):
    """Predicciones aleatorias con magnitudes de 1e-3 a 1e3."""
    generator = torch.Generator().manual_seed(seed)
    scale = 10 ** torch.empty(shape[0], 1, dtype=torch.float64).uniform_(
        *scale_range, generator=generator
    )
    return torch.randn(shape, generator=generator, dtype=torch.float64) * scale


@pytest.mark.parametrize("entry", LOSSES, ids=_ids(LOSSES))
class TestLossProperties:
    def test_nonnegative(self, entry):
        losses = torch.cat(
            [_loss(entry, entry.make_inputs(_predictions(s))).flatten() for s in range(3)]
        )
        assert bool((losses >= 0).all()) == entry.properties.nonnegative

    def test_zero_at_target(self, entry):
        """``make_perfect`` da la predicción perfecta para cada objetivo."""
        assert entry.make_perfect is not None, (
            "una pérdida debe decir cuál es su predicción perfecta"
        )
        inputs = entry.make_perfect(_predictions(4))
        at_target = _loss(entry, inputs)
        # Zero only up to rounding: the loss subtracts terms as large as the prediction,
        # and two evaluations of the same log may differ in the last bit (kl_div gives
        # -2.8e-17, as torch does, where MKL takes its AVX-512 path).
        prediction = inputs[0].abs()
        scale = max(1.0, float(prediction[prediction.isfinite()].max()))
        zero = is_zero_within_ulps(at_target, scale)
        assert bool(zero.all()) == entry.properties.zero_at_target

    def test_convex(self, entry):
        """Convexidad en la predicción (el primer tensor), con el resto fijo."""
        a, b = _predictions(5), _predictions(6)
        inputs_a, inputs_b = entry.make_inputs(a), entry.make_inputs(b)
        middle_inputs = (inputs_a[0] + inputs_b[0]) / 2
        middle = _loss(entry, (middle_inputs, *inputs_a[1:]))
        chord = (_loss(entry, inputs_a) + _loss(entry, (inputs_b[0], *inputs_a[1:]))) / 2
        tolerance = 1e-9 * chord.abs().clamp_min(1)
        assert bool((middle <= chord + tolerance).all()) == entry.properties.convex

    def test_bounded_gradient(self, entry):
        """El gradiente respecto a la predicción no crece con predicciones de 1e6."""
        inputs = entry.make_inputs(_predictions(7, scale_range=(0, 6)))
        leaf = inputs[0].clone().requires_grad_()
        (grad,) = torch.autograd.grad(_loss(entry, (leaf, *inputs[1:])).sum(), leaf)
        assert bool(grad.abs().max() < 1e3) == entry.properties.bounded_gradient


VECTORS = [e for e in ENTRIES if isinstance(e.properties, VectorProperties)]


def _vector_value(entry, x):
    """La activación vectorial sobre la dimensión que declaran sus propiedades."""
    dim = entry.properties.dim
    return entry.fn(x, dim=dim) if accepts(entry.fn, "dim") else entry.fn(x)


def _vectors(seed, scale=1.0):
    """Un lote ``(5, 6, 8)`` de vectores normales: 5 canales, 8 componentes."""
    generator = torch.Generator().manual_seed(seed)
    return torch.randn(5, 6, 8, generator=generator, dtype=torch.float64) * scale


@pytest.mark.parametrize("entry", VECTORS, ids=_ids(VECTORS))
class TestVectorProperties:
    def test_range(self, entry):
        low, high = entry.properties.range
        y = torch.cat(
            [
                _vector_value(entry, _vectors(s, scale)).flatten()
                for s, scale in ((0, 1.0), (1, 30.0), (2, 1e3))
            ]
        )
        assert y.min() >= low - 1e-12 and y.max() <= high + 1e-12
        for end, reached in ((low, y.min()), (high, y.max())):
            if math.isfinite(end):
                assert abs(reached - end) < 1e-3
            else:
                assert abs(reached) > 1e3

    def test_normalization(self, entry):
        dim = entry.properties.dim
        y = _vector_value(entry, _vectors(3, 5.0))
        probabilities = bool((y >= 0).all()) and torch.allclose(
            y.sum(dim), torch.ones((), dtype=y.dtype)
        )
        log_probabilities = torch.allclose(
            torch.logsumexp(y, dim), torch.zeros((), dtype=y.dtype), atol=1e-9
        )
        found = {
            (True, False): "probabilidades",
            (False, True): "log-probabilidades",
            (False, False): "ninguna",
        }[(probabilities, log_probabilities)]
        assert found == entry.properties.normalization

    def test_shift_invariance(self, entry):
        x = _vectors(4)
        gaps = [
            (_vector_value(entry, x + c) - _vector_value(entry, x)).abs().max()
            for c in (-3.0, 0.7, 25.0)
        ]
        assert bool(max(gaps) < 1e-9) == entry.properties.shift_invariant

    def test_order(self, entry):
        dim = entry.properties.dim
        x = _vectors(5)
        y = _vector_value(entry, x)
        if y.shape != x.shape:  # with a different size there is no order to keep
            kept = reversed_ = False
        else:
            ranks = y.argsort(dim)
            kept = torch.equal(ranks, x.argsort(dim))
            reversed_ = torch.equal(ranks, (-x).argsort(dim))
        found = {(True, False): "conserva", (False, True): "invierte", (False, False): "ninguno"}
        assert found[(kept, reversed_)] == entry.properties.order

    def test_halves(self, entry):
        dim = entry.properties.dim
        x = _vectors(6)
        y = _vector_value(entry, x)
        others_kept = [n for i, n in enumerate(y.shape) if i != dim % y.dim()] == [
            n for i, n in enumerate(x.shape) if i != dim % x.dim()
        ]
        assert others_kept
        assert (2 * y.shape[dim] == x.shape[dim]) == entry.properties.halves

    def test_learnable_parameters(self, entry):
        counts = {
            sum(p.numel() for p in cls(**entry.module_kwargs).parameters())
            for cls in (entry.module_cls, entry.torch_module_cls)
        }
        assert counts == {entry.properties.learnable}
