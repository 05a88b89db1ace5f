r"""
NLL: la log-verosimilitud negativa de la distribución de Gibbs
==============================================================

Las energías definen una distribución de probabilidad, la de Gibbs, con temperatura
:math:`1/\beta`. La pérdida NLL (o MMI) es menos su logaritmo en la respuesta correcta,
dividido por :math:`\beta`. Baja la energía correcta y sube *todas* las demás, cada una
en proporción a su probabilidad: las que más compiten con la correcta, más.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    l_n &= E_C + \frac{1}{\beta} \log \sum_k e^{-\beta E_{n, k}}, \\
#    \frac{\partial l_n}{\partial E_{n, k}} &= [k = y_n] - p_\beta(k), \qquad
#    p_\beta(k) = \frac{e^{-\beta E_{n, k}}}{\sum_j e^{-\beta E_{n, j}}}
#
# El exponente lleva un signo menos: la respuesta de menor energía es la más probable.
# La versión inglesa de la clase 11-2 escribe :math:`e^{\beta E}`, una errata; aquí se
# sigue al tutorial de LeCun et al. (2006). La log-suma-exponencial se evalúa con
# ``torch.logsumexp``, que no desborda.

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

from actloss import energy
from actloss.plotting import energy_figure

torch.manual_seed(0)
torch.set_num_threads(1)

energy_figure(energy.nll_loss, title=r"NLL, $\beta = 1$")
plt.show()

# %%
# La afirmación: sube todas las energías, según su probabilidad
# -------------------------------------------------------------
#
# El gradiente respecto a cada energía incorrecta es :math:`-p_\beta(k)`: ninguna se
# queda sin empujar, y la suma de una fila es 0 (lo que baja la correcta lo reparten
# las demás).

e, t = torch.randn(4, 6, dtype=torch.float64), torch.randint(0, 6, (4,))
leaf = e.clone().requires_grad_()
(grad,) = torch.autograd.grad(energy.nll_loss(leaf, t, beta=2.0, reduction="sum"), leaf)
p = torch.softmax(-2.0 * e, dim=1)
print("p(k) de la muestra 0:", [round(v, 3) for v in p[0].tolist()])
print("gradiente:           ", [round(v, 3) for v in grad[0].tolist()])
assert (grad != 0).all()
torch.testing.assert_close(grad, F.one_hot(t, 6).double() - p)
torch.testing.assert_close(grad.sum(dim=1), torch.zeros(4, dtype=torch.float64))

# %%
# Comparación con torch: es la entropía cruzada de :math:`-\beta E`
# -----------------------------------------------------------------
#
# Con :math:`\beta = 1` es ``cross_entropy(-energies, target)``; con otra
# :math:`\beta`, ``cross_entropy(-beta * energies, target) / beta``. Con energías de
# :math:`10^4` sigue siendo finita.

e, t = torch.randn(50, 6), torch.randint(0, 6, (50,))
torch.testing.assert_close(energy.NLLLoss()(e, t), F.cross_entropy(-e, t))
torch.testing.assert_close(energy.nll_loss(e, t, beta=3.0), F.cross_entropy(-3.0 * e, t) / 3)
big = torch.tensor([[1e4, -1e4, 0.0]])
assert torch.isfinite(energy.nll_loss(big, torch.tensor([0])))
