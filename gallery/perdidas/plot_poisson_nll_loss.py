r"""
NLL de Poisson: conteos y la tasa media
=======================================

Cuando el objetivo es un conteo (llegadas, clics, fotones), se modela como una
variable de Poisson de tasa :math:`\lambda`, y la pérdida es su log-verosimilitud
negativa. La red suele predecir :math:`\log\lambda` (``log_input=True``), así la
tasa :math:`e^x` siempre es positiva.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \ell(x, y) &= e^{x} - y\,x \quad (\texttt{log\_input=True}), \\
#    \ell(\lambda, y) &= \lambda - y \log(\lambda + \varepsilon) \quad (\texttt{False})
#
# Con ``full=True`` se suma la aproximación de Stirling de :math:`\log y!` (solo
# donde :math:`y > 1`), que no depende de la predicción.

import functools

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import loss_figure

torch.manual_seed(0)
torch.set_num_threads(1)

loss_figure("poisson_nll_loss", target=3.0, variants=[{}, {"full": True}], domain=(-1.0, 3.0))
plt.show()

# %%
# La afirmación: la mejor tasa constante es la media de los conteos
# -----------------------------------------------------------------
#
# :math:`\frac{d}{d\lambda} \sum_i (\lambda - y_i \log \lambda) = n - \sum_i y_i/\lambda`
# se anula en :math:`\lambda = \bar y`. Lo comprobamos de dos formas: buscando la
# tasa en una rejilla, y viendo que en :math:`x = \log \bar y` el gradiente de la
# pérdida con ``log_input=True`` es cero, con o sin el término de Stirling.

counts = torch.poisson(torch.full((500,), 3.7, dtype=torch.float64))
rate_loss = functools.partial(AF.poisson_nll_loss, log_input=False)
best = analysis.best_constant(rate_loss, counts)
step = float(counts.max() - counts.min()) / 20_000
print(f"mejor tasa en la rejilla: {best:.4f}; media de los conteos: {counts.mean():.4f}")
assert abs(best - float(counts.mean())) <= step

gradients = {}
for full in (False, True):
    log_rate = counts.mean().log().expand(500).clone().requires_grad_()
    loss = nn.PoissonNLLLoss(full=full, reduction="sum")(log_rate, counts)
    (gradients[full],) = torch.autograd.grad(loss, log_rate)
    total = float(gradients[full].sum())
    print(f"full={full}: pérdida total {loss:.3f}, gradiente total en log(media) {total:.1e}")
    assert abs(float(gradients[full].sum())) < 1e-9 * 500
torch.testing.assert_close(gradients[False], gradients[True], rtol=0, atol=0)

# %%
# En cambio, lejos de la media el gradiente empuja hacia ella: por debajo es
# negativo (subir la tasa) y por encima positivo.

for log_rate in (counts.mean().log() - 0.5, counts.mean().log() + 0.5):
    x = log_rate.expand(500).clone().requires_grad_()
    (g,) = torch.autograd.grad(AF.poisson_nll_loss(x, counts, reduction="sum"), x)
    print(f"tasa {log_rate.exp():.3f}: gradiente total {g.sum():+.1f}")
    assert (float(g.sum()) > 0) == bool(log_rate.exp() > counts.mean())

# %%
# Comparación con torch
# ---------------------

print(analysis.compare_with_torch("poisson_nll_loss", torch.randn(4, 5), counts[:20].view(4, 5)))
print(
    analysis.compare_with_torch(
        "poisson_nll_loss", torch.rand(20) + 0.1, counts[:20], log_input=False, full=True
    )
)
