r"""
MEE: uno menos la probabilidad de acertar
=========================================

La pérdida MEE (*minimum empirical error*) usa la misma distribución de Gibbs que la
NLL, pero en vez del logaritmo de la probabilidad de la respuesta correcta toma uno
menos esa probabilidad. Queda acotada entre 0 y 1 y, como la MCE, se satura por los dos
lados.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    l_n &= 1 - \frac{e^{-\beta E_C}}{\sum_k e^{-\beta E_{n, k}}} = 1 - p_\beta(y_n),
#    \\
#    \frac{\partial l_n}{\partial E_{n, k}} &= \beta\, p_\beta(y_n)
#      \bigl([k = y_n] - p_\beta(k)\bigr)
#
# Se evalúa como :math:`-\operatorname{expm1}(\log p_\beta(y_n))`, exacta también cuando
# la probabilidad está cerca de 1.

import matplotlib.pyplot as plt
import torch

from actloss import energy
from actloss.plotting import energy_figure

torch.manual_seed(0)
torch.set_num_threads(1)

energy_figure(energy.mee_loss, title=r"MEE, $\beta = 1$")
plt.show()

# %%
# La afirmación: acotada y saturada por los dos lados
# ---------------------------------------------------
#
# A lo largo de :math:`E = (z, 0)` la pérdida no sale de :math:`[0, 1]` y su gradiente
# se anula cuando la respuesta correcta gana por mucho y cuando pierde por mucho. Con
# dos respuestas y :math:`\beta = 1` es exactamente la MCE.

z = torch.linspace(-30, 30, 61, dtype=torch.float64)
e = torch.stack([z, torch.zeros_like(z)], dim=1).requires_grad_()
t = torch.zeros(len(z), dtype=torch.long)
losses = energy.mee_loss(e, t, reduction="none")
(grad,) = torch.autograd.grad(losses.sum(), e)
assert ((losses >= 0) & (losses <= 1)).all()
print(
    f"|gradiente| en z = -30: {grad[0].norm():.1e}; en 0: {grad[30].norm():.2f};"
    f" en 30: {grad[-1].norm():.1e}"
)
assert grad[0].norm() < 1e-9 and grad[-1].norm() < 1e-9 and grad[30].norm() > 0.1
torch.testing.assert_close(losses, energy.mce_loss(e, t, reduction="none"))

# %%
# Comparación con torch
# ---------------------
#
# Con ``torch.softmax`` de :math:`-\beta E`: uno menos la probabilidad de la respuesta
# correcta.

e, t = torch.randn(50, 6), torch.randint(0, 6, (50,))
p = torch.softmax(-0.5 * e, dim=1).gather(1, t[:, None])[:, 0]
torch.testing.assert_close(energy.MEELoss(beta=0.5, reduction="none")(e, t), 1 - p)
