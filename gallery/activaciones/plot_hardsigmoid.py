r"""
Hardsigmoid: la sigmoide lineal a trozos
========================================

Hardsigmoid sustituye la curva de la sigmoide por tres rectas: 0, una rampa de
pendiente 1/6 y 1. No necesita exponenciales, por eso es barata en redes para
móviles. ¿Cuánto se aleja de la sigmoide?
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \operatorname{Hardsigmoid}(x) &= \frac{\min(\max(x + 3, 0), 6)}{6}, \\
#    \operatorname{Hardsigmoid}'(x) &= \begin{cases} 1/6 & -3 < x < 3 \\ 0 &
#    \text{en otro caso} \end{cases}
#
# En los pliegues :math:`x = \pm 3` la derivada es 0, como en torch.

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import activation_figure, curves

torch.manual_seed(0)
torch.set_num_threads(1)

activation_figure("hardsigmoid")
plt.show()

# %%
# La afirmación: aproxima la sigmoide
# -----------------------------------
#
# Medimos el error máximo frente a ``torch.sigmoid`` (la curva de referencia)
# en una rejilla fina de :math:`[-10, 10]`.

x = torch.linspace(-10, 10, 20_001, dtype=torch.float64)
hard, smooth = AF.hardsigmoid(x), torch.sigmoid(x)
error = (hard - smooth).abs()
where = x[error.argmax()]
print(f"error máximo |Hardsigmoid − σ| = {error.max():.4f} en x = {where:.2f}")
print(f"error medio en [-10, 10] = {error.mean():.4f}")
assert error.max() < 0.07 and torch.equal(
    AF.hardsigmoid(torch.tensor([-3.0, 3.0])), torch.tensor([0.0, 1.0])
)
curves(
    x,
    {"Hardsigmoid": hard, "sigmoide": smooth, "|diferencia|": error},
    "$x$",
    "$f(x)$",
    "Hardsigmoid frente a la sigmoide",
)
plt.show()

# %%
# La pendiente en el centro es 1/6 y no 1/4, la de la sigmoide: la rampa es más
# larga para que llegue justo a 0 y a 1 en :math:`x = \mp 3`.

print("módulo:", nn.Hardsigmoid(), "; salida en 0:", nn.Hardsigmoid()(torch.zeros(1)).item())

# %%
# Comparación con torch
# ---------------------

print(analysis.compare_with_torch("hardsigmoid", torch.randn(1000) * 4))
