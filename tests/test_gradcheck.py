"""Las derivadas escritas a mano superan gradcheck y gradgradcheck en float64."""

from __future__ import annotations

import functools
import math

import pytest
import torch

from actloss import functional
from actloss.catalog import ActivationProperties
from actloss.catalog._entry import VectorProperties
from actloss.functional._pointwise import autograd_through_formula
from helpers import (
    ACTIVATIONS,
    ENTRIES,
    arguments,
    detached_leaves,
    warns_as_intended,
    with_variants,
)

ELEMENTWISE = [e for e in ACTIVATIONS if isinstance(e.properties, ActivationProperties)]
VECTOR = [e for e in ENTRIES if isinstance(e.properties, VectorProperties)]


def _away_from_kinks(shape: tuple[int, ...]) -> torch.Tensor:
    """Valores en [0.2, 2] con signo aleatorio: lejos de los pliegues en 0."""
    generator = torch.Generator().manual_seed(3)
    magnitude = torch.rand(shape, generator=generator, dtype=torch.float64) * 1.8 + 0.2
    sign = torch.randint(0, 2, shape, generator=generator).double() * 2 - 1
    return magnitude * sign


@pytest.mark.parametrize(("entry", "variant"), with_variants(ENTRIES))
def test_gradcheck_and_gradgradcheck(entry, variant):
    x = _away_from_kinks((3, 4))
    inputs, params = arguments(entry, x)
    if entry.quirks.reparametrize is not None:  # differentiate through the map, w.r.t. its x
        inputs = (x, *inputs[1:])
    elif len(inputs) > 1 and entry.quirks.kink_at_target:  # keep every residual x - y away from 0
        inputs = (inputs[1] + x, *inputs[1:])
    leaves = detached_leaves(inputs + params)
    prepare = entry.quirks.reparametrize or (lambda first: first)

    def fn(first, *tensors):
        return entry.fn(prepare(first), *tensors, **variant)

    with warns_as_intended(entry, variant):  # an implicit dim, kl_div's 'mean'
        assert torch.autograd.gradcheck(fn, leaves)
    # The second derivative in fast mode: the full Jacobian of the backward projected on
    # random vectors (as torch's own OpInfo tests do), a fifth of the time; a wrong second
    # derivative still fails. The first derivative, the written one, is checked in full.
    with warns_as_intended(entry, variant):
        if entry.quirks.twice_differentiable:
            assert torch.autograd.gradgradcheck(fn, leaves, fast_mode=True)
        else:  # like torch's own, the written backward cannot be differentiated again
            with pytest.raises(RuntimeError):
                torch.autograd.gradgradcheck(fn, leaves, fast_mode=True)


@pytest.mark.parametrize(("entry", "variant"), with_variants(ELEMENTWISE))
def test_written_derivative_matches_autograd_of_formula(entry, variant):
    """La derivada escrita coincide con las diferencias centradas del valor."""
    x = _away_from_kinks((50,))
    _, params = arguments(entry, x)
    leaf = x.clone().requires_grad_()
    (written,) = torch.autograd.grad(entry.fn(leaf, *params, **variant).sum(), leaf)
    h = 1e-6
    numeric = (entry.fn(x + h, *params, **variant) - entry.fn(x - h, *params, **variant)) / (2 * h)
    torch.testing.assert_close(written, numeric, rtol=1e-6, atol=1e-6)


def _uses_written_rule(entry) -> bool:
    """La activación pasa por ``Pointwise`` (su derivada escrita) al menos en algún caso."""
    x = _away_from_kinks((4,)).requires_grad_()
    _, params = arguments(entry, x.detach())
    out = entry.fn(x, *params)
    return out.grad_fn is not None and "Pointwise" in type(out.grad_fn).__name__


WRITTEN_RULES = [e for e in ELEMENTWISE if _uses_written_rule(e)]


@pytest.mark.parametrize(("entry", "variant"), with_variants(WRITTEN_RULES))
def test_written_derivative_matches_autograd_through_the_formula(entry, variant):
    """La derivada escrita coincide con la que autograd obtiene derivando la fórmula del valor."""
    x = _away_from_kinks((50,))
    _, params = arguments(entry, x)
    grads = []
    for formula in (False, True):
        leaf = x.clone().requires_grad_()
        with autograd_through_formula() if formula else torch.enable_grad():
            out = entry.fn(leaf, *params, **variant)
        assert ("Pointwise" in type(out.grad_fn).__name__) != formula
        grads.append(torch.autograd.grad(out.sum(), leaf)[0])
    torch.testing.assert_close(grads[0], grads[1], rtol=1e-10, atol=1e-12)


def test_every_elementwise_rule_is_checked_against_its_formula():
    """Las que no usan ``Pointwise`` escriben su propia función de autograd (PReLU)."""
    others = {e.name for e in ELEMENTWISE} - {e.name for e in WRITTEN_RULES}
    assert others <= {"prelu"}, others


@pytest.mark.parametrize(("entry", "variant"), with_variants(VECTOR))
def test_written_jacobian_matches_finite_differences(entry, variant):
    """Activación vectorial: la jacobiana entera, cada columna por diferencias centradas."""
    (x,) = entry.make_inputs(_away_from_kinks((2, 4)))
    leaf = x.clone().requires_grad_()

    def fn(t):
        return entry.fn(t, **variant)

    with warns_as_intended(entry, variant):
        written = torch.autograd.functional.jacobian(fn, leaf).reshape(fn(x).numel(), x.numel())
        h, columns = 1e-6, []
        for j in range(x.numel()):
            step = torch.zeros(x.numel(), dtype=x.dtype)
            step[j] = h
            step = step.reshape(x.shape)
            columns.append(((fn(x + step) - fn(x - step)) / (2 * h)).flatten())
    torch.testing.assert_close(written, torch.stack(columns, dim=1), rtol=1e-6, atol=1e-6)


# Where torch's gradient stays in the graph and actloss's is a constant. nll_loss: torch's
# nll_loss_backward depends on its input (with derivative 0); actloss's gather has a
# backward that does not. ctc_loss: torch records _ctc_loss_backward but has no derivative
# for it (a backward through it raises); actloss's written gradient is not recorded (a
# backward through it raises too, "does not require grad").
FIRST_DERIVATIVE_CONSTANT_HERE = {"nll_loss", "ctc_loss"}


def _kept_in_graph(fn, leaves, ours):  # type: ignore[no-untyped-def]
    """El gradiente de ``fn(*leaves)`` con ``create_graph=True`` ¿queda en el grafo? Si es
    el nuestro y queda, se retropropaga por él (torch no tiene todas las derivadas
    segundas)."""
    (gradient,) = torch.autograd.grad(fn(*leaves).sum(), leaves[0], create_graph=True)
    if gradient.requires_grad and ours:
        gradient.sum().backward()
    return gradient.requires_grad


@pytest.mark.parametrize(("entry", "variant"), with_variants(ENTRIES))
def test_create_graph_keeps_the_gradient_in_the_graph_like_torch(entry, variant):
    """Con ``create_graph=True`` el gradiente queda en el grafo donde el de torch queda,
    aunque su derivada sea nula (ReLU, los umbrales): se puede retropropagar por él, como en
    una penalización del gradiente."""
    inputs, params = arguments(entry, _away_from_kinks((3, 4)))
    kept = []
    for fn in (entry.fn, entry.torch_fn):
        with warns_as_intended(entry, variant):
            call = functools.partial(fn, **variant)
            kept.append(_kept_in_graph(call, detached_leaves(inputs + params), fn is entry.fn))
    if entry.name in FIRST_DERIVATIVE_CONSTANT_HERE:
        assert kept == [False, True]
    else:
        assert kept[0] == kept[1]


# Rules the catalog's variants do not reach: a drawn slope, and arguments at their limits.
LIMIT_CALLS = {
    "rrelu-entrenando": lambda F, x: F.rrelu(x, training=True),
    "leaky_relu-0": lambda F, x: F.leaky_relu(x, 0.0),
    "leaky_relu-inf": lambda F, x: F.leaky_relu(x, math.inf),
    "threshold-inf": lambda F, x: F.threshold(x, 0.1, math.inf),
    "hardshrink-nan": lambda F, x: F.hardshrink(x, math.nan),
    "hardshrink-inf": lambda F, x: F.hardshrink(x, math.inf),
}


@pytest.mark.parametrize("call", LIMIT_CALLS.values(), ids=LIMIT_CALLS)
def test_create_graph_at_the_limits_of_the_arguments_like_torch(call):
    x = _away_from_kinks((3, 4))
    kept = [
        _kept_in_graph(functools.partial(call, library), (x.clone().requires_grad_(),), ours)
        for library, ours in ((functional, True), (torch.nn.functional, False))
    ]
    assert kept == [True, True]
