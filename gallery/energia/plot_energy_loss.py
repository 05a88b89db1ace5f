r"""
Pérdida de energía: bajar la respuesta correcta, y nada más
===========================================================

La pérdida más simple: la energía de la respuesta correcta. La baja, pero no sube
ninguna otra, así que una arquitectura capaz de dar a todas las respuestas la misma
energía puede hacerla mínima aplanándolo todo: el modelo colapsa.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    l_n = E_C = E_{n, y_n}, \qquad \frac{\partial l_n}{\partial E_{n, k}} = [k = y_n]
#
# No tiene margen: la energía de las respuestas incorrectas no entra.

import matplotlib.pyplot as plt
import torch

from actloss import energy
from actloss.plotting import energy_figure
from actloss.reference import energy as reference

torch.manual_seed(0)
torch.set_num_threads(1)

energy_figure(energy.energy_loss, title="Pérdida de energía")
plt.show()

# %%
# La afirmación: colapsa, y la bisagra no
# ---------------------------------------
#
# Tres nubes de puntos del plano y un modelo de energía que puede aplanarse: la
# energía de la respuesta :math:`k` es la distancia al cuadrado entre una proyección
# lineal de :math:`x` y un prototipo :math:`c_k`, los dos aprendidos. Con la pérdida de
# energía, todo cae al mismo punto y la diferencia :math:`E_I - E_C` se va a 0. Con la
# bisagra (:math:`m = 1`) la diferencia queda por encima de :math:`m` en cada muestra.

labels = torch.arange(3).repeat_interleave(40)
x = torch.tensor([[0.0, 4.0], [-3.5, -2.0], [3.5, -2.0]])[labels] + 0.7 * torch.randn(120, 2)


def energies_of(features, prototypes):
    return ((features(x)[:, None, :] - prototypes) ** 2).sum(dim=-1)


def train(loss, steps=120):
    torch.manual_seed(1)
    features, prototypes = torch.nn.Linear(2, 2), torch.nn.Parameter(torch.randn(3, 2))
    optimizer = torch.optim.Adam([*features.parameters(), prototypes], lr=0.1)
    for _ in range(steps):
        optimizer.zero_grad()
        loss(energies_of(features, prototypes), labels).backward()
        optimizer.step()
    with torch.no_grad():
        e = energies_of(features, prototypes)
        offending = e.gather(1, energy.most_offending(e, labels)[:, None])[:, 0]
        return offending - e.gather(1, labels[:, None])[:, 0]


collapsed = train(energy.EnergyLoss())
separated = train(energy.HingeLoss(margin=1.0))
print(f"pérdida de energía: E_I - E_C entre {collapsed.min():.4f} y {collapsed.max():.4f}")
print(f"bisagra (m = 1):    E_I - E_C entre {separated.min():.2f} y {separated.max():.2f}")
assert collapsed.abs().max() < 0.05  # plana: todas las respuestas valen lo mismo
assert separated.min() >= 1.0  # la bisagra mantiene el margen en cada muestra

# %%
# Comparación con la definición
# -----------------------------
#
# torch no tiene esta pérdida. La de ``actloss.energy`` coincide con la definición
# de ``actloss.reference.energy``, y el módulo ``actloss.energy.EnergyLoss`` llama
# a la función.

e, t = torch.randn(8, 5), torch.randint(0, 5, (8,))
torch.testing.assert_close(energy.energy_loss(e, t), reference.energy_loss(e, t))
assert torch.equal(energy.EnergyLoss(reduction="sum")(e, t), energy.energy_loss(e, t, "sum"))
