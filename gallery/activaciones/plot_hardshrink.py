r"""
Hardshrink: el umbral duro de la codificación dispersa
======================================================

Las notas dicen que Hardshrink se usa rara vez, salvo en codificación dispersa. Allí
es el operador proximal de la penalización L0, que cuenta los coeficientes no nulos:
conservar :math:`v` cuesta :math:`\mu` y anularlo cuesta :math:`v^2/2`, así que se
conserva si :math:`|v| > \sqrt{2\mu}`. A diferencia de Softshrink, no encoge lo que
conserva.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \operatorname{hardshrink}(x) = \begin{cases} x & |x| > \lambda \\ 0 & |x| \le \lambda
#    \end{cases}, \qquad
#    \operatorname{hardshrink}'(x) = \begin{cases} 1 & |x| > \lambda \\ 0 & |x| \le \lambda
#    \end{cases}
#
# En :math:`x = \pm\lambda` la derivada es 0, como en torch.

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import activation_figure

torch.manual_seed(0)
torch.set_num_threads(1)

activation_figure("hardshrink", variants=[{}, {"lambd": 1.5}])
plt.show()

# %%
# Es el operador proximal de L0
# -----------------------------
#
# Para cada :math:`v`, comparamos por fuerza bruta las dos opciones de
# :math:`\min_u \tfrac12 (u - v)^2 + \mu [u \ne 0]`: :math:`u = v` o :math:`u = 0`.

mu = 0.5
v = torch.randn(10_000, dtype=torch.float64) * 2
brute = torch.where(0.5 * v**2 > mu, v, torch.zeros_like(v))
prox = AF.hardshrink(v, lambd=(2 * mu) ** 0.5)
print(
    f"coinciden {int((prox == brute).sum())} de {v.numel()} con λ = √(2μ) = {(2 * mu) ** 0.5:.3f}"
)
assert torch.equal(prox, brute)

# %%
# La afirmación: el umbral duro iterado recupera un código disperso
# -----------------------------------------------------------------
#
# El umbral duro iterado (IHT) es ISTA con Hardshrink en lugar de Softshrink. Con la
# misma señal de 4 átomos sobre un diccionario de 30 × 60, recupera el soporte y,
# como no encoge, también las amplitudes, que ISTA subestima en :math:`\lambda`.

D = torch.randn(30, 60, dtype=torch.float64)
D /= D.norm(dim=0)
support = torch.tensor([3, 17, 31, 52])
s_true = torch.zeros(60, dtype=torch.float64)
s_true[support] = torch.tensor([1.5, -2.0, 1.0, 2.5], dtype=torch.float64)
y = D @ s_true
L = float(torch.linalg.matrix_norm(D, ord=2) ** 2)


def iterate(shrink, steps=600):
    s = torch.zeros(60, dtype=torch.float64)
    for _ in range(steps):
        s = shrink(s + D.T @ (y - D @ s) / L)
    return s


s_hard, s_soft = iterate(nn.Hardshrink(0.1)), iterate(nn.Softshrink(0.1 / L))
found = s_hard.nonzero().flatten()
print(f"soporte verdadero {support.tolist()}, IHT recupera {found.tolist()}")
print(f"error de amplitud: IHT {(s_hard - s_true).norm():.1e}, ISTA {(s_soft - s_true).norm():.1e}")
assert torch.equal(found, support) and (s_hard - s_true).norm() < 1e-6

# %%
# La penalización L0 no es convexa: con un umbral mayor, :math:`\lambda = 0.3`, IHT
# cae en un mínimo local y se equivoca de soporte. El problema de ISTA (L1) es
# convexo y no tiene mínimos locales.

print("IHT con λ = 0.3 da el soporte", iterate(nn.Hardshrink(0.3)).nonzero().flatten().tolist())

# %%
# Comparación con torch
# ---------------------

print(analysis.compare_with_torch("hardshrink", torch.randn(1000), lambd=0.7))
