r"""
LVQ2: margen cero y saturada
============================

La pérdida LVQ2 es una bisagra con margen 0 y con techo: vale 0 en cuanto la respuesta
correcta tiene menos energía que la más ofensiva, y no pasa de :math:`M` cuando pierde
por mucho. Solo aprende de las muestras cercanas a la frontera: las que ganan por poco
no cuentan, y las que pierden por mucho tampoco.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    l_n &= \min\bigl(M,\; \max(0,\; E_C - E_I)\bigr), \\
#    \frac{\partial l_n}{\partial E_C} &= -\frac{\partial l_n}{\partial E_I}
#      = [\, 0 < E_C - E_I < M \,]
#
# En la figura, la línea de puntos marca la saturación, :math:`E_I = E_C - M`.

import matplotlib.pyplot as plt
import torch

from actloss import energy
from actloss.plotting import PALETTE, energy_figure
from actloss.reference import energy as reference

torch.manual_seed(0)
torch.set_num_threads(1)

fig = energy_figure(energy.lvq2_loss, title="LVQ2, $M = 1$")
fig.axes[0].plot([-2, 3], [-3, 2], ":", color=PALETTE[4], lw=2.5, label="$E_I = E_C - 1$")
fig.axes[0].legend(loc="lower right", fontsize=8, frameon=True, facecolor="#dddddd")
fig.axes[1].axvline(-1.0, color=PALETTE[4], linestyle=":", linewidth=2.0)
plt.show()

# %%
# La afirmación: margen 0 y gradiente nulo por los dos lados
# ----------------------------------------------------------
#
# Con :math:`z = E_C - E_I`: para :math:`z \le 0` (la correcta gana, por poco que sea)
# la pérdida y su gradiente son 0; para :math:`z \ge M` la pérdida vale :math:`M` y el
# gradiente vuelve a ser 0. Solo en medio empuja.

z = torch.tensor([-3.0, -0.01, 0.01, 0.5, 0.99, 1.01, 3.0], dtype=torch.float64)
e = torch.stack([z, torch.zeros_like(z)], dim=1).requires_grad_()
t = torch.zeros(len(z), dtype=torch.long)
losses = energy.lvq2_loss(e, t, saturation=1.0, reduction="none")
(grad,) = torch.autograd.grad(losses.sum(), e)
for value, loss, slope in zip(z.tolist(), losses.tolist(), grad[:, 0].tolist(), strict=True):
    print(f"z = {value:5.2f}: pérdida {loss:.2f}, dl/dE_C = {slope:.0f}")
inside = (z > 0) & (z < 1)
assert (grad[~inside] == 0).all() and (grad[inside, 0] == 1).all()
assert (losses[z <= 0] == 0).all() and (losses[z >= 1] == 1).all()

# %%
# Comparación con la definición
# -----------------------------
#
# torch no tiene esta pérdida: se compara con ``actloss.reference.energy``, que la
# escribe con ``clamp``.

e, t = 3 * torch.randn(50, 6), torch.randint(0, 6, (50,))
ours = energy.LVQ2Loss(saturation=2.0)(e, t)
torch.testing.assert_close(ours, reference.lvq2_loss(e, t, saturation=2.0))
