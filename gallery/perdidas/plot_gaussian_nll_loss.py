r"""
NLL gaussiana: aprender cuánto confiar en cada dato
===================================================

Si la red predice la media :math:`x` y también la varianza :math:`\sigma^2` del
objetivo, la log-verosimilitud negativa gaussiana divide cada error entre
:math:`\sigma^2`: los puntos que la red declara ruidosos pesan menos, y el
término :math:`\log\sigma^2` le impide declarar ruidoso todo.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \ell(x, y, \sigma^2) = \frac12\left(\log \sigma^2 + \frac{(x - y)^2}{\sigma^2}\right),
#    \qquad \frac{\partial \ell}{\partial x} = \frac{x - y}{\sigma^2}
#
# ``var`` puede tener la forma de la entrada, esa forma sin la última dimensión, o
# una dimensión de tamaño 1; otra forma, o una varianza negativa, es un ``ValueError``.

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import curves

torch.manual_seed(0)
torch.set_num_threads(1)

x = torch.linspace(-4, 4, 401, dtype=torch.float64)
curves(
    x,
    {
        f"σ² = {v:g}": AF.gaussian_nll_loss(x, torch.zeros_like(x), v, reduction="none")
        for v in (0.25, 1.0, 4.0)
    },
    xlabel="error $x - y$",
    ylabel=r"$\ell$",
    title="NLL gaussiana para tres varianzas",
)
plt.show()

# %%
# La afirmación: la varianza aprendida descuenta los datos ruidosos
# -----------------------------------------------------------------
#
# Dos sensores miden la misma cantidad (2.0): uno con ruido 0.1 y otro con ruido 2.
# Aprendemos a la vez la media :math:`\mu` y una log-varianza por sensor,
# minimizando la NLL gaussiana. En el óptimo, cada varianza es el error cuadrático
# medio de su sensor y :math:`\mu` es la media ponderada por :math:`1/\sigma^2`.

sensor = torch.arange(60) % 2  # 0: preciso, 1: ruidoso
y = 2.0 + torch.where(sensor == 0, 0.1, 2.0) * torch.randn(60, dtype=torch.float64)
mu = torch.zeros(1, dtype=torch.float64, requires_grad=True)
log_var = torch.zeros(2, dtype=torch.float64, requires_grad=True)
optimizer = torch.optim.Adam([mu, log_var], lr=0.05)
loss_fn = nn.GaussianNLLLoss()
for _ in range(1500):
    optimizer.zero_grad()
    loss_fn(mu.expand(60), y, log_var.exp()[sensor]).backward()
    optimizer.step()

var = log_var.detach().exp()
weights = 1 / var[sensor]
weighted_mean = float((weights * y).sum() / weights.sum())
print(f"desviaciones aprendidas: {var[0].sqrt():.3f} y {var[1].sqrt():.3f} (verdaderas 0.1 y 2)")
print(f"peso de un dato ruidoso frente a uno preciso: {float(var[0] / var[1]):.5f}")
print(f"mu = {mu.item():.4f}; media ponderada por 1/σ² = {weighted_mean:.4f}")
print(f"media simple (la de MSE) = {y.mean():.4f}; valor verdadero = 2")
for s in (0, 1):
    torch.testing.assert_close(
        var[s], ((y[sensor == s] - mu.detach()) ** 2).mean(), rtol=1e-4, atol=0
    )
assert abs(mu.item() - weighted_mean) < 1e-6
assert float(var[0] / var[1]) < 1 / 100
assert abs(mu.item() - 2.0) < abs(float(y.mean()) - 2.0)

# %%
# El mismo efecto punto a punto: con el mismo error, el gradiente respecto a la
# predicción es :math:`\sigma^2_B/\sigma^2_A` veces mayor para el dato preciso.

pred = torch.zeros(2, dtype=torch.float64, requires_grad=True)
(grad,) = torch.autograd.grad(
    AF.gaussian_nll_loss(pred, torch.ones(2, dtype=torch.float64), var, reduction="sum"), pred
)
print(f"gradientes: preciso {grad[0]:.2f}, ruidoso {grad[1]:.4f}; cociente {grad[0] / grad[1]:.1f}")
torch.testing.assert_close(grad[0] / grad[1], var[1] / var[0])

# %%
# Comparación con torch
# ---------------------

print(
    analysis.compare_with_torch(
        "gaussian_nll_loss", torch.randn(4, 5), torch.randn(4, 5), torch.rand(4, 5)
    )
)
print(
    analysis.compare_with_torch(
        "gaussian_nll_loss", torch.randn(4, 5), torch.randn(4, 5), torch.rand(4), full=True
    )
)
