r"""
Softmax adaptativa: pagar solo por las clases que aparecen
==========================================================

Con un vocabulario grande y muy desigual (unas pocas palabras frecuentes y una
larga cola de raras), la softmax completa cuesta :math:`F \times C` por ejemplo. La
softmax adaptativa pone las clases frecuentes en una cabeza pequeña y agrupa las
raras en grupos que se proyectan a menos dimensiones; cada ejemplo solo evalúa la
cabeza y, si su clase es rara, su grupo.
"""

# %%
# Fórmula
# -------
#
# Para una clase :math:`y` del grupo :math:`i`, con la cabeza :math:`h` y la cola
# :math:`t_i`:
#
# .. math::
#
#    \log p(y \mid x) &= \log\operatorname{softmax}(h(x))_{\text{grupo } i}
#    + \log\operatorname{softmax}(t_i(x))_{y - c_i},
#    \\ \ell &= -\frac{1}{N}\sum_n \log p(y_n \mid x_n)

import matplotlib.pyplot as plt
import torch

from actloss import nn
from actloss.plotting import curves

torch.manual_seed(0)
torch.set_num_threads(1)

F_, C, cutoffs = 64, 2000, [50, 400]
asm = nn.AdaptiveLogSoftmaxWithLoss(F_, C, cutoffs, div_value=4.0)


def zipf_targets(classes, count):
    """Clases con probabilidad proporcional a 1 / (k + 1), como las palabras."""
    weights = 1.0 / torch.arange(1, classes + 1, dtype=torch.float64)
    return torch.multinomial(weights / weights.sum(), count, replacement=True)


def multiply_adds(layer, targets):
    """La cabeza para todos los ejemplos y cada grupo solo para los suyos."""
    cost, bounds = targets.numel() * F_ * layer.head_size, [0, *layer.cutoffs]
    for i, (down, up) in enumerate(layer.tail):
        rows = int(((targets >= bounds[i + 1]) & (targets < bounds[i + 2])).sum())
        cost += rows * (down.weight.numel() + up.weight.numel())
    return cost


# %%
# La afirmación: más barata que la softmax completa, y sigue siendo una distribución
# ----------------------------------------------------------------------------------

y, x = zipf_targets(C, 4096), torch.randn(4096, F_)
adaptive_cost, full_cost = multiply_adds(asm, y), y.numel() * F_ * C
print(f"multiplicaciones: adaptativa {adaptive_cost:,}; completa {full_cost:,}")
print(f"razón: {adaptive_cost / full_cost:.3f}")
assert adaptive_cost < full_cost / 10

log_p = asm.log_prob(x[:256])
total = log_p.exp().sum(dim=1)
print(f"suma de las probabilidades: de {total.min():.6f} a {total.max():.6f}")
torch.testing.assert_close(total, torch.ones(256))
assert torch.equal(asm.predict(x[:256]), log_p.argmax(1))

sizes = [500, 1000, 2000, 4000, 8000]
costs = {"softmax completa": [1024 * F_ * n / 1e6 for n in sizes], "adaptativa": []}
for n in sizes:
    layer = nn.AdaptiveLogSoftmaxWithLoss(F_, n, [50, n // 5])
    costs["adaptativa"].append(multiply_adds(layer, zipf_targets(n, 1024)) / 1e6)
curves(
    sizes,
    costs,
    xlabel="número de clases $C$",
    ylabel="millones de multiplicaciones",
    title="Coste de la capa de salida (1024 ejemplos, objetivos de Zipf)",
    marker="o",
)
plt.show()

# %%
# Comparación con torch
# ---------------------
#
# Con los mismos parámetros (copiados de una capa de torch), el mismo resultado.

reference = torch.nn.AdaptiveLogSoftmaxWithLoss(F_, C, cutoffs, div_value=4.0)
asm.load_state_dict(reference.state_dict())
ours, theirs = asm(x[:64], y[:64]), reference(x[:64], y[:64])
gap = max((a - b).abs().max().item() for a, b in zip(ours, theirs, strict=True))
print(f"diferencia máxima con torch en (output, loss): {gap:.1e}")
torch.testing.assert_close(ours.output, theirs.output)
torch.testing.assert_close(ours.loss, theirs.loss)
