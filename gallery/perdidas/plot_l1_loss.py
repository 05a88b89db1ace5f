r"""
L1: el error absoluto y la mediana
==================================

La pérdida L1 mide la distancia absoluta entre la predicción y el objetivo. Su
gradiente tiene siempre el mismo tamaño, así que un dato atípico no pesa más
que cualquier otro: es la pérdida robusta por excelencia.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \ell(x, y) = \frac{1}{N} \sum_{n=1}^{N} \lvert x_n - y_n \rvert, \qquad
#    \frac{\partial \ell}{\partial x_n} = \frac{1}{N} \operatorname{sign}(x_n - y_n)
#
# En :math:`x_n = y_n` no es derivable; torch toma el subgradiente 0 y actloss también.

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import curves, loss_figure

torch.manual_seed(0)
torch.set_num_threads(1)

loss_figure("l1_loss", target=0.0)
plt.show()

# %%
# La afirmación: L1 elige la mediana y MSE la media
# -------------------------------------------------
#
# Buscamos la constante :math:`c` que mejor resume unas mediciones. Bajo L1 es
# la mediana; bajo el error cuadrático, la media. Al añadir un dato atípico la
# media se desplaza mucho y la mediana casi nada.


data = torch.randn(99, dtype=torch.float64) + 5.0
with_outlier = torch.cat([data, torch.tensor([500.0], dtype=torch.float64)])
results = {}
for name, sample in (("sin atípico", data), ("con atípico", with_outlier)):
    l1_best = analysis.best_constant(AF.l1_loss, sample)
    mse_best = analysis.best_constant(AF.mse_loss, sample)
    results[name] = (l1_best, mse_best)
    print(
        f"{name}: mejor constante L1 = {l1_best:.3f} (mediana {sample.median():.3f}), "
        f"MSE = {mse_best:.3f} (media {sample.mean():.3f})"
    )
    step = float(sample.max() - sample.min()) / 20_000  # el paso de la rejilla de búsqueda
    middle = sample.sort().values[(sample.numel() - 1) // 2 : sample.numel() // 2 + 1]
    assert middle.min() - step <= l1_best <= middle.max() + step  # una mediana
    assert abs(mse_best - float(sample.mean())) <= step  # la media

l1_shift = abs(results["con atípico"][0] - results["sin atípico"][0])
mse_shift = abs(results["con atípico"][1] - results["sin atípico"][1])
print(f"el atípico mueve la constante de L1 {l1_shift:.3f} y la de MSE {mse_shift:.3f}")
assert mse_shift > 100 * l1_shift

# %%
# La figura muestra la pérdida total de cada constante, normalizada por su mínimo.

c = torch.linspace(0, 15, 301, dtype=torch.float64)
pairs = c[:, None].expand(-1, with_outlier.numel())
totals = {
    "L1": AF.l1_loss(pairs, with_outlier.expand_as(pairs), reduction="none").sum(1),
    "MSE": AF.mse_loss(pairs, with_outlier.expand_as(pairs), reduction="none").sum(1),
}
curves(
    c,
    {k: v / v.min() for k, v in totals.items()},
    xlabel="constante $c$",
    ylabel="pérdida total / mínimo",
    title="Datos con un atípico en 500",
    logy=True,
)
plt.show()

# %%
# En 0 no hay derivada: el subgradiente que usa torch
# ---------------------------------------------------
#
# A la izquierda de :math:`x = y` la pendiente es :math:`-1` y a la derecha
# :math:`+1`: no hay derivada, pero cualquier :math:`g \in [-1, 1]` es un
# subgradiente (la recta de pendiente :math:`g` queda por debajo de la pérdida).
# torch elige :math:`g = \operatorname{sign}(0) = 0`, el único que anula el paso
# cuando la predicción ya es exacta; actloss hace lo mismo.

y, h = torch.zeros(1, dtype=torch.float64), 1e-6
left, right = (float((AF.l1_loss(y + s, y) - AF.l1_loss(y, y)) / s) for s in (-h, h))
at_kink = y.clone().requires_grad_()
(grad,) = torch.autograd.grad(AF.l1_loss(at_kink, y), at_kink)
print(f"pendientes a cada lado: {left:+.3f} y {right:+.3f}; gradiente en x = y: {float(grad):+.1f}")
assert left == -1.0 and right == 1.0  # un pliegue de verdad: sin derivada en 0
assert float(grad) == 0.0  # el subgradiente que usa torch (se compara con torch más abajo)

# %%
# Comparación con torch
# ---------------------

# El módulo actloss.nn.L1Loss guarda la reducción y llama a la función.

prediction, target = torch.randn(4, 5), torch.randn(4, 5)
assert torch.equal(
    nn.L1Loss(reduction="sum")(prediction, target), AF.l1_loss(prediction, target, reduction="sum")
)
print(analysis.compare_with_torch("l1_loss", prediction, target))
print(analysis.compare_with_torch("l1_loss", y, y))  # el mismo gradiente, 0, en el pliegue
