r"""
Ranking con margen: ordenar pares con holgura
=============================================

La pérdida de ranking compara dos puntuaciones: con :math:`y = 1`, la primera debe
superar a la segunda, y no por poco, sino al menos en un margen :math:`m`. Mientras
el par no está ordenado con esa holgura empuja con gradiente constante; en cuanto lo
está, deja de costar y su gradiente es exactamente cero.
"""

# %%
# Fórmula
# -------
#
# Con el margen obtenido :math:`s = y (x_1 - x_2)`:
#
# .. math::
#
#    \ell = \max(0,\; m - s), \qquad
#    \frac{\partial \ell}{\partial x_1} = \begin{cases} -y & s \le m \\ 0 & s > m \end{cases}
#
# En el pliegue :math:`s = m` torch toma la derivada :math:`-y`, y actloss también.

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import margin_figure

torch.manual_seed(0)
torch.set_num_threads(1)


def ranking(s, m):
    """La pérdida de un par con margen obtenido s: x1 = s, x2 = 0, y = 1."""
    return AF.margin_ranking_loss(
        s, torch.zeros_like(s), torch.ones_like(s), margin=m, reduction="none"
    )


margin_figure(ranking, margins=(0.0, 1.0), title="Ranking con margen")
plt.show()

# %%
# La afirmación: cumplido el margen, el gradiente es cero
# -------------------------------------------------------
#
# Tomamos 1000 pares al azar y calculamos el gradiente de cada puntuación. Los
# pares que ya superan el margen no reciben ningún gradiente (ni un 1e-30: un cero
# exacto); los demás reciben :math:`\mp 1/N`.

x1, x2 = torch.randn(2, 1000, dtype=torch.float64)
y = torch.where(torch.rand(1000) < 0.5, 1.0, -1.0).double()
for margin in (0.0, 1.0):
    x1.requires_grad_()
    (grad,) = torch.autograd.grad(AF.margin_ranking_loss(x1, x2, y, margin=margin), x1)
    satisfied = y * (x1.detach() - x2) > margin
    print(
        f"margen {margin}: {int(satisfied.sum())} pares cumplen el margen; "
        f"max |grad| en ellos = {grad[satisfied].abs().max():.1e}; "
        f"|grad| en los demás = {grad[~satisfied].abs().unique().tolist()}"
    )
    assert (grad[satisfied] == 0).all()
    assert torch.allclose(grad[~satisfied].abs(), torch.tensor(1 / 1000, dtype=torch.float64))

# %%
# Un margen mayor deja menos pares satisfechos: más pares siguen aprendiendo.
#
# Comparación con torch
# ---------------------

# El módulo actloss.nn.MarginRankingLoss guarda los argumentos y llama a la función.

module_loss = nn.MarginRankingLoss(margin=1.0)(x1.detach(), x2, y)
assert torch.equal(module_loss, AF.margin_ranking_loss(x1.detach(), x2, y, margin=1.0))
print(analysis.compare_with_torch("margin_ranking_loss", x1.detach(), x2, y, margin=1.0))
