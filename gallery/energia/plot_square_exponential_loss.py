r"""
Cuadrado-exponencial: la más ofensiva hacia arriba, sin tope
============================================================

Como la cuadrado-cuadrado, lleva la energía correcta a 0 con un cuadrado, pero empuja la
de la respuesta incorrecta más ofensiva con una exponencial decreciente en vez de con
una bisagra: la fuerza decae a medida que :math:`E_I` sube, pero nunca llega a 0. Su
margen es positivo, no un valor fijo.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    l_n = E_C^2 + \gamma\, e^{-E_I}, \qquad
#    \frac{\partial l_n}{\partial E_C} = 2E_C, \quad
#    \frac{\partial l_n}{\partial E_I} = -\gamma\, e^{-E_I}

import matplotlib.pyplot as plt
import torch

from actloss import energy
from actloss.plotting import energy_figure
from actloss.reference import energy as reference

torch.manual_seed(0)
torch.set_num_threads(1)

energy_figure(energy.square_exponential_loss, title=r"Cuadrado-exponencial, $\gamma = 1$")
plt.show()

# %%
# La afirmación: nunca deja de subir :math:`E_I`
# ----------------------------------------------
#
# Con :math:`E_C = 0`, la cuadrado-cuadrado (:math:`m = 1`) deja de empujar en
# :math:`E_I = 1`; la cuadrado-exponencial sigue, con fuerza :math:`e^{-E_I}`.

e_i = torch.tensor([0.0, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0], dtype=torch.float64)
e = torch.stack([torch.zeros_like(e_i), e_i], dim=1).requires_grad_()
t = torch.zeros(len(e_i), dtype=torch.long)
(soft,) = torch.autograd.grad(energy.square_exponential_loss(e, t, reduction="sum"), e)
(hard,) = torch.autograd.grad(energy.square_square_loss(e, t, reduction="sum"), e)
for value, s, h in zip(e_i.tolist(), soft[:, 1].tolist(), hard[:, 1].tolist(), strict=True):
    print(f"E_I = {value:4.1f}: dl/dE_I cuadrado-exponencial {s:.1e}, cuadrado-cuadrado {h:.1e}")
assert (soft[:, 1] < 0).all()  # siempre empuja
assert (hard[e_i >= 1, 1] == 0).all()  # la cuadrado-cuadrado ya no
torch.testing.assert_close(soft[:, 1], -torch.exp(-e_i))

# %%
# Comparación con la definición
# -----------------------------

e, t = torch.rand(50, 6) * 3, torch.randint(0, 6, (50,))
ours = energy.SquareExponentialLoss(gamma=0.5)(e, t)
torch.testing.assert_close(ours, reference.square_exponential_loss(e, t, gamma=0.5))
