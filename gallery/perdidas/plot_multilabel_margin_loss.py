r"""
Margen multietiqueta: listas de clases terminadas en −1
=======================================================

Cuando una muestra puede tener varias clases a la vez, esta pérdida exige que cada
clase correcta supere a cada incorrecta al menos en 1. Las clases correctas se dan
como una lista de índices del tamaño de la entrada, terminada en :math:`-1`: lo que
sigue al primer :math:`-1` no se lee.
"""

# %%
# Fórmula
# -------
#
# Para una muestra con :math:`C` clases y clases correctas :math:`J`:
#
# .. math::
#
#    \ell(x, y) = \frac{1}{C} \sum_{j \in J} \sum_{i \notin J} \max\bigl(0,\; 1 - (x_j - x_i)\bigr)
#
# En el pliegue la derivada es 0, como en torch.

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import margin_figure

torch.manual_seed(0)
torch.set_num_threads(1)


def one_pair(s, m):
    """Dos clases, la 0 correcta y por delante en s: x = (s, 0), y = (0, -1)."""
    scores = torch.stack([s, torch.zeros_like(s)], dim=1)
    target = torch.tensor([[0, -1]]).expand(len(s), 2)
    return AF.multilabel_margin_loss(scores, target, reduction="none")


margin_figure(
    one_pair,
    margins=(1.0,),
    title="Margen multietiqueta",
    xlabel="ventaja $x_j - x_i$ de la clase correcta",
)
plt.show()

# %%
# La afirmación: el formato terminado en −1 y el margen
# -----------------------------------------------------
#
# Las clases 3 y 0 son correctas. Lo que sigue al −1 no cambia nada; y cuando las
# clases correctas superan a las demás en más de 1, la pérdida y el gradiente son 0.

x = torch.tensor([[0.1, 0.2, 0.4, 0.8]], dtype=torch.float64, requires_grad=True)
first = AF.multilabel_margin_loss(x, torch.tensor([[3, 0, -1, 1]]))
second = AF.multilabel_margin_loss(x, torch.tensor([[3, 0, -1, 2]]))
by_hand = sum(max(0.0, 1 - (x[0, j] - x[0, i]).item()) for j in (3, 0) for i in (1, 2)) / 4
print(
    f"pérdida con [3, 0, -1, 1]: {first:.4f}; con [3, 0, -1, 2]: {second:.4f}; "
    f"a mano: {by_hand:.4f}"
)
assert first == second and abs(first.item() - by_hand) < 1e-12

separated = torch.tensor([[2.0, -0.5, 0.9, 3.0]], dtype=torch.float64, requires_grad=True)
loss = AF.multilabel_margin_loss(separated, torch.tensor([[3, 0, -1, 1]]))
(grad,) = torch.autograd.grad(loss, separated)
print(f"con las correctas 1.1 por encima: pérdida {loss:.1f}, gradiente {grad.tolist()}")
assert loss == 0 and (grad == 0).all()

# %%
# Comparación con torch
# ---------------------

target = torch.tensor([[3, 0, -1, 1], [1, 2, 3, 0], [2, -1, 0, 0]])
# El módulo actloss.nn.MultiLabelMarginLoss guarda los argumentos y llama a la función.

scores = torch.randn(3, 4)
module_loss = nn.MultiLabelMarginLoss()(scores, target)
assert torch.equal(module_loss, AF.multilabel_margin_loss(scores, target))
print(analysis.compare_with_torch("multilabel_margin_loss", scores, target))
