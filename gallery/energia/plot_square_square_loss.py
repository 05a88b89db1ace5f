r"""
Cuadrado-cuadrado: la correcta a 0, la más ofensiva por encima del margen
=========================================================================

Pensada para energías no negativas, como una distancia: lleva la energía correcta a 0
con un cuadrado y sube la de la respuesta incorrecta más ofensiva hasta el margen
:math:`m` con una bisagra al cuadrado. Es la pérdida con que se entrenan las redes
siamesas: los pares parecidos cerca, los distintos a una distancia de al menos :math:`m`.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    l_n &= E_C^2 + \bigl(\max(0,\; m - E_I)\bigr)^2, \\
#    \frac{\partial l_n}{\partial E_C} &= 2E_C, \quad
#    \frac{\partial l_n}{\partial E_I} = -2\max(0,\; m - E_I)
#
# El margen no está en la diferencia sino en :math:`E_I`: la línea de puntos es
# :math:`E_I = m`.

import matplotlib.pyplot as plt
import torch

from actloss import energy
from actloss.plotting import energy_figure
from actloss.reference import energy as reference

torch.manual_seed(0)
torch.set_num_threads(1)

title = "Cuadrado-cuadrado, $m = 1$"
energy_figure(energy.square_square_loss, margin=1.0, margin_on="incorrecta", title=title)
plt.show()

# %%
# La afirmación: solo toca :math:`E_C` y :math:`E_I`
# --------------------------------------------------
#
# Energías no negativas, ocho respuestas. El gradiente lleva :math:`E_C` hacia 0 y sube
# :math:`E_I` si está por debajo de :math:`m`; las otras seis no reciben nada.

e, t = torch.rand(6, 8, dtype=torch.float64) * 2, torch.randint(0, 8, (6,))
e[5] += 1.2  # en la muestra 5 todas las incorrectas pasan de m
e.requires_grad_()
(grad,) = torch.autograd.grad(energy.square_square_loss(e, t, reduction="sum"), e)
offending = energy.most_offending(e.detach(), t)
for n in range(6):
    others = [k for k in range(8) if k not in (t[n], offending[n])]
    assert (grad[n, others] == 0).all()
    assert grad[n, t[n]] == 2 * e[n, t[n]]  # hacia 0
    e_i = float(e.detach()[n, offending[n]])
    print(f"muestra {n}: E_I = {e_i:.2f}, dl/dE_I = {float(grad[n, offending[n]]):.2f}")
    assert (grad[n, offending[n]] < 0) == (e_i < 1.0)  # sube E_I solo por debajo de m

# %%
# Comparación con la definición
# -----------------------------

e, t = torch.rand(50, 6) * 2, torch.randint(0, 6, (50,))
ours = energy.SquareSquareLoss(margin=1.5)(e, t)
torch.testing.assert_close(ours, reference.square_square_loss(e, t, margin=1.5))
