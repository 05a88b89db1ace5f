"""Las pérdidas de energía (actloss.energy): fórmula, gradiente, torch, errores y catálogo.

Todas las pruebas recorren ``ENERGY_ENTRIES``: una entrada nueva queda probada el día
que se añade. Los tensores son pequeños y en float64.
"""

from __future__ import annotations

import inspect
import math
import re
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F

from actloss import energy
from actloss.catalog import ENERGY, energy_losses

ENERGY_ENTRIES = energy_losses()

ids = [e.name for e in ENERGY_ENTRIES]
WITH_VARIANTS = [
    pytest.param(e, v, id=f"{e.name}[{','.join(f'{k}={x}' for k, x in v.items()) or 'defecto'}]")
    for e in ENERGY_ENTRIES
    for v in e.variants
]
NEEDS_INCORRECT = [e for e in ENERGY_ENTRIES if e.properties.needs_incorrect]


def _energies(rows=6, answers=5, seed=0, scale=1.5):
    """Energías sin empates (casi seguro) y un objetivo por fila, reproducibles."""
    generator = torch.Generator().manual_seed(seed)
    energies = torch.randn(rows, answers, generator=generator, dtype=torch.float64) * scale
    target = torch.randint(0, answers, (rows,), generator=generator)
    return energies, target


def _params(variant):
    return {k: v for k, v in variant.items() if k != "reduction"}


def _gradient(entry, energies, target, **params):
    leaf = energies.clone().requires_grad_()
    (grad,) = torch.autograd.grad(entry.fn(leaf, target, reduction="sum", **params), leaf)
    return grad


# --- Fórmula y gradiente --------------------------------------------------------------


@pytest.mark.parametrize(("entry", "variant"), WITH_VARIANTS)
def test_matches_the_reference_formula(entry, variant):
    energies, target = _energies()
    ours = entry.fn(energies, target, **variant)
    # Same formula, different evaluation (masked minimum, softmax...): a few ulps apart.
    torch.testing.assert_close(ours, entry.reference(energies, target, **variant))


@pytest.mark.parametrize(("entry", "variant"), WITH_VARIANTS)
def test_closed_form_gradient_matches_autograd(entry, variant):
    energies, target = _energies(seed=1)
    params = _params(variant)
    expected = entry.reference_gradient(energies, target, **params)
    # The closed form and autograd's chain rule round differently: compare within ulps.
    torch.testing.assert_close(_gradient(entry, energies, target, **params), expected)


@pytest.mark.parametrize(("entry", "variant"), WITH_VARIANTS)
def test_gradcheck(entry, variant):
    energies, target = _energies(rows=3, answers=4, seed=2)
    leaf = energies.requires_grad_()
    assert torch.autograd.gradcheck(lambda e: entry.fn(e, target, **variant), (leaf,))


@pytest.mark.parametrize("entry", ENERGY_ENTRIES, ids=ids)
def test_float32_matches_float64(entry):
    energies, target = _energies(seed=3)
    low = entry.fn(energies.float(), target, reduction="none")
    assert low.dtype == torch.float32
    torch.testing.assert_close(low, entry.fn(energies, target, reduction="none").float())


@pytest.mark.parametrize("name", ["log_loss", "mce_loss", "nll_loss", "mee_loss"])
def test_stable_with_large_energies(name):
    """La log-suma-exponencial y la sigmoide no desbordan con energías de 1e4 en float32."""
    energies = torch.tensor([[1e4, -1e4, 0.0], [-1e4, 1e4, 3.0]])
    target = torch.tensor([0, 0])
    leaf = energies.clone().requires_grad_()
    losses = ENERGY[name].fn(leaf, target, reduction="none")
    (grad,) = torch.autograd.grad(losses.sum(), leaf)
    assert torch.isfinite(losses).all() and torch.isfinite(grad).all()
    exact = ENERGY[name].reference(energies.double(), target, reduction="none")
    torch.testing.assert_close(losses.double(), exact, rtol=1e-6, atol=1e-6)


# --- Equivalencias con torch ----------------------------------------------------------


def test_nll_with_beta_one_is_cross_entropy_of_minus_energies():
    energies, target = _energies(seed=4)
    for reduction in ("none", "mean", "sum"):
        # Both are a log-sum-exp minus a gathered value, each with its own kernel.
        torch.testing.assert_close(
            energy.nll_loss(energies, target, reduction=reduction),
            F.cross_entropy(-energies, target, reduction=reduction),
        )


def test_nll_with_beta_is_cross_entropy_of_scaled_energies_over_beta():
    energies, target = _energies(seed=5)
    torch.testing.assert_close(
        energy.nll_loss(energies, target, beta=3.0),
        F.cross_entropy(-3.0 * energies, target) / 3.0,
    )


def test_log_loss_is_softplus_of_the_gap():
    energies, target = _energies(seed=6)
    correct = energies.gather(1, target[:, None])[:, 0]
    offending = energies.gather(1, energy.most_offending(energies, target)[:, None])[:, 0]
    torch.testing.assert_close(
        energy.log_loss(energies, target, reduction="none"), F.softplus(correct - offending)
    )


def test_hinge_is_the_largest_term_of_multi_margin_on_minus_energies():
    """multi_margin_loss suma, entre K, los términos max(0, m + E_C - E_k) de todas las
    respuestas incorrectas; la bisagra se queda con el mayor, el de la más ofensiva."""
    energies, target = _energies(rows=8, answers=4, seed=7)
    hinge = energy.hinge_loss(energies, target, margin=0.5, reduction="none")
    multi = F.multi_margin_loss(-energies, target, margin=0.5, reduction="none")
    answers = energies.shape[1]
    tolerance = 1e-12  # sums of a few float64 terms
    assert (hinge <= answers * multi + tolerance).all()
    assert (answers * multi <= (answers - 1) * hinge + tolerance).all()
    two = energies[:, :2].contiguous()
    twice = 2 * F.multi_margin_loss(-two, target % 2, margin=0.5, reduction="none")
    torch.testing.assert_close(energy.hinge_loss(two, target % 2, 0.5, "none"), twice)


def test_with_two_answers_nll_is_log_loss_and_mee_is_mce():
    energies, target = _energies(answers=2, seed=8)
    torch.testing.assert_close(energy.nll_loss(energies, target), energy.log_loss(energies, target))
    torch.testing.assert_close(energy.mee_loss(energies, target), energy.mce_loss(energies, target))


def test_nll_tends_to_perceptron_within_log_k_over_beta():
    energies, target = _energies(seed=9)
    perceptron = energy.perceptron_loss(energies, target, reduction="none")
    answers = energies.shape[1]
    for beta in (1.0, 10.0, 100.0, 1000.0):
        gap = energy.nll_loss(energies, target, beta=beta, reduction="none") - perceptron
        assert (gap >= -1e-12).all() and (gap <= math.log(answers) / beta + 1e-12).all()
    flat = torch.zeros(3, answers, dtype=torch.float64)  # equal energies: the bound is reached
    for beta in (1.0, 10.0, 100.0):
        loss = energy.nll_loss(flat, target[:3], beta=beta, reduction="none")
        torch.testing.assert_close(loss, torch.full_like(loss, math.log(answers) / beta))


# --- Reducción, módulo y respuesta más ofensiva ----------------------------------------


@pytest.mark.parametrize("entry", ENERGY_ENTRIES, ids=ids)
def test_reduction_shapes_and_values(entry):
    energies, target = _energies(seed=10)
    none = entry.fn(energies, target, reduction="none")
    assert none.shape == (energies.shape[0],)
    # 'mean' and 'sum' reduce the very same tensor with the very same op: bit for bit.
    assert torch.equal(entry.fn(energies, target), none.mean())
    assert torch.equal(entry.fn(energies, target, reduction="sum"), none.sum())


@pytest.mark.parametrize(("entry", "variant"), WITH_VARIANTS)
def test_module_equals_function(entry, variant):
    energies, target = _energies(seed=11)
    module = entry.module_cls(**variant)
    assert torch.equal(module(energies, target), entry.fn(energies, target, **variant))


@pytest.mark.parametrize("entry", ENERGY_ENTRIES, ids=ids)
def test_module_constructor_mirrors_the_function(entry):
    """El constructor tiene los parámetros de la función tras ``target``, con sus defectos."""
    function = list(inspect.signature(entry.fn).parameters.values())[2:]
    module = list(inspect.signature(entry.module_cls.__init__).parameters.values())[1:]
    assert [(p.name, p.default) for p in module] == [(p.name, p.default) for p in function]
    assert entry.module_cls.function is entry.fn  # forward calls it (test_module_equals_function)


def test_most_offending_is_the_lowest_incorrect_answer():
    energies, target = _energies(rows=20, answers=4, seed=12)
    found = energy.most_offending(energies, target)
    for row, (e, t) in enumerate(zip(energies.tolist(), target.tolist(), strict=True)):
        incorrect = [k for k in range(len(e)) if k != t]
        assert found[row] == min(incorrect, key=lambda k: e[k])


def test_most_offending_breaks_ties_by_index_and_never_picks_the_target():
    flat = torch.zeros(3, 4)
    assert energy.most_offending(flat, torch.tensor([0, 1, 3])).tolist() == [1, 0, 0]
    hidden = torch.tensor([[0.0, math.inf, math.inf]])  # all incorrect answers at +inf
    assert energy.most_offending(hidden, torch.tensor([0])).tolist() == [1]


def test_empty_batch():
    energies, target = torch.empty(0, 3), torch.empty(0, dtype=torch.long)
    assert energy.hinge_loss(energies, target, reduction="none").shape == (0,)
    assert energy.nll_loss(energies, target, reduction="sum") == 0


# --- Entradas no válidas ---------------------------------------------------------------


def _bad_inputs(name):
    good_e, good_t = torch.zeros(2, 3), torch.tensor([0, 2])
    return [
        ((good_e, good_t, {"reduction": "media"}), ValueError, "`reduction`"),
        ((good_e.long(), good_t, {}), NotImplementedError, "`energies`"),
        ((torch.zeros(3), torch.tensor(0), {}), RuntimeError, "`energies`"),
        ((torch.zeros(2, 3, 1), good_t, {}), RuntimeError, "`energies`"),
        ((good_e, good_t.float(), {}), RuntimeError, "`target`"),
        ((good_e, good_t[:, None], {}), RuntimeError, "`target`"),
        ((good_e, torch.tensor([0, 1, 2]), {}), ValueError, "lote de `target`"),
        ((good_e, torch.tensor([0, 3]), {}), IndexError, "`target`"),
        ((good_e, torch.tensor([-1, 0]), {}), IndexError, "`target`"),
    ]


@pytest.mark.parametrize("entry", ENERGY_ENTRIES, ids=ids)
def test_bad_input_raises_torch_class_with_spanish_message(entry):
    for (energies, target, kwargs), error, argument in _bad_inputs(entry.name):
        with pytest.raises(error, match=f"^{entry.name}: .*{argument}"):
            entry.fn(energies, target, **kwargs)


@pytest.mark.parametrize("entry", ENERGY_ENTRIES, ids=ids)
def test_one_answer_is_refused_only_by_losses_that_need_an_incorrect_one(entry):
    single = (torch.zeros(2, 1), torch.tensor([0, 0]))
    if entry.properties.needs_incorrect:
        with pytest.raises(ValueError, match=r"K >= 2 .* K = 1"):
            entry.fn(*single)
    else:
        assert torch.isfinite(entry.fn(*single))


@pytest.mark.parametrize(
    ("name", "argument", "value"),
    [
        ("nll_loss", "beta", 0.0),
        ("mee_loss", "beta", -1.0),
        ("nll_loss", "beta", math.inf),
        ("lvq2_loss", "saturation", 0.0),
        ("square_exponential_loss", "gamma", -2.0),
        ("hinge_loss", "margin", math.nan),
        ("square_square_loss", "margin", math.inf),
    ],
)
def test_bad_parameter_names_the_argument(name, argument, value):
    with pytest.raises(ValueError, match=f"`{argument}`"):
        ENERGY[name].fn(torch.zeros(2, 3), torch.tensor([0, 1]), **{argument: value})


def test_most_offending_needs_two_answers():
    with pytest.raises(ValueError, match=r"most_offending: .*K >= 2"):
        energy.most_offending(torch.zeros(2, 1), torch.tensor([0, 0]))


# --- Las propiedades del catálogo -------------------------------------------------------


def _probe(entry, correct, incorrect, third=None):
    """Pérdida y gradiente en filas (E_C, E_I[, E_3]) con objetivo 0, en float64."""
    columns = [correct, incorrect] if third is None else [correct, incorrect, third]
    leaf = torch.stack([torch.as_tensor(c, dtype=torch.float64) for c in columns], 1)
    leaf.requires_grad_()
    target = torch.zeros(leaf.shape[0], dtype=torch.long)
    losses = entry.fn(leaf, target, reduction="none")
    (grad,) = torch.autograd.grad(losses.sum(), leaf)
    return losses.detach(), grad


def _observed_margin(entry):
    """El margen que se ve al empujar: ¿sube E_I con E_C = 0 y E_I = g?"""
    gaps = torch.tensor([-2.0, -0.5, 0.25, 0.5, 0.9, 1.0, 1.5, 3.0, 5.0])
    losses, grad = _probe(entry, torch.zeros_like(gaps), gaps, gaps + 1)
    pushes = grad[:, 1] < 0
    positive = gaps > 0
    if not pushes.any():
        return "ninguno"
    if pushes[positive].all() and (losses[positive] > 0).all():
        return "positivo"
    if not pushes[positive].any() and (losses[positive] == 0).all():
        return "cero"
    reached = gaps >= 1.0  # the default margin m = 1
    if pushes[positive & ~reached].all() and not pushes[reached].any():
        return "m" if (losses[reached] == 0).all() else "otro"
    return "otro"


@pytest.mark.parametrize("entry", ENERGY_ENTRIES, ids=ids)
def test_margin(entry):
    assert _observed_margin(entry) == entry.properties.margin


def test_margin_m_follows_the_margin_argument():
    """Con m = 2.5 la bisagra y la cuadrado-cuadrado empujan en E_I = 2 y no en 2.5."""
    for name in ("hinge_loss", "square_square_loss"):
        leaf = torch.tensor([[0.0, 2.0], [0.0, 2.5]], dtype=torch.float64, requires_grad=True)
        losses = ENERGY[name].fn(leaf, torch.tensor([0, 0]), margin=2.5, reduction="none")
        (grad,) = torch.autograd.grad(losses.sum(), leaf)
        assert losses[0] > 0 and grad[0, 1] < 0
        assert losses[1] == 0 and (grad[1] == 0).all()


@pytest.mark.parametrize("entry", ENERGY_ENTRIES, ids=ids)
def test_gradient_support(entry):
    """Las energías que reciben gradiente: nunca otras, y en alguna fila exactamente esas."""
    energies, target = _energies(rows=24, answers=5, seed=13, scale=1.0)
    grad = _gradient(entry, energies, target)
    lowest = energies.argmin(dim=1)
    offending = energy.most_offending(energies, target)
    exact = False
    for row in range(energies.shape[0]):
        nonzero = {int(k) for k in torch.nonzero(grad[row])}
        allowed = {
            "correcta": {int(target[row])},
            "correcta y mínima": {int(target[row]), int(lowest[row])},
            "correcta y más ofensiva": {int(target[row]), int(offending[row])},
            "todas": set(range(energies.shape[1])),
        }[entry.properties.support]
        assert nonzero <= allowed, f"fila {row}: gradiente en {nonzero}"
        exact |= nonzero == allowed
    assert exact


@pytest.mark.parametrize("entry", ENERGY_ENTRIES, ids=ids)
def test_saturation(entry):
    z = torch.tensor([-40.0, 40.0])
    _, grad = _probe(entry, torch.zeros(2), -z)
    flat = grad.norm(dim=1) < 1e-9
    sides = {(False, False): "ninguna", (True, False): "izquierda"}
    sides |= {(False, True): "derecha", (True, True): "ambas"}
    assert sides[(bool(flat[0]), bool(flat[1]))] == entry.properties.saturation


def _range_probes(entry):
    """Pérdidas de energías aleatorias de escalas 1e-2 a 1e3, y de diferencias extremas."""
    values = []
    for seed, scale in enumerate((1e-2, 1.0, 30.0, 1e3)):
        energies, target = _energies(rows=50, answers=4, seed=20 + seed, scale=scale)
        values.append(entry.fn(energies, target, reduction="none"))
    gaps = torch.tensor([-1e3, -40.0, 0.0, 40.0, 1e3])
    values.append(_probe(entry, -gaps / 2, gaps / 2)[0])
    values.append(_probe(entry, torch.zeros(2), torch.tensor([40.0, -40.0]))[0])
    return torch.cat(values)


@pytest.mark.parametrize("entry", ENERGY_ENTRIES, ids=ids)
def test_range(entry):
    low, high = entry.properties.range
    values = _range_probes(entry)
    assert ((values >= low) & (values <= high)).all()
    # The bounds are tight: the probes come within 1e-2 of each (past -1e3 or 1e3 if infinite).
    assert values.min() < (low + 1e-2 if math.isfinite(low) else -1e3)
    assert values.max() > (high - 1e-2 if math.isfinite(high) else 1e3)


@pytest.mark.parametrize("entry", ENERGY_ENTRIES, ids=ids)
def test_convexity(entry):
    """El punto medio de dos entradas no supera la media de sus pérdidas (con el mismo
    objetivo) si y solo si la entrada afirma convexidad."""
    a, target = _energies(rows=400, answers=4, seed=30, scale=2.0)
    b, _ = _energies(rows=400, answers=4, seed=31, scale=2.0)
    middle = entry.fn((a + b) / 2, target, reduction="none")
    chord = (entry.fn(a, target, reduction="none") + entry.fn(b, target, reduction="none")) / 2
    below = middle <= chord + 1e-12 * chord.abs().clamp_min(1)
    assert bool(below.all()) == entry.properties.convex


ROOT = Path(__file__).resolve().parents[1]


def test_every_public_name_has_an_entry_and_an_api_page():
    names = {e.name for e in ENERGY_ENTRIES} | {e.module for e in ENERGY_ENTRIES}
    assert set(energy.__all__) == names | {"most_offending"}
    listed = re.findall(r"^   (\w+)$", (ROOT / "docs" / "api" / "energia.rst").read_text(), re.M)
    assert sorted(listed) == sorted(energy.__all__)


@pytest.mark.parametrize("entry", ENERGY_ENTRIES, ids=ids)
def test_entry_has_notes_section_and_gallery_example(entry):
    notes = (ROOT / "docs" / "notas" / "energia.md").read_text()
    assert f"({entry.section})=" in notes
    source = (ROOT / "gallery" / f"{entry.example.removeprefix('galeria/')}.py").read_text()
    # Calling both by attribute is what lists the example on their API pages.
    assert f"energy.{entry.name}(" in source and f"energy.{entry.module}(" in source
    # The title shows in every gallery page's sidebar, where MathJax may not be loaded.
    assert ":math:" not in source.split("\n")[1]


@pytest.mark.parametrize("entry", ENERGY_ENTRIES, ids=ids)
def test_slider_parameters_are_the_signature_s_and_run_at_both_ends(entry):
    """Los deslizadores de la página: un parámetro por argumento ajustable de la firma,
    con su valor por defecto; los dos extremos del intervalo dan pérdidas finitas."""
    signature = inspect.signature(entry.fn).parameters
    tunable = [n for n in signature if n not in {"energies", "target", "reduction"}]
    assert [p.name for p in entry.parameters] == tunable
    energies, target = _energies()
    for p in entry.parameters:
        assert p.default == signature[p.name].default
        assert p.low < p.default < p.high
        for value in (p.low, p.high):
            losses = entry.fn(energies, target, reduction="none", **{p.name: value})
            assert losses.shape == target.shape and bool(losses.isfinite().all()), (p.name, value)
