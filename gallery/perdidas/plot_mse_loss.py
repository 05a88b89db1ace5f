r"""
MSE: el error cuadrático y la media
===================================

El error cuadrático medio castiga cada error por su cuadrado: es derivable en
todas partes, pero su gradiente crece con el error, así que un solo dato atípico
tira de la solución tanto como todos los demás juntos.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \ell(x, y) = \frac{1}{N} \sum_{n=1}^{N} (x_n - y_n)^2, \qquad
#    \frac{\partial \ell}{\partial x_n} = \frac{2}{N} (x_n - y_n)

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import loss_figure

torch.manual_seed(0)
torch.set_num_threads(1)

loss_figure("mse_loss", target=0.0)
plt.show()

# %%
# La afirmación: la mejor constante es la media, y un atípico la mueve
# --------------------------------------------------------------------
#
# Si resumimos unas mediciones con una sola constante :math:`c`, la derivada de
# :math:`\sum_i (c - y_i)^2` se anula en :math:`c = \bar y`: la media. Un dato
# atípico :math:`a` añadido a :math:`n` datos la desplaza :math:`(a - \bar y)/(n + 1)`.

data = torch.randn(99, dtype=torch.float64) + 5.0
outlier = torch.tensor([500.0], dtype=torch.float64)
with_outlier = torch.cat([data, outlier])
best = analysis.best_constant(AF.mse_loss, data)
best_outlier = analysis.best_constant(AF.mse_loss, with_outlier)
step = float(with_outlier.max() - with_outlier.min()) / 20_000  # el paso de la rejilla de búsqueda
predicted_shift = float(outlier - data.mean()) / 100
print(f"sin atípico: mejor constante {best:.3f}, media {data.mean():.3f}")
print(f"con atípico: mejor constante {best_outlier:.3f}, media {with_outlier.mean():.3f}")
print(
    f"desplazamiento: {best_outlier - best:.3f}; predicho (a − media)/(n+1): {predicted_shift:.3f}"
)
assert abs(best - float(data.mean())) <= step
assert abs(best_outlier - float(with_outlier.mean())) <= step
assert abs((best_outlier - best) - predicted_shift) <= 2 * step

# %%
# El gradiente cuenta la misma historia: en la constante sin atípico, el atípico
# solo aporta la mayor parte del gradiente, porque este es proporcional al error.

c = torch.full_like(with_outlier, best).requires_grad_()
(grad,) = torch.autograd.grad(nn.MSELoss(reduction="sum")(c, with_outlier), c)
share = float(grad[-1].abs() / grad.abs().sum())
print(f"parte del gradiente que aporta el atípico: {share:.1%}")
assert share > 0.5

# %%
# Comparación con torch
# ---------------------

prediction, target = torch.randn(4, 5), torch.randn(4, 5)
assert torch.equal(nn.MSELoss()(prediction, target), AF.mse_loss(prediction, target))
print(analysis.compare_with_torch("mse_loss", prediction, target))
