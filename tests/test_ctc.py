"""CTC: la suma sobre alineaciones, los argumentos de torch, sus errores y su gradiente."""

from __future__ import annotations

import itertools
import math

import pytest
import torch

from actloss import functional as F
from actloss import nn
from actloss.decoding import collapse, greedy_decode
from helpers import is_spanish_error, raises_like_torch

TF = torch.nn.functional


def _collapsed(path, blank):
    out, previous = [], None
    for label in path:
        if label != previous and label != blank:
            out.append(label)
        previous = label
    return out


def _brute_force(log_probs, target, steps, blank=0):
    """-log de la suma de exp(sum_t x[t, pi_t]) sobre las alineaciones que colapsan en y."""
    terms = [
        sum(log_probs[t, c] for t, c in enumerate(path))
        for path in itertools.product(range(log_probs.shape[1]), repeat=steps)
        if _collapsed(path, blank) == list(target)
    ]
    if not terms:
        return torch.tensor(math.inf, dtype=log_probs.dtype)
    return -torch.logsumexp(torch.stack(terms), 0)


def _batch(seed=0, dtype=torch.float64, classes=4, steps=6):
    generator = torch.Generator().manual_seed(seed)
    log_probs = torch.randn(steps, 3, classes, generator=generator, dtype=dtype).log_softmax(-1)
    targets = torch.tensor([[1, 2, 2], [3, 1, 0], [2, 0, 0]])  # a repeat, padding
    return log_probs, targets, torch.tensor([6, 5, 3]), torch.tensor([3, 2, 1])


def _compare(log_probs, *args, **kwargs):
    """Valor y gradiente (con un gradiente de salida aleatorio) frente a torch."""
    ours_leaf = log_probs.detach().clone().requires_grad_()
    their_leaf = log_probs.detach().clone().requires_grad_()
    ours = F.ctc_loss(ours_leaf, *args, **kwargs)
    theirs = TF.ctc_loss(their_leaf, *args, **kwargs)
    torch.testing.assert_close(ours, theirs, equal_nan=True)
    grad_out = torch.rand(ours.shape, dtype=ours.dtype, generator=torch.Generator().manual_seed(1))
    (g_ours,) = torch.autograd.grad(ours, ours_leaf, grad_out)
    (g_theirs,) = torch.autograd.grad(theirs, their_leaf, grad_out)
    torch.testing.assert_close(g_ours, g_theirs, equal_nan=True)
    return ours.detach(), g_ours


def test_loss_is_minus_log_of_the_sum_over_all_alignments():
    log_probs, targets, inputs, lengths = _batch()
    losses = F.ctc_loss(log_probs, targets, inputs, lengths, reduction="none")
    for n in range(3):
        expected = _brute_force(log_probs[:, n], targets[n, : lengths[n]].tolist(), inputs[n])
        torch.testing.assert_close(losses[n], expected)


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64], ids=str)
def test_padded_targets_match_torch(reduction, dtype):
    log_probs, targets, inputs, lengths = _batch(dtype=dtype)
    _compare(log_probs, targets, inputs, lengths, reduction=reduction)


def test_concatenated_targets_tuples_and_int32_lengths_match_torch():
    log_probs, _, inputs, lengths = _batch()
    concatenated = torch.tensor([1, 2, 2, 3, 1, 2])
    padded, _ = _compare(log_probs, concatenated, inputs, lengths, reduction="none")
    _compare(log_probs, concatenated, tuple(inputs.tolist()), tuple(lengths.tolist()))
    _compare(log_probs, concatenated, inputs.int(), lengths.int(), reduction="sum")
    torch.testing.assert_close(
        padded, F.ctc_loss(log_probs, _batch()[1], inputs, lengths, reduction="none")
    )


@pytest.mark.parametrize("inputs", [(6, 5, 3), (3, 5, 2)], ids=["posible", "imposible"])
def test_targets_without_repeated_labels_match_torch(inputs):
    """Sin etiquetas repetidas el salto de un blanco no necesita máscara: otro camino."""
    log_probs, _, _, lengths = _batch()
    targets = torch.tensor([[1, 2, 3], [3, 1, 0], [2, 0, 0]])
    for zero_infinity in (False, True):
        _compare(
            log_probs,
            targets,
            torch.tensor(inputs),
            lengths,
            reduction="none",
            zero_infinity=zero_infinity,
        )


def test_unbatched_input_and_other_blank_match_torch():
    log_probs, targets, _, _ = _batch(classes=5)
    _compare(log_probs[:, 0], targets[0], torch.tensor(6), torch.tensor(3))
    _compare(log_probs[:, 0], targets[:1], (6,), (3,), reduction="none")
    _compare(log_probs, targets + 1, (6, 5, 3), (3, 2, 1), blank=0, reduction="none")
    _compare(log_probs, targets, (6, 5, 3), (3, 2, 1), blank=4, reduction="none")


def test_gradient_is_torchs_the_logit_gradient_of_log_softmax():
    """torch devuelve exp(x) - gamma; la derivada exacta respecto a x es -gamma."""
    log_probs, targets, inputs, lengths = _batch()
    _compare(log_probs, targets, inputs, lengths, reduction="sum")
    leaf = log_probs.clone().requires_grad_()
    (ours,) = torch.autograd.grad(F.ctc_loss(leaf, targets, inputs, lengths, 0, "sum"), leaf)
    brute = sum(
        _brute_force(leaf[:, n], targets[n, : lengths[n]].tolist(), inputs[n]) for n in range(3)
    )
    (exact,) = torch.autograd.grad(brute, leaf)
    frames = (torch.arange(6)[:, None] < inputs)[..., None]
    torch.testing.assert_close(ours, torch.where(frames, log_probs.exp(), 0.0) + exact)


def test_gradcheck_through_log_softmax_with_uneven_lengths():
    logits = torch.randn(5, 3, 4, dtype=torch.float64, generator=torch.Generator().manual_seed(2))
    targets, inputs, lengths = torch.tensor([[1, 1], [2, 3], [3, 0]]), (5, 4, 3), (2, 2, 1)
    for reduction in ("none", "mean"):
        assert torch.autograd.gradcheck(
            lambda z, r=reduction: F.ctc_loss(z.log_softmax(-1), targets, inputs, lengths, 0, r),
            (logits.requires_grad_(),),
        )


def test_each_sequence_is_computed_as_if_it_were_alone():
    """Las secuencias comparten el retículo, cada una con sus 2 L + 1 estados: ninguna
    toca a su vecina, sea cual sea su longitud (de objetivo o de entrada)."""
    generator = torch.Generator().manual_seed(3)
    steps, classes = 12, 6
    logits = torch.randn(steps, 5, classes, dtype=torch.float64, generator=generator)
    log_probs = logits.log_softmax(-1)
    targets = torch.randint(1, classes, (5, 5), generator=generator)
    inputs, lengths = (12, 3, 12, 1, 9), (5, 0, 1, 1, 4)
    _compare(log_probs, targets, inputs, lengths, reduction="none")

    def loss_and_grad(*args):
        leaf = args[0].clone().requires_grad_()
        losses = F.ctc_loss(leaf, *args[1:], reduction="none")
        return losses.detach(), torch.autograd.grad(losses.sum(), leaf)[0]

    losses, grad = loss_and_grad(log_probs, targets, inputs, lengths)
    for n in range(5):
        one = slice(n, n + 1)
        alone, grad_alone = loss_and_grad(
            log_probs[:, one], targets[one], inputs[one], lengths[one]
        )
        torch.testing.assert_close(losses[one], alone)
        torch.testing.assert_close(grad[:, one], grad_alone)


def test_impossible_alignment_is_infinite_or_zeroed_like_torch():
    log_probs, targets, _, lengths = _batch()
    inputs = torch.tensor([2, 5, 3])  # "1 2 2" needs 4 frames
    losses, grad = _compare(log_probs, targets, inputs, lengths, reduction="none")
    assert math.isinf(losses[0]) and bool(grad[:2, 0].isnan().all())
    losses, grad = _compare(
        log_probs, targets, inputs, lengths, zero_infinity=True, reduction="none"
    )
    assert losses[0] == 0 and not grad[:, 0].any() and grad[:, 1].any()
    _compare(log_probs, targets, inputs, lengths, zero_infinity=True)


def test_special_values_stay_in_their_sequence_like_torch():
    log_probs, targets, inputs, lengths = _batch()
    for value in (float("nan"), float("inf"), float("-inf")):
        broken = log_probs.clone()
        broken[1, 0, 2] = value
        losses, _ = _compare(broken, targets, inputs, lengths, reduction="none")
        assert torch.isfinite(losses[1:]).all()


def test_zero_length_input_and_target():
    log_probs, targets, _, _ = _batch()
    losses, _ = _compare(log_probs, targets, (0, 5, 3), (0, 2, 1), reduction="none")
    assert losses[0] == 0


def test_perfect_prediction_costs_zero_and_finite_log_probs_only_approach_it():
    targets, chosen = [1, 2, 2], [1, 0, 2, 0, 2, 0]  # one valid alignment of "1 2 2"
    exact = torch.full((6, 3), -math.inf, dtype=torch.float64)
    exact[range(6), chosen] = 0.0
    assert F.ctc_loss(exact, torch.tensor(targets), (6,), (3,), reduction="sum") == 0
    previous = math.inf
    for margin in (2.0, 5.0, 10.0, 20.0):
        logits = torch.where(exact == 0, margin, 0.0).to(torch.float64)
        loss = F.ctc_loss(logits.log_softmax(-1), torch.tensor(targets), (6,), (3,), 0, "sum")
        assert 0 < loss < previous
        previous = loss
    assert previous < 1e-7


def test_no_double_backward_like_torch():
    log_probs, targets, inputs, lengths = _batch()
    for fn in (F.ctc_loss, TF.ctc_loss):
        leaf = log_probs.clone().requires_grad_()
        (grad,) = torch.autograd.grad(fn(leaf, targets, inputs, lengths), leaf, create_graph=True)
        with pytest.raises(RuntimeError):
            torch.autograd.grad(grad.sum(), leaf)


def test_value_without_gradient_is_the_same():
    log_probs, targets, inputs, lengths = _batch()
    with torch.no_grad():
        plain = F.ctc_loss(log_probs, targets, inputs, lengths, reduction="none")
    leaf = log_probs.clone().requires_grad_()
    torch.testing.assert_close(plain, F.ctc_loss(leaf, targets, inputs, lengths, reduction="none"))


LOG_PROBS, TARGETS, INPUTS, LENGTHS = _batch()
BAD = {
    "input_lengths negativa": ((LOG_PROBS, TARGETS, -INPUTS, LENGTHS), {}, "input_lengths"),
    "input_lengths > T": ((LOG_PROBS, TARGETS, INPUTS + 1, LENGTHS), {}, "input_lengths"),
    "target_lengths negativa": ((LOG_PROBS, TARGETS, INPUTS, -LENGTHS), {}, "target_lengths"),
    "objetivo corto": ((LOG_PROBS, TARGETS, INPUTS, LENGTHS + 1), {}, "targets"),
    "concatenado corto": ((LOG_PROBS, TARGETS[0], INPUTS, LENGTHS), {}, "targets"),
    "filas de más": ((LOG_PROBS, TARGETS[:2], INPUTS, LENGTHS), {}, "targets"),
    "targets 3-D": ((LOG_PROBS, TARGETS[None], INPUTS, LENGTHS), {}, "targets"),
    "longitudes reales": ((LOG_PROBS, TARGETS, INPUTS.double(), LENGTHS), {}, "input_lengths"),
    "longitudes lógicas": ((LOG_PROBS, TARGETS, INPUTS, LENGTHS > 0), {}, "target_lengths"),
    "longitudes de más": ((LOG_PROBS, TARGETS, INPUTS[:2], LENGTHS), {}, "input_lengths"),
    "tupla y tensor": ((LOG_PROBS, TARGETS, (6, 5, 3), LENGTHS), {}, "input_lengths"),
    "entero suelto": ((LOG_PROBS[:, 0], TARGETS[0], 6, 3), {}, "input_lengths"),
    "blank fuera": ((LOG_PROBS, TARGETS, INPUTS, LENGTHS), {"blank": 4}, "blank"),
    "blank negativo": ((LOG_PROBS, TARGETS, INPUTS, LENGTHS), {"blank": -1}, "blank"),
    "log_probs 1-D": ((LOG_PROBS[:, 0, 0], TARGETS[0], (6,), (3,)), {}, "log_probs"),
    "log_probs 4-D": ((LOG_PROBS[None], TARGETS, INPUTS, LENGTHS), {}, "log_probs"),
    "log_probs vacío": ((LOG_PROBS[:, :0], TARGETS[:0], (), ()), {}, "log_probs"),
    "log_probs enteros": ((INPUTS[:, None], TARGETS[:1], (3,), (1,)), {}, "log_probs"),
    "log_probs half": ((LOG_PROBS.half(), TARGETS, INPUTS, LENGTHS), {}, "log_probs"),
    "reduction": ((LOG_PROBS, TARGETS, INPUTS, LENGTHS), {"reduction": "media"}, "reduction"),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_arguments_raise_torchs_class_with_a_spanish_message(case):
    args, kwargs, argument = BAD[case]
    raises_like_torch(F.ctc_loss, TF.ctc_loss, *args, argument=argument, **kwargs)


def test_labels_outside_the_classes_are_refused():
    """torch lee fuera de la memoria de la entrada (un valor arbitrario); actloss falla."""
    negative = TARGETS.clone()
    negative[0, 1] = -1
    for bad in (TARGETS + 3, negative):
        with pytest.raises(RuntimeError) as ours:
            F.ctc_loss(LOG_PROBS, bad, INPUTS, LENGTHS)
        assert is_spanish_error(str(ours.value), "targets")


def test_module_holds_the_arguments():
    module = nn.CTCLoss(blank=3, reduction="sum", zero_infinity=True)
    assert repr(module) == repr(torch.nn.CTCLoss(blank=3, reduction="sum", zero_infinity=True))
    expected = F.ctc_loss(LOG_PROBS, TARGETS, INPUTS, LENGTHS, 3, "sum", True)
    torch.testing.assert_close(module(LOG_PROBS, TARGETS, INPUTS, LENGTHS), expected)


def test_greedy_decoding_takes_the_best_path_and_collapses_it():
    assert collapse([0, 1, 1, 0, 0, 1, 2, 0, 2], blank=0) == [1, 1, 2, 2]
    assert collapse([3, 1, 1, 3], blank=3) == [1]
    best = torch.tensor([[1, 1, 0, 1, 2], [2, 0, 0, 2, 2]]).t()  # (T, N)
    scores = torch.nn.functional.one_hot(best, 3).double().log_softmax(-1)
    assert greedy_decode(scores) == [[1, 1, 2], [2, 2]]
    assert greedy_decode(scores, input_lengths=(2, 4)) == [[1], [2, 2]]
    assert greedy_decode(scores[:, 0]) == [[1, 1, 2]]


def test_backward_twice_gives_the_same_gradient():
    """La retropropagación no altera lo guardado: una segunda pasada da lo mismo."""
    log_probs, targets, inputs, lengths = _batch(steps=40)
    leaf = log_probs.clone().requires_grad_()
    loss = F.ctc_loss(leaf, targets, inputs, lengths)
    (first,) = torch.autograd.grad(loss, leaf, retain_graph=True)
    (second,) = torch.autograd.grad(loss, leaf)
    torch.testing.assert_close(first, second, rtol=0, atol=0)
    _compare(log_probs, targets, inputs, lengths)


def test_peak_memory_of_forward_and_backward_is_close_to_torchs():
    """El pico (perfilador de torch) no pasa de 1.2 veces el de torch: sin copias enteras.

    Al tamaño pequeño de la medida de rendimiento (T=200, N=16, C=40, S=30).
    """
    from actloss.benchmark import ctc_cases, peak_memory

    case = ctc_cases()[0]
    inputs = case.build()
    ours, theirs = peak_memory(case.ours, inputs), peak_memory(case.reference, inputs)
    assert ours <= 1.2 * theirs, (ours, theirs)


def _length_kinds():
    import numpy as np

    return {
        "numpy": (list(np.array([6, 6])), list(np.array([3, 2]))),
        "tensores_0d": ([torch.tensor(6)] * 2, [torch.tensor(3), torch.tensor(2)]),
        "tensores_1": ([torch.tensor([6])] * 2, (3, 2)),
        "tupla_numpy": ((np.int32(6), np.int64(6)), (3, 2)),
    }


@pytest.mark.parametrize("kind", list(_length_kinds()))
def test_lengths_accept_what_torch_accepts(kind):
    """Las longitudes como listas de enteros de numpy o de tensores de un elemento, como torch."""
    input_lengths, target_lengths = _length_kinds()[kind]
    log_probs = torch.randn(6, 2, 4, dtype=torch.float64).log_softmax(-1)
    targets = torch.tensor([[1, 2, 3], [1, 2, 0]])
    torch.testing.assert_close(
        F.ctc_loss(log_probs, targets, input_lengths, target_lengths),
        torch.nn.functional.ctc_loss(log_probs, targets, input_lengths, target_lengths),
    )


@pytest.mark.parametrize(
    ("input_lengths", "target_lengths"),
    [([6.0, 6.0], [3, 2]), ([torch.tensor(6.0)] * 2, [3, 2]), (torch.tensor([6, 6]), [3, 2])],
    ids=["float", "tensor_float", "mezcla"],
)
def test_lengths_refuse_what_torch_refuses(input_lengths, target_lengths):
    log_probs = torch.randn(6, 2, 4, dtype=torch.float64).log_softmax(-1)
    targets = torch.tensor([[1, 2, 3], [1, 2, 0]])
    raises_like_torch(
        F.ctc_loss,
        torch.nn.functional.ctc_loss,
        log_probs,
        targets,
        input_lengths,
        target_lengths,
        argument="input_lengths",
    )
