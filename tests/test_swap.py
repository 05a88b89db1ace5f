"""El cambio de imports: un guion de entrenamiento entero da lo mismo con actloss que con torch.

``actloss.nn`` y ``actloss.functional`` definen las activaciones y las pérdidas; todo lo
demás lo sirven desde ``torch.nn`` y ``torch.nn.functional`` sin cambios (PEP 562).
"""

from __future__ import annotations

import types
import warnings

import pytest
import torch

import actloss
from actloss import catalog
from actloss._passthrough import passthrough

TWINS = [(actloss.nn, torch.nn), (actloss.functional, torch.nn.functional)]


def _train(nn: types.ModuleType, F: types.ModuleType, steps: int = 4):
    """Un guion corriente, escrito contra ``nn`` y ``F``: una CNN pequeña con datos de MNIST."""

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.features = nn.Sequential(
                nn.Conv2d(1, 4, kernel_size=3, padding=1),
                nn.PReLU(4),  # a module of actloss, with a learnable parameter
                nn.Conv2d(4, 8, kernel_size=3, padding=1),
            )
            self.dropout = nn.Dropout(0.25)
            self.fc = nn.Linear(8 * 7 * 7, 10)
            nn.init.kaiming_normal_(self.fc.weight, nonlinearity="relu")
            nn.init.zeros_(self.fc.bias)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            x = F.max_pool2d(self.features(x), 2)
            x = F.max_pool2d(F.elu(x), 2)  # a function of actloss
            return self.fc(self.dropout(torch.flatten(x, 1)))

    torch.manual_seed(0)  # same weights, data and dropout masks in both runs
    images = torch.randn(32, 1, 28, 28)
    labels = torch.randint(0, 10, (32,))
    model = Net()
    criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
    losses = []
    for _ in range(steps):
        model.zero_grad()
        logits = model(images)
        soft = F.one_hot(labels, 10).float()  # the same labels as probabilities
        loss = criterion(logits, labels) + F.cross_entropy(logits, soft, label_smoothing=0.2)
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
        # Plain SGD by hand: building a torch.optim optimizer imports torch._dynamo (~1 s).
        with torch.no_grad():
            for p in model.parameters():
                p -= 0.1 * p.grad
        losses.append(loss.detach())
    return model, torch.stack(losses)


def test_training_script_gives_the_same_losses_and_weights():
    ours, our_losses = _train(actloss.nn, actloss.functional)
    theirs, their_losses = _train(torch.nn, torch.nn.functional)
    # The actloss run really used actloss's activation and loss, not torch's.
    assert type(ours.features[1]) is actloss.nn.PReLU is not torch.nn.PReLU
    assert actloss.nn.CrossEntropyLoss is not torch.nn.CrossEntropyLoss
    assert actloss.functional.elu is not torch.nn.functional.elu
    # float32 and different formulas (log-sum-exp, expm1...): equal within tolerance, not bits.
    torch.testing.assert_close(our_losses, their_losses)
    assert our_losses[-1] < our_losses[0]  # it learns: the steps did something
    our_weights, their_weights = ours.state_dict(), theirs.state_dict()
    assert our_weights.keys() == their_weights.keys()
    for name, weight in our_weights.items():
        torch.testing.assert_close(weight, their_weights[name], msg=name)


@pytest.mark.parametrize(("ours", "theirs"), TWINS, ids=lambda m: m.__name__)
def test_every_torch_name_resolves_to_the_same_object(ours, theirs):
    own = vars(ours)
    for name in dir(theirs):
        if name.startswith("__"):
            continue
        if name in own:  # defined by actloss: its own object
            continue
        assert getattr(ours, name) is getattr(theirs, name), name
    assert set(dir(theirs)) <= set(dir(ours))
    assert set(ours.__all__) <= set(dir(ours))


@pytest.mark.parametrize(("ours", "theirs"), TWINS, ids=lambda m: m.__name__)
def test_actloss_names_are_its_own(ours, theirs):
    for name in ours.__all__:
        obj = getattr(ours, name)
        assert obj.__module__.startswith("actloss."), name
        assert obj is not getattr(theirs, name, None), name
    passed = passthrough(ours)
    assert not set(passed) & set(ours.__all__)
    assert {"Module", "Linear", "Conv2d", "Sequential", "Dropout", "init", "utils"} <= set(
        passthrough(actloss.nn)
    )
    assert {"max_pool2d", "one_hot", "dropout", "conv2d"} <= set(passthrough(actloss.functional))
    assert "math" not in passed  # imported by torch for its own use: not listed


def test_nn_functional_is_actloss_functional():
    assert actloss.nn.functional is actloss.functional


def test_catalog_functions_are_never_torch_passthroughs():
    # The catalog and the tests ask hasattr(functional, name): no torch name may answer it.
    for entry in catalog.CATALOG.values():
        assert hasattr(actloss.functional, entry.name) == (
            entry.name in actloss.functional.__all__
        ), entry.name
        assert entry.module in actloss.nn.__all__, entry.module


@pytest.mark.parametrize("module", [actloss.nn, actloss.functional], ids=lambda m: m.__name__)
def test_unknown_name_raises_attribute_error_in_spanish(module):
    with pytest.raises(AttributeError, match="no tiene el atributo 'NoExiste'") as info:
        module.NoExiste  # noqa: B018
    assert info.value.name == "NoExiste"
    assert not hasattr(module, "__wrapped__")  # special names are never taken from torch


def test_what_does_not_carry_over_from_torch_is_what_the_package_says():
    """El docstring de actloss.nn: las clases no son las de torch (ni ``isinstance`` de su
    ``_Loss`` ni los fusionadores de cuantización las reconocen), ``torch.jit.script`` no
    las admite y ``torch.export`` sí, también una pérdida que comprueba sus valores.
    ``torch.fx.symbolic_trace``, que el docstring también menciona, se prueba con cada
    módulo del catálogo en ``test_protocol.py``."""
    doc = " ".join(actloss.nn.__doc__.split())
    claims = ("torch.jit.script`` no", "``torch.export`` sí", "``BCELoss``", "fuse_modules")
    for claim in (*claims, "``torch.fx.symbolic_trace`` entra"):
        assert claim in doc, claim
    loss = torch.nn.modules.loss._Loss
    assert not any(isinstance(getattr(actloss.nn, n)(), loss) for n in ("MSELoss", "NLLLoss"))
    assert all(isinstance(getattr(torch.nn, n)(), loss) for n in ("MSELoss", "NLLLoss"))

    def fused(nn: types.ModuleType) -> torch.nn.Module:
        model = torch.nn.Sequential(torch.nn.Conv2d(1, 2, 3), torch.nn.BatchNorm2d(2), nn.ReLU())
        return torch.ao.quantization.fuse_modules(model.eval(), [["0", "1", "2"]])

    assert type(fused(torch.nn)[0]).__name__ == "ConvReLU2d"
    with pytest.raises(AssertionError, match="did not find fuser method"):
        fused(actloss.nn)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # torch.jit.script is deprecated
        with pytest.raises(torch.jit.frontend.NotSupportedError):
            torch.jit.script(actloss.nn.ReLU())

    torch.manual_seed(0)
    x = torch.randn(4, 5)
    model = torch.nn.Sequential(torch.nn.Linear(5, 5), actloss.nn.ReLU(), actloss.nn.GELU())
    exported = torch.export.export(model, (x,)).module()
    torch.testing.assert_close(exported(x), model(x), rtol=0, atol=0)
    # Two tensors, not one twice: export would take them for the same input.
    probabilities, targets = x.sigmoid(), torch.rand(4, 5)
    bce = torch.export.export(actloss.nn.BCELoss(), (probabilities, targets)).module()
    expected = torch.nn.BCELoss()(probabilities, targets)
    torch.testing.assert_close(bce(probabilities, targets), expected)
    with pytest.raises(RuntimeError, match="entre 0 y 1"):  # the check is in the graph
        bce(probabilities + 1, targets)
    # Exported for inference, not for training: the backward pass of the exported program
    # meets the in-place writes of the formula (torch's own Sigmoid trains).
    assert "sirve para inferir, no para entrenar" in doc
    sigmoid = torch.export.export(actloss.nn.Sigmoid(), (x,)).module()
    leaf = x.clone().requires_grad_()
    with pytest.raises(RuntimeError, match="inplace operation"):
        sigmoid(leaf).sum().backward()
    torch.export.export(torch.nn.Sigmoid(), (x,)).module()(leaf).sum().backward()


# The modules whose rule depends on float arguments (built once per set of arguments).
TRACED = ["ReLU6", "Hardtanh", "LeakyReLU", "ELU", "CELU", "Softplus", "Hardshrink",
          "Softshrink", "SmoothL1Loss", "HuberLoss"]  # fmt: skip


@pytest.mark.parametrize("name", TRACED)
def test_jit_trace_checks_its_trace_like_torch(name):
    """``torch.jit.trace`` ejecuta el módulo otra vez y compara los dos grafos: la regla
    de la función aparece en ellos, así que cada juego de argumentos tiene una sola regla
    (``_pointwise.cached``); con una nueva en cada llamada, los grafos diferían."""
    x = torch.randn(4, 5)
    inputs = (x, torch.randn(4, 5)) if name.endswith("Loss") else (x,)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # torch.jit is deprecated
        # Both say a Python value of the trace stays constant (torch's losses too).
        warnings.simplefilter("ignore", torch.jit.TracerWarning)
        for library in (torch.nn, actloss.nn):
            traced = torch.jit.trace(getattr(library, name)(), inputs)  # check_trace=True
            torch.testing.assert_close(traced(*inputs), getattr(torch.nn, name)()(*inputs))
