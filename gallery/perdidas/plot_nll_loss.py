r"""
NLL: la verosimilitud negativa espera log-probabilidades
========================================================

La pérdida de verosimilitud negativa toma, para cada ejemplo, la entrada de la
clase correcta y le cambia el signo. Si la entrada son log-probabilidades, eso es
:math:`-\log p_y`: cero cuando el modelo está seguro y acierta, y grande cuando
se equivoca. La función no comprueba que lo sean.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \ell(x, y) = \frac{\sum_n -w_{y_n} x_{n, y_n}}{\sum_n w_{y_n}}, \qquad
#    \frac{\partial \ell}{\partial x_{n,c}} = -\frac{w_{y_n}}{\sum_m w_{y_m}}
#    \mathbb{1}[c = y_n]
#
# Es lineal en la entrada: su gradiente no depende de :math:`x`.

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import curves

torch.manual_seed(0)
torch.set_num_threads(1)

p = torch.linspace(0.01, 1.0, 200, dtype=torch.float64)
target = torch.zeros(200, dtype=torch.long)
rows = torch.stack([p, 1 - p], dim=1)  # dos clases; la correcta tiene probabilidad p
curves(
    p,
    {
        "log-probabilidades (uso correcto)": AF.nll_loss(rows.log(), target, reduction="none"),
        "probabilidades (el error)": AF.nll_loss(rows, target, reduction="none"),
    },
    xlabel="probabilidad de la clase correcta $p_y$",
    ylabel="pérdida",
    title="NLL con la entrada correcta y con la equivocada",
)
plt.show()

# %%
# La afirmación: con probabilidades el valor es erróneo, incluso negativo
# -----------------------------------------------------------------------
#
# Con probabilidades en lugar de log-probabilidades, NLL devuelve :math:`-p_y`: un
# número entre -1 y 0 que no es la verosimilitud, y cuyo gradiente no crece cuando
# el modelo se equivoca con seguridad. Nada avisa del error: hay que aplicar antes
# ``log_softmax`` (o usar directamente la entropía cruzada).

logits = torch.randn(8, 5, dtype=torch.float64) * 3
labels = torch.randint(0, 5, (8,))
probabilities = logits.softmax(dim=1)
right = AF.nll_loss(probabilities.log(), labels)
wrong = AF.nll_loss(probabilities, labels)
expected = -probabilities.gather(1, labels[:, None]).log().mean()
print(f"NLL(log p) = {right:.4f}  (-media de log p_y = {expected:.4f})")
print(f"NLL(p)     = {wrong:.4f}  (menos la media de p_y: negativo)")
torch.testing.assert_close(right, expected)
assert wrong < 0 < right
torch.testing.assert_close(wrong, -probabilities.gather(1, labels[:, None]).mean())

# %%
# Comparación con torch
# ---------------------

# El módulo actloss.nn.NLLLoss guarda los argumentos y llama a la función.

assert torch.equal(
    nn.NLLLoss()(probabilities.log(), labels), AF.nll_loss(probabilities.log(), labels)
)
print(analysis.compare_with_torch("nll_loss", probabilities.log(), labels))
