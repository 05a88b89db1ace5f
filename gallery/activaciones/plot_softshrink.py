r"""
Softshrink: un paso de ISTA
===========================

Softshrink acerca cada entrada a 0 en :math:`\lambda` y anula las que no llegan. Es
el operador proximal de la norma L1: resolver
:math:`\min_u \tfrac12 (u - v)^2 + \lambda |u|` da :math:`u = \operatorname{softshrink}(v)`.
Por eso es el paso central de ISTA, el algoritmo clásico de la codificación dispersa.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \operatorname{softshrink}(x) &= \operatorname{sign}(x) \max(|x| - \lambda, 0), \\
#    \operatorname{softshrink}'(x) &= \begin{cases} 1 & |x| > \lambda \\ 0 & |x| \le \lambda
#    \end{cases}
#
# En :math:`x = \pm\lambda` la derivada es 0, como en torch.

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import activation_figure, curves

torch.manual_seed(0)
torch.set_num_threads(1)

activation_figure("softshrink", variants=[{}, {"lambd": 1.5}])
plt.show()

# %%
# Es el operador proximal de L1
# -----------------------------
#
# :math:`u = \operatorname{softshrink}(v, \lambda)` cumple la condición de optimalidad
# de :math:`\tfrac12 (u - v)^2 + \lambda |u|`: :math:`v - u = \lambda \operatorname{sign}(u)`
# si :math:`u \ne 0`, y :math:`|v| \le \lambda` si :math:`u = 0`.

v, lam = torch.randn(10_000, dtype=torch.float64) * 2, 0.7
u = AF.softshrink(v, lam)
nonzero = u != 0
residual = (v - u - lam * u.sign())[nonzero].abs().max()
print(f"optimalidad: max |v − u − λ·sign(u)| = {residual:.1e}; ceros: {(~nonzero).sum()}")
assert residual < 1e-12 and (v[~nonzero].abs() <= lam).all()

# %%
# La afirmación: ISTA recupera un código disperso
# -----------------------------------------------
#
# Una señal :math:`y = D s` mezcla 4 de los 60 átomos de un diccionario :math:`D` de
# 30 × 60. ISTA repite :math:`s \leftarrow \operatorname{softshrink}(s + D^\top (y - D s) / L,
# \lambda / L)`, con :math:`L` el mayor autovalor de :math:`D^\top D`.

D = torch.randn(30, 60, dtype=torch.float64)
D /= D.norm(dim=0)
support = torch.tensor([3, 17, 31, 52])
s_true = torch.zeros(60, dtype=torch.float64)
s_true[support] = torch.tensor([1.5, -2.0, 1.0, 2.5], dtype=torch.float64)
y = D @ s_true
L, lam = torch.linalg.matrix_norm(D, ord=2) ** 2, 0.02
shrink = nn.Softshrink(lam / float(L))
s, errors = torch.zeros(60, dtype=torch.float64), []
for _ in range(600):
    s = shrink(s + D.T @ (y - D @ s) / L)
    errors.append(float((s - s_true).norm()))
found = (s.abs() > 0.1).nonzero().flatten()
print(f"soporte verdadero {support.tolist()}, recuperado {found.tolist()}")
off_support = s.clone()
off_support[support] = 0
print(
    f"error final ‖s − s*‖ = {errors[-1]:.3f}; no nulos: {(s != 0).sum()}, "
    f"el mayor fuera del soporte mide {off_support.abs().max():.3f}"
)
assert torch.equal(found, support)
curves(
    range(1, 601), {"ISTA": errors}, "iteración", r"$\|s - s^*\|$", "ISTA con Softshrink", logy=True
)
plt.show()

# %%
# Comparación con torch
# ---------------------

print(analysis.compare_with_torch("softshrink", torch.randn(1000), lambd=0.7))
