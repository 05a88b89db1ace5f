r"""
Divergencia KL: log-probabilidades como entrada
===============================================

:math:`D_{\mathrm{KL}}(p \,\|\, q)` mide cuánto se aleja una distribución predicha
:math:`q` de la distribución objetivo :math:`p`. ``kl_div`` espera
:math:`\log q` (la salida de ``log_softmax``), no :math:`q`, y no lo comprueba:
con probabilidades devuelve un número sin sentido.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    D_{\mathrm{KL}}(p \,\|\, q) = \sum_c p_c \,(\log p_c - \log q_c), \qquad
#    \frac{\partial D}{\partial \log q_c} = -p_c
#
# Con ``reduction='batchmean'`` se promedia por muestra (la KL de la teoría);
# ``'mean'`` divide además entre el número de clases, y torch avisa de ello.

import warnings

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import curves

torch.manual_seed(0)
torch.set_num_threads(1)

p = torch.tensor([0.3, 0.7], dtype=torch.float64)
theta = torch.linspace(0.001, 0.999, 999, dtype=torch.float64)
q = torch.stack([theta, 1 - theta], dim=1)
right = AF.kl_div(q.log(), p.expand_as(q), reduction="none").sum(1)
wrong = AF.kl_div(q, p.expand_as(q), reduction="none").sum(1)
curves(
    theta,
    {"kl_div(log q, p): correcto": right, "kl_div(q, p): el error común": wrong},
    xlabel=r"$q = (\theta, 1 - \theta)$",
    ylabel="valor",
    title="Objetivo p = (0.3, 0.7)",
)
plt.show()

# %%
# La afirmación: KL ≥ 0, y es 0 solo si las distribuciones coinciden
# ------------------------------------------------------------------
#
# Sumada sobre cada distribución (desigualdad de Gibbs). Término a término, en
# cambio, :math:`p_c(\log p_c - \log q_c)` es negativo donde :math:`q_c > p_c`: por
# eso el catálogo no declara la salida sin reducir como no negativa.

logits = torch.randn(2, 1000, 5, dtype=torch.float64)
log_q, target = logits[0].log_softmax(-1), logits[1].softmax(-1)
terms = AF.kl_div(log_q, target, reduction="none")
per_sample = terms.sum(-1)
same = AF.kl_div(target.log(), target, reduction="none").sum(-1)
print(f"KL mínima entre 1000 pares distintos: {per_sample.min():.2e}")
print(f"términos negativos, sin sumar: {(terms < 0).float().mean():.0%}")
print(f"KL máxima de una distribución consigo misma: {same.abs().max():.1e}")
assert bool((per_sample > 0).all()) and float(same.abs().max()) < 1e-15
print(f"mínimo de la curva correcta: {right.min():.1e} en θ = {theta[right.argmin()]:.3f}")
assert abs(float(theta[right.argmin()]) - 0.3) < 1e-9

# %%
# El error común: pasar probabilidades
# ------------------------------------
#
# ``kl_div(q, p)`` calcula :math:`\sum_c p_c \log p_c - \sum_c p_c q_c`. Con
# :math:`q = p` no da 0 sino :math:`-H(p) - \sum_c p_c^2 < 0`, y como es lineal en
# :math:`q`, su mínimo no está en :math:`q = p` sino en un extremo: entrenar con
# ella empuja toda la masa a la clase más probable.

mistake = AF.kl_div(p, p, reduction="sum")
expected = float((p * p.log()).sum() - (p * p).sum())
print(f"kl_div(p, p) = {mistake:.4f} = −H(p) − Σp² = {expected:.4f}")
print(f"mínimo de la curva errónea en θ = {theta[wrong.argmin()]:.3f}")
assert float(mistake) < 0 and abs(float(mistake) - expected) < 1e-12
assert float(theta[wrong.argmin()]) == float(theta[0])  # se concentra en la clase con p = 0.7

# %%
# ``'mean'`` frente a ``'batchmean'``: el primero divide también entre las 5 clases.

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    mean = nn.KLDivLoss()(log_q, target)
batchmean = AF.kl_div(log_q, target, reduction="batchmean")
print(
    f"batchmean = {batchmean:.4f}, mean = {mean:.4f} (× 5 = {5 * mean:.4f}); aviso: {len(caught)}"
)
torch.testing.assert_close(5 * mean, batchmean)
assert len(caught) == 1 and issubclass(caught[0].category, UserWarning)

# %%
# Comparación con torch
# ---------------------

print(analysis.compare_with_torch("kl_div", log_q, target, reduction="batchmean"))
print(analysis.compare_with_torch("kl_div", log_q, target.log(), reduction="sum", log_target=True))
