r"""
Margen suave multietiqueta: una decisión binaria por clase
==========================================================

Cada clase se trata como una pregunta de sí o no con su propia sigmoide, y la
pérdida promedia sobre las clases la entropía cruzada binaria de cada una. Con
``weight`` se puede dar más peso a unas clases que a otras.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \ell(x, y) &= -\frac{1}{C} \sum_{c=1}^{C} w_c \bigl[y_c \log\sigma(x_c)
#    + (1 - y_c) \log\sigma(-x_c)\bigr], \\
#    \frac{\partial \ell}{\partial x_c} &= \frac{w_c}{C} \bigl(\sigma(x_c) - y_c\bigr)

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import margin_figure

torch.manual_seed(0)
torch.set_num_threads(1)


def positive_class(s, m):
    """Una clase presente (y = 1) con puntuación s."""
    return AF.multilabel_soft_margin_loss(s.unsqueeze(1), torch.ones(len(s), 1), reduction="none")


margin_figure(
    positive_class, domain=(-6.0, 6.0), title="Una clase presente", xlabel="puntuación $x_c$"
)
plt.show()

# %%
# La afirmación: la media por clase de una entropía cruzada binaria
# -----------------------------------------------------------------
#
# Comparamos con la entropía cruzada binaria con logits de torch, clase a clase y
# promediada sobre las clases, con y sin pesos. Además, el gradiente es
# :math:`(\sigma(x_c) - y_c) / C`, nunca exactamente cero.

x = torch.randn(6, 4, dtype=torch.float64, requires_grad=True)
y = (torch.rand(6, 4) < 0.5).double()
w = torch.tensor([1.0, 2.0, 0.5, 1.0], dtype=torch.float64)
bce = torch.nn.functional.binary_cross_entropy_with_logits
for weight in (None, w):
    ours = AF.multilabel_soft_margin_loss(x, y, weight=weight, reduction="none")
    per_class = bce(x, y, weight=weight, reduction="none").mean(dim=1)
    print(
        f"pesos {weight}: mayor diferencia con BCE por clase {(ours - per_class).abs().max():.1e}"
    )
    assert torch.allclose(ours, per_class, rtol=1e-12, atol=1e-15)
(grad,) = torch.autograd.grad(AF.multilabel_soft_margin_loss(x, y, reduction="sum"), x)
expected = (1 / (1 + torch.exp(-x.detach())) - y) / 4
print(
    f"gradiente frente a (σ(x) − y)/C: {(grad - expected).abs().max():.1e}; "
    f"mínimo |grad| {grad.abs().min():.2e}"
)
assert torch.allclose(grad, expected) and (grad != 0).all()

# %%
# Comparación con torch
# ---------------------

# El módulo actloss.nn.MultiLabelSoftMarginLoss guarda los argumentos y llama a la función.

module_loss = nn.MultiLabelSoftMarginLoss(weight=w)(x.detach(), y)
assert torch.equal(module_loss, AF.multilabel_soft_margin_loss(x.detach(), y, weight=w))
print(analysis.compare_with_torch("multilabel_soft_margin_loss", x.detach(), y, weight=w))
