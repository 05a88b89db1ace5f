r"""
Entropía cruzada: LogSoftmax, NLL y la divergencia KL
=====================================================

La entropía cruzada compara la distribución del modelo, la softmax de los logits,
con la del objetivo. Es LogSoftmax seguida de NLL, y se descompone en la entropía
del objetivo más la divergencia KL entre ambas.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \ell(x, y) = -\sum_c q_c \log \frac{e^{x_c}}{\sum_k e^{x_k}}, \qquad
#    \frac{\partial \ell}{\partial x_c} = \operatorname{softmax}(x)_c - q_c,
#
# con :math:`q = (1 - \varepsilon) e_y + \varepsilon / C` (suavizado de etiquetas).

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import curves

torch.manual_seed(0)
torch.set_num_threads(1)

C = 5
logit = torch.linspace(-4, 10, 300, dtype=torch.float64)
scores = torch.zeros(300, C, dtype=torch.float64)
scores[:, 0] = logit  # el logit de la clase correcta; los demás se quedan en 0
target = torch.zeros(300, dtype=torch.long)
curves(
    logit,
    {
        f"ε = {eps}": nn.CrossEntropyLoss(reduction="none", label_smoothing=eps)(scores, target)
        for eps in (0.0, 0.1, 0.3)
    },
    xlabel="logit de la clase correcta (las demás en 0)",
    ylabel="entropía cruzada",
    title="Con suavizado, la pérdida tiene un mínimo finito",
)
plt.show()

# %%
# LogSoftmax seguida de NLL, y :math:`H(p, q) = H(p) + \mathrm{KL}(p \| q)`
# -------------------------------------------------------------------------

x = torch.randn(6, C, dtype=torch.float64)
y = torch.randint(0, C, (6,))
log_q = x - x.logsumexp(dim=1, keepdim=True)  # LogSoftmax, escrita aquí
gap = (AF.cross_entropy(x, y) - AF.nll_loss(log_q, y)).abs().item()
print(f"|CE - NLL(LogSoftmax)| = {gap:.1e}")
assert gap < 1e-15

p = torch.rand(6, C, dtype=torch.float64).softmax(dim=1)  # un objetivo suave
cross = AF.cross_entropy(x, p, reduction="none")
entropy = -(p * p.log()).sum(1)
kl = (p * (p.log() - log_q)).sum(1)
print("H(p, q)        =", [round(v, 4) for v in cross.tolist()])
print("H(p) + KL(p‖q) =", [round(v, 4) for v in (entropy + kl).tolist()])
torch.testing.assert_close(cross, entropy + kl)
assert bool((kl >= 0).all())  # así que H(p, q) >= H(p): la mejor q es la propia p

# %%
# El suavizado de etiquetas cambia el óptimo
# ------------------------------------------
#
# Sin suavizado, la pérdida baja sin fin al crecer el logit correcto: el óptimo es
# una distribución one-hot inalcanzable. Con :math:`\varepsilon` el objetivo es
# :math:`q`, y el óptimo de los logits da exactamente :math:`q_y = 1 - \varepsilon +
# \varepsilon / C`.

eps = 0.1
logits = torch.zeros(1, C, dtype=torch.float64, requires_grad=True)
optimizer = torch.optim.LBFGS([logits], max_iter=200, tolerance_grad=1e-12)


def closure():
    optimizer.zero_grad()
    loss = AF.cross_entropy(logits, torch.tensor([0]), label_smoothing=eps)
    loss.backward()
    return loss


optimizer.step(closure)
best = logits.detach().softmax(1)[0, 0].item()
print(f"probabilidad óptima de la clase correcta: {best:.6f}; 1 - ε + ε/C = {1 - eps + eps / C}")
assert abs(best - (1 - eps + eps / C)) < 1e-6

# %%
# Comparación con torch
# ---------------------

print(analysis.compare_with_torch("cross_entropy", x, y, label_smoothing=0.1))
print(analysis.compare_with_torch("cross_entropy", x, p))
