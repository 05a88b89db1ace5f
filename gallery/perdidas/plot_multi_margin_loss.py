r"""
Margen multiclase: la clase correcta, un margen por encima de las demás
=======================================================================

Es la bisagra de las máquinas de vectores soporte multiclase: la puntuación de la
clase correcta debe superar a la de cada otra clase al menos en un margen. Cada
clase que ya queda por debajo deja de contar, y deja de recibir gradiente.
"""

# %%
# Fórmula
# -------
#
# Para una muestra de clase :math:`y` con :math:`C` clases:
#
# .. math::
#
#    \ell(x, y) &= \frac{1}{C} \sum_{i \ne y} \max(0,\; m - x_y + x_i)^p, \\
#    \frac{\partial \ell}{\partial x_i} &= \frac{p}{C} \max(0,\; m - x_y + x_i)^{p-1}
#
# con :math:`p \in \{1, 2\}`. En el pliegue la derivada es 0, como en torch.

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import margin_figure

torch.manual_seed(0)
torch.set_num_threads(1)


def two_classes(s, m):
    """Dos clases, la correcta gana por s: x = (s, 0), y = 0."""
    scores = torch.stack([s, torch.zeros_like(s)], dim=1)
    target = torch.zeros(len(s), dtype=torch.long)
    return AF.multi_margin_loss(scores, target, margin=m, reduction="none")


margin_figure(
    two_classes,
    margins=(0.5, 1.0),
    title="Margen multiclase",
    xlabel="ventaja de la clase correcta $x_y - x_i$",
)
plt.show()

# %%
# La afirmación: solo las clases que invaden el margen reciben gradiente
# ----------------------------------------------------------------------
#
# Una muestra de la clase 0 con puntuación 3. Las clases con puntuación menor que
# :math:`3 - m` no reciben gradiente; las demás sí, y con :math:`p = 2` tanto más
# cuanto más invaden el margen.

x = torch.tensor([[3.0, 2.5, 1.8, 0.0, 2.9]], dtype=torch.float64, requires_grad=True)
target = torch.tensor([0])
for p in (1, 2):
    (grad,) = torch.autograd.grad(AF.multi_margin_loss(x, target, p=p, margin=1.0), x)
    inside = x.detach()[0] > 3.0 - 1.0
    print(f"p = {p}: gradiente {[round(g, 3) for g in grad[0].tolist()]}")
    assert (grad[0, 1:][~inside[1:]] == 0).all() and (grad[0, 1:][inside[1:]] > 0).all()
    assert torch.isclose(grad[0, 0], -grad[0, 1:].sum())
grad_p1 = torch.autograd.grad(AF.multi_margin_loss(x, target, p=1), x)[0]
assert grad_p1[0, 4] == grad_p1[0, 1]  # p = 1: cada clase que viola el margen, el mismo empujón

# %%
# Comparación con torch
# ---------------------

scores = torch.randn(8, 5)
labels = torch.randint(0, 5, (8,))
# El módulo actloss.nn.MultiMarginLoss guarda los argumentos y llama a la función.

module_loss = nn.MultiMarginLoss(p=2, margin=0.5)(scores, labels)
assert torch.equal(module_loss, AF.multi_margin_loss(scores, labels, p=2, margin=0.5))
print(analysis.compare_with_torch("multi_margin_loss", scores, labels, p=2, margin=0.5))
