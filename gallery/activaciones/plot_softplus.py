r"""
Softplus: una ReLU derivable
============================

Softplus es la «aproximación derivable de ReLU» de las notas: la identidad para
los valores positivos y asintóticamente cero para los negativos. A cambio de la
derivabilidad pierde la propiedad que hacía a los rectificadores poco sensibles a
la escala.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \operatorname{Softplus}_\beta(x) = \frac{1}{\beta}\log\left(1 + e^{\beta x}\right),
#    \qquad \operatorname{Softplus}_\beta'(x) = \sigma(\beta x)
#
# Para :math:`\beta x >` ``threshold`` (20 por defecto) se devuelve :math:`x`: así no
# se evalúa :math:`e^{\beta x}`, que desbordaría.

import itertools

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import activation_figure, curves

torch.manual_seed(0)
torch.set_num_threads(1)

activation_figure("softplus", variants=[{"beta": 0.5}, {"beta": 1.0}, {"beta": 4.0}])
plt.show()

# %%
# La afirmación: escalar la entrada cambia la forma
# -------------------------------------------------
#
# Una función positivamente homogénea cumple :math:`f(a x) = a f(x)`; ReLU sí, Softplus
# no: en :math:`x = 0`, :math:`\operatorname{Softplus}(0) = \log 2` y
# :math:`\operatorname{Softplus}(a \cdot 0) = \log 2 \ne a \log 2`.

x = torch.randn(10_000)
gap_relu = analysis.scale_gap(AF.relu, x)
gap_softplus = analysis.scale_gap(AF.softplus, x)
print(f"mayor |f(a·x) − a·f(x)|: ReLU {gap_relu:.1e}, Softplus {gap_softplus:.3f}")
assert gap_relu < 1e-5 and gap_softplus > 1.0

# %%
# La afirmación: tiende a ReLU cuando beta crece
# ----------------------------------------------
#
# La mayor diferencia con ReLU está en :math:`x = 0` y vale :math:`\log(2)/\beta`.

grid = torch.linspace(-5, 5, 100_001, dtype=torch.float64)
betas = [1.0, 2.0, 5.0, 10.0, 50.0, 100.0]
gaps = [float((nn.Softplus(beta=b)(grid) - AF.relu(grid)).abs().max()) for b in betas]
for beta, gap in zip(betas, gaps, strict=True):
    print(f"beta = {beta:>5}: max |Softplus − ReLU| = {gap:.5f}")
assert all(a > b for a, b in itertools.pairwise(gaps)) and gaps[-1] < 0.01
curves(betas, {"max |Softplus − ReLU|": gaps}, xlabel=r"$\beta$", ylabel="distancia", logy=True)
plt.show()

# %%
# Comparación con torch
# ---------------------

assert torch.equal(nn.Softplus(2.0, 10.0)(x), AF.softplus(x, beta=2.0, threshold=10.0))
print(analysis.compare_with_torch("softplus", x * 30, beta=2.0, threshold=10.0))
