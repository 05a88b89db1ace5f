r"""
NLLLoss2d: un nombre antiguo para NLL por píxel
===============================================

En segmentación cada píxel es un ejemplo de clasificación: la entrada tiene forma
:math:`(N, C, H, W)` y el objetivo :math:`(N, H, W)`. ``NLLLoss2d`` fue el módulo para
eso; hoy ``actloss.nn.NLLLoss`` acepta cualquier número de dimensiones
espaciales, y ``NLLLoss2d`` queda como alias obsoleto que avisa al construirse.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \ell = \frac{\sum_{n,h,w} -w_{y_{nhw}}\, x_{n, y_{nhw}, h, w}}
#    {\sum_{n,h,w} w_{y_{nhw}}}

import warnings

import matplotlib.pyplot as plt
import torch

from actloss import nn
from actloss.plotting import curves

torch.manual_seed(0)
torch.set_num_threads(1)

# %%
# La afirmación: el alias avisa y da lo mismo que NLL por píxel
# -------------------------------------------------------------
#
# Una imagen de 6×8 píxeles con 3 clases; el píxel (0, 0) lleva la etiqueta
# ``ignore_index`` y no cuenta.

logits = torch.randn(2, 3, 6, 8, dtype=torch.float64)
log_probabilities = logits - logits.logsumexp(dim=1, keepdim=True)
labels = torch.randint(0, 3, (2, 6, 8))
labels[:, 0, 0] = -100
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    old = nn.NLLLoss2d(reduction="none")
print("aviso:", caught[0].category.__name__, "-", caught[0].message)
assert issubclass(caught[0].category, FutureWarning)

per_pixel = old(log_probabilities, labels)
current = nn.NLLLoss(reduction="none")(log_probabilities, labels)
by_hand = -log_probabilities.gather(1, labels.clamp_min(0)[:, None]).squeeze(1)
by_hand[labels == -100] = 0
print(
    f"forma por píxel: {tuple(per_pixel.shape)}; diferencia con NLLLoss: "
    f"{(per_pixel - current).abs().max():.1e}; con la cuenta a mano: "
    f"{(per_pixel - by_hand).abs().max():.1e}"
)
assert torch.equal(per_pixel, current)
torch.testing.assert_close(per_pixel, by_hand)
mean = nn.NLLLoss()(log_probabilities, labels)
print(f"media sobre los {int((labels != -100).sum())} píxeles que cuentan: {mean:.4f}")
torch.testing.assert_close(mean, per_pixel.sum() / (labels != -100).sum())

curves(
    range(8),
    {f"fila {h}": per_pixel[0, h] for h in range(0, 6, 2)},
    xlabel="columna del píxel",
    ylabel="pérdida del píxel",
    title="NLL por píxel de la primera imagen (el (0, 0) se ignora)",
    marker="o",
)
plt.show()

# %%
# Comparación con torch
# ---------------------

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    reference = torch.nn.NLLLoss2d(reduction="none")(log_probabilities, labels)
print(f"diferencia máxima con torch.nn.NLLLoss2d: {(per_pixel - reference).abs().max():.1e}")
torch.testing.assert_close(per_pixel, reference)
