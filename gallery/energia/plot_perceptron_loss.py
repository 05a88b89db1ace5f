r"""
Perceptrón: la correcta contra la de menor energía
==================================================

La pérdida del perceptrón generalizado resta a la energía correcta la menor de todas
(la correcta incluida). Vale 0 en cuanto la respuesta correcta es la de menor energía:
su margen es 0, así que no crea ninguna separación entre las energías. Es el límite de
la log-verosimilitud negativa cuando la temperatura :math:`1/\beta` tiende a 0.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    l_n &= E_C - \min_k E_{n, k}, \\
#    0 \le \mathrm{NLL}_\beta - l_n
#      &= \frac{1}{\beta} \log \sum_k e^{-\beta (E_{n, k} - \min_j E_{n, j})}
#      \le \frac{\log K}{\beta}
#
# La suma tiene :math:`K` términos, cada uno a lo sumo 1, y el de la energía mínima es
# exactamente 1: de ahí las dos cotas. La de la derecha se alcanza cuando todas las
# energías son iguales.

import math

import matplotlib.pyplot as plt
import torch

from actloss import energy
from actloss.plotting import energy_figure, style
from actloss.reference import energy as reference

torch.manual_seed(0)
torch.set_num_threads(1)

energy_figure(energy.perceptron_loss, title="Perceptrón")
plt.show()

# %%
# La afirmación: la NLL tiende al perceptrón como :math:`\log(K)/\beta`
# ----------------------------------------------------------------------

K = 10
e, t = torch.randn(200, K, dtype=torch.float64), torch.randint(0, K, (200,))
flat = torch.zeros(200, K, dtype=torch.float64)  # una superficie plana: todas iguales
betas = torch.logspace(-1, 3, 25).tolist()
gaps = {"aleatorias": [], "iguales": []}
for beta in betas:
    for name, energies in (("aleatorias", e), ("iguales", flat)):
        nll = energy.nll_loss(energies, t, beta=beta, reduction="none")
        gap = nll - energy.perceptron_loss(energies, t, reduction="none")
        # Las dos cotas, salvo el redondeo de float64.
        assert (gap >= -1e-12).all() and (gap <= math.log(K) / beta * (1 + 1e-12)).all()
        gaps[name].append(float(gap.max()))
for beta in (1.0, 10.0, 100.0, 1000.0):
    row = betas.index(min(betas, key=lambda b: abs(b - beta)))
    print(
        f"beta = {betas[row]:7.1f}: máxima distancia {gaps['aleatorias'][row]:.2e} (aleatorias),"
        f" {gaps['iguales'][row]:.2e} (iguales); log(K)/beta = {math.log(K) / betas[row]:.2e}"
    )
# Con energías iguales la distancia es exactamente log(K)/beta (salvo redondeo).
assert all(abs(g * b - math.log(K)) < 1e-9 for g, b in zip(gaps["iguales"], betas, strict=True))

with style():
    fig, ax = plt.subplots(layout="constrained")
    ax.loglog(betas, [math.log(K) / b for b in betas], "k--", label=r"$\log(K)/\beta$")
    for name, values in gaps.items():
        ax.loglog(betas, values, "o", markersize=4, label=f"energías {name}")
    ax.set(xlabel=r"$\beta$", ylabel="NLL - perceptrón (máximo)", title="Distancia al límite")
    ax.legend()
plt.show()

# %%
# Comparación con la definición
# -----------------------------

torch.testing.assert_close(energy.perceptron_loss(e, t), reference.perceptron_loss(e, t))
assert torch.equal(energy.PerceptronLoss()(e, t), energy.perceptron_loss(e, t))
