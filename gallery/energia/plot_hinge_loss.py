r"""
Bisagra: la correcta, un margen por debajo de la más ofensiva
=============================================================

La pérdida bisagra compara la energía correcta solo con la de la respuesta incorrecta
más ofensiva, la de menor energía entre las incorrectas. Cuesta mientras esa no quede
al menos un margen :math:`m` por encima de la correcta; a partir de ahí vale 0 y deja de
dar gradiente.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    l_n &= \max(0,\; m + E_C - E_I), \\
#    \frac{\partial l_n}{\partial E_C} &= -\frac{\partial l_n}{\partial E_I}
#      = [\, m + E_C - E_I > 0 \,]
#
# y 0 respecto a cualquier otra energía.

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

from actloss import energy
from actloss.plotting import energy_figure

torch.manual_seed(0)
torch.set_num_threads(1)

energy_figure(energy.hinge_loss, margin=1.0, title="Bisagra, $m = 1$")
plt.show()

# %%
# La afirmación: solo toca :math:`E_C` y :math:`E_I`
# --------------------------------------------------
#
# Seis respuestas por muestra. El gradiente baja la energía correcta (:math:`+1`), sube
# la de la más ofensiva (:math:`-1`) y es exactamente 0 en las otras cuatro. Una muestra
# que ya tiene su margen no da gradiente.

e, t = torch.randn(5, 6, dtype=torch.float64), torch.randint(0, 6, (5,))
e[4, t[4]] = e[4].min() - 2  # la muestra 4 ya tiene su margen
e.requires_grad_()
losses = energy.hinge_loss(e, t, margin=1.0, reduction="none")
(grad,) = torch.autograd.grad(losses.sum(), e)
offending = energy.most_offending(e.detach(), t)
for n in range(5):
    print(f"muestra {n}: pérdida {losses[n]:.2f}, gradiente {grad[n].tolist()}")
    touched = {k for k in range(6) if grad[n, k] != 0}
    expected = {int(t[n]), int(offending[n])} if losses[n] > 0 else set()
    assert touched == expected
    assert grad[n, t[n]] == -grad[n, offending[n]]

# %%
# Comparación con torch: ``multi_margin_loss``
# --------------------------------------------
#
# ``torch.nn.functional.multi_margin_loss`` sobre las puntuaciones :math:`-E`
# promedia entre :math:`K` el término :math:`\max(0, m + E_C - E_k)` de cada respuesta
# incorrecta; la bisagra se queda con el mayor, el de la más ofensiva. Con dos
# respuestas hay un solo término: la bisagra es :math:`K = 2` veces ``multi_margin_loss``.
# Con más, queda entre :math:`K/(K-1)` y :math:`K` veces.

e, t = torch.randn(50, 2), torch.randint(0, 2, (50,))
ours = energy.HingeLoss(margin=0.5, reduction="none")(e, t)
torch.testing.assert_close(ours, 2 * F.multi_margin_loss(-e, t, margin=0.5, reduction="none"))
e, t = torch.randn(50, 6), torch.randint(0, 6, (50,))
ours = energy.hinge_loss(e, t, margin=0.5, reduction="none")
multi = F.multi_margin_loss(-e, t, margin=0.5, reduction="none")
assert (ours <= 6 * multi + 1e-6).all() and (6 * multi <= 5 * ours + 1e-6).all()
