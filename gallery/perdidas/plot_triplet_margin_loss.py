r"""
Tripletes con margen: el positivo cerca, el negativo lejos
==========================================================

Cada triplete tiene un ancla, un positivo (de la misma clase) y un negativo (de
otra). La pérdida pide que el negativo quede al menos un margen más lejos del ancla
que el positivo. Un triplete que ya lo cumple no cuesta nada y su gradiente es
exactamente cero: el entrenamiento se concentra en los tripletes difíciles.
"""

# %%
# Fórmula
# -------
#
# Con :math:`d(a, b) = \lVert a - b + \varepsilon \rVert_p` (torch suma
# :math:`\varepsilon = 10^{-6}` a cada componente de la diferencia) y el margen
# obtenido :math:`s = d(a, n) - d(a, p)`:
#
# .. math::
#
#    \ell = \max\bigl(0,\; d(a, p) - d(a, n) + m\bigr) = \max(0,\; m - s)

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import margin_figure

torch.manual_seed(0)
torch.set_num_threads(1)


def along_a_line(s, m):
    """Ancla en 0, positivo a distancia 1, negativo a distancia 1 + s (en 1-D)."""
    anchor = torch.zeros(len(s), 1, dtype=s.dtype)
    positive = torch.ones(len(s), 1, dtype=s.dtype)
    negative = -(1 + s).clamp_min(0).unsqueeze(1)
    return AF.triplet_margin_loss(anchor, positive, negative, margin=m, eps=0.0, reduction="none")


margin_figure(
    along_a_line,
    margins=(0.5, 1.0),
    domain=(-1.0, 3.0),
    title="Tripletes",
    xlabel="$s = d(a, n) - d(a, p)$",
)
plt.show()

# %%
# La afirmación: cumplido el margen, gradiente cero
# -------------------------------------------------
#
# 2000 tripletes al azar en :math:`\mathbb{R}^8`. Los que cumplen el margen no dan
# gradiente a ninguno de sus tres vectores; los demás sí.

anchor, positive, negative = (torch.randn(3, 2000, 8, dtype=torch.float64) * 0.5).unbind()
negative = negative + 0.6 * torch.randn(2000, 1, dtype=torch.float64).sign()
leaves = [t.clone().requires_grad_() for t in (anchor, positive, negative)]
for margin in (0.5, 1.0):
    losses = AF.triplet_margin_loss(*leaves, margin=margin, reduction="none")
    grads = torch.autograd.grad(losses.sum(), leaves)
    done = losses.detach() == 0
    largest = max(float(g[done].abs().max()) for g in grads)
    smallest = float(grads[0][~done].norm(dim=1).min())
    print(
        f"margen {margin}: {int(done.sum())} de 2000 tripletes cumplen; |grad| máx en "
        f"ellos {largest:.1e}; |grad del ancla| mín en los demás {smallest:.2f}"
    )
    assert largest == 0.0 and (grads[0][~done].norm(dim=1) > 0).all()

# %%
# Con ``swap=True`` la distancia al negativo es la menor entre ancla y positivo:
# nunca baja la pérdida.

swapped = AF.triplet_margin_loss(anchor, positive, negative, swap=True, reduction="none")
plain = AF.triplet_margin_loss(anchor, positive, negative, reduction="none")
print(f"con swap: media {swapped.mean():.4f} ≥ sin swap: {plain.mean():.4f}")
assert (swapped >= plain).all()

# %%
# Comparación con torch
# ---------------------

# El módulo actloss.nn.TripletMarginLoss guarda los argumentos y llama a la función.

module_loss = nn.TripletMarginLoss(swap=True)(anchor, positive, negative)
assert torch.equal(module_loss, AF.triplet_margin_loss(anchor, positive, negative, swap=True))
print(analysis.compare_with_torch("triplet_margin_loss", anchor, positive, negative, swap=True))
