r"""
BCE con logits: sigmoide y entropía cruzada en una fórmula estable
==================================================================

Escribir la sigmoide y la entropía cruzada binaria juntas permite simplificar: la
pérdida es :math:`(1 - y)\,x - \log\sigma(x)`, y :math:`\log\sigma` se calcula sin
desbordes. El peso ``pos_weight`` multiplica el término de los positivos, útil
cuando hay pocos.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    l_n &= (1 - y_n)\, x_n - \left(1 + (p - 1)\, y_n\right) \log\sigma(x_n), \\
#    \log\sigma(x) &= \min(x, 0) - \log\left(1 + e^{-|x|}\right),
#
# con derivada :math:`(p y_n + 1 - y_n)\,\sigma(x_n) - p\,y_n`, que es
# :math:`\sigma(x_n) - y_n` sin ``pos_weight`` (:math:`p = 1`).

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import loss_figure

torch.manual_seed(0)
torch.set_num_threads(1)

loss_figure(
    "binary_cross_entropy_with_logits",
    target=1.0,
    variants=({}, {"pos_weight": torch.tensor(3.0)}),
    domain=(-6.0, 6.0),
)
plt.show()

# %%
# La afirmación: exacta con logits grandes, y ``pos_weight`` pesa los positivos
# -----------------------------------------------------------------------------
#
# Con logits de :math:`\pm 10^4` la fórmula ingenua
# :math:`-\log\sigma(x)` desborda (``exp(1e4)`` es infinito en float32); la estable
# da el valor exacto, :math:`|x|` cuando se equivoca y 0 cuando acierta.

x = torch.tensor([-1e4, -50.0, 50.0, 1e4])
ones = torch.ones(4)
naive = torch.log(1 + torch.exp(-x))  # -log sigmoid(x), escrita de forma ingenua
stable = AF.binary_cross_entropy_with_logits(x, ones, reduction="none")
print("ingenua:", [f"{v:.4g}" for v in naive.tolist()])
print("estable:", [f"{v:.4g}" for v in stable.tolist()])
assert naive[0].isinf() and stable[0] == 1e4
torch.testing.assert_close(stable, torch.tensor([1e4, 50.0, 0.0, 0.0]))

weighted = nn.BCEWithLogitsLoss(reduction="none", pos_weight=torch.tensor(3.0))
logits = torch.randn(6)
for label in (1.0, 0.0):
    labels = torch.full((6,), label)
    ratio = weighted(logits, labels) / AF.binary_cross_entropy_with_logits(
        logits, labels, reduction="none"
    )
    print(f"objetivo {label:.0f}: pérdida con pos_weight=3 / sin él =", [f"{r:.4f}" for r in ratio])
    torch.testing.assert_close(ratio, torch.full((6,), 3.0 if label else 1.0))

# %%
# Comparación con torch
# ---------------------

print(
    analysis.compare_with_torch(
        "binary_cross_entropy_with_logits", torch.randn(4, 3) * 30, torch.rand(4, 3)
    )
)
