r"""
MCE: el error de clasificación, suavizado
=========================================

La pérdida MCE (*minimum classification error*) pasa la diferencia :math:`E_C - E_I`
por una sigmoide: casi 0 si la respuesta correcta gana con holgura, casi 1 si pierde.
Es una versión derivable de contar errores, y hereda su defecto: se satura por los dos
lados, así que una muestra muy mal clasificada apenas aprende.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    l_n &= \sigma(E_C - E_I) = \frac{1}{1 + e^{-(E_C - E_I)}}, \\
#    \frac{\partial l_n}{\partial E_C} &= -\frac{\partial l_n}{\partial E_I}
#      = \sigma(z)\,\bigl(1 - \sigma(z)\bigr), \quad z = E_C - E_I

import matplotlib.pyplot as plt
import torch

from actloss import energy
from actloss.plotting import energy_figure

torch.manual_seed(0)
torch.set_num_threads(1)

energy_figure(energy.mce_loss, title="MCE")
plt.show()

# %%
# La afirmación: se satura por los dos lados, la logarítmica no
# -------------------------------------------------------------
#
# Con :math:`z = E_C - E_I` muy negativo (la correcta gana) las dos pérdidas dejan de
# empujar. Con :math:`z` muy positivo (la correcta pierde por mucho) la logarítmica
# empuja con fuerza 1 y la MCE con casi 0.

z = torch.tensor([-20.0, -5.0, 0.0, 5.0, 20.0], dtype=torch.float64)
e = torch.stack([z, torch.zeros_like(z)], dim=1).requires_grad_()
t = torch.zeros(len(z), dtype=torch.long)
(mce,) = torch.autograd.grad(energy.mce_loss(e, t, reduction="sum"), e)
(log,) = torch.autograd.grad(energy.log_loss(e, t, reduction="sum"), e)
for value, a, b in zip(z.tolist(), mce[:, 0].tolist(), log[:, 0].tolist(), strict=True):
    print(f"z = {value:5.1f}: dl/dE_C MCE {a:.1e}, logarítmica {b:.1e}")
assert mce[0, 0] < 1e-8 and mce[-1, 0] < 1e-8  # ambos lados
assert log[0, 0] < 1e-8 and log[-1, 0] > 0.99  # solo uno

# %%
# Comparación con torch
# ---------------------
#
# Es ``torch.sigmoid`` de la diferencia. Con dos respuestas y :math:`\beta = 1`
# coincide además con la pérdida MEE: :math:`1 - p(y) = \sigma(E_C - E_I)`.

e, t = torch.randn(50, 6), torch.randint(0, 6, (50,))
correct = e.gather(1, t[:, None])[:, 0]
offending = e.gather(1, energy.most_offending(e, t)[:, None])[:, 0]
ours = energy.MCELoss(reduction="none")(e, t)
torch.testing.assert_close(ours, torch.sigmoid(correct - offending))
two, t2 = torch.randn(50, 2), torch.randint(0, 2, (50,))
torch.testing.assert_close(energy.mce_loss(two, t2), energy.mee_loss(two, t2))
