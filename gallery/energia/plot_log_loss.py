r"""
Logarítmica: una bisagra suave, con margen infinito
===================================================

La pérdida logarítmica pasa la diferencia :math:`E_C - E_I` por un *softplus* en vez de
por una bisagra. Se parece a la bisagra lejos del pliegue, pero nunca llega a 0: por
mucho que la respuesta correcta gane ya, sigue empujando, cada vez con menos fuerza.
Por eso se dice que su margen es infinito.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    l_n = \log\bigl(1 + e^{E_C - E_I}\bigr), \qquad
#    \frac{\partial l_n}{\partial E_C} = -\frac{\partial l_n}{\partial E_I}
#      = \sigma(E_C - E_I) > 0

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

from actloss import energy
from actloss.plotting import energy_figure

torch.manual_seed(0)
torch.set_num_threads(1)

energy_figure(energy.log_loss, title="Logarítmica")
plt.show()

# %%
# La afirmación: su gradiente nunca se anula
# ------------------------------------------
#
# La respuesta correcta gana por :math:`g = E_I - E_C` de 0 a 30. La bisagra con
# :math:`m = 1` deja de empujar en :math:`g = 1`; la logarítmica sigue empujando, con
# una fuerza :math:`\sigma(-g) \approx e^{-g}`, que decae pero no es 0.

gaps = torch.tensor([0.0, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0], dtype=torch.float64)
e = torch.stack([torch.zeros_like(gaps), gaps], dim=1).requires_grad_()
t = torch.zeros(len(gaps), dtype=torch.long)
(soft,) = torch.autograd.grad(energy.log_loss(e, t, reduction="sum"), e)
(hard,) = torch.autograd.grad(energy.hinge_loss(e, t, margin=1.0, reduction="sum"), e)
for g, s, h in zip(gaps.tolist(), soft[:, 1].tolist(), hard[:, 1].tolist(), strict=True):
    print(f"g = {g:4.1f}: dl/dE_I logarítmica {s:.1e}, bisagra {h:.1e}")
assert (soft[:, 1] < 0).all() and (soft[:, 0] > 0).all()  # siempre empuja
assert (hard[gaps >= 1] == 0).all()  # la bisagra ya no
# Siempre por encima de la bisagra con margen 0: softplus(z) > max(0, z).
assert (energy.log_loss(e, t, "none") > energy.hinge_loss(e, t, 0.0, "none")).all()

# %%
# Comparación con torch: es un *softplus*
# ---------------------------------------

e, t = torch.randn(50, 6), torch.randint(0, 6, (50,))
correct = e.gather(1, t[:, None])[:, 0]
offending = e.gather(1, energy.most_offending(e, t)[:, None])[:, 0]
ours = energy.LogLoss(reduction="none")(e, t)
torch.testing.assert_close(ours, F.softplus(correct - offending))
