r"""
Threshold: la función de umbral no deja pasar gradiente
=======================================================

Las notas dicen de la función de umbral: «no se puede propagar gradiente ahí: por
culpa de esta función no se inventó la retropropagación en la década de 1960 o
incluso 1970». ``Threshold`` de torch copia la entrada por encima del umbral y la
sustituye por una constante por debajo; donde sustituye, el gradiente es 0. Con dos
de ellas se construye el escalón de las neuronas lógicas, constante a ambos lados,
cuyo gradiente es 0 en todas partes.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \operatorname{Threshold}(x) = \begin{cases} x & x > \theta \\ v & x \le \theta
#    \end{cases}, \qquad
#    \operatorname{Threshold}'(x) = \begin{cases} 1 & x > \theta \\ 0 & x \le \theta
#    \end{cases}
#
# En :math:`x = \theta` la derivada es 0, como en torch. La figura usa
# :math:`\theta = 0.5` y :math:`v = -1`.

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import activation_figure, curves

torch.manual_seed(0)
torch.set_num_threads(1)

activation_figure("threshold", variants=[{"threshold": 0.5, "value": -1.0}])
plt.show()

# %%
# La afirmación: el escalón no propaga gradiente
# ----------------------------------------------
#
# El escalón :math:`H(z) = [z > 0]` es la diferencia de dos umbrales:
# :math:`H(z) = \operatorname{Threshold}_{0,0}(z) - \operatorname{Threshold}_{0,1}(z) + 1`.
# Autograd, con la derivada escrita de ``threshold``, devuelve ceros en todas partes.


def step(z):
    return AF.threshold(z, 0.0, 0.0) - nn.Threshold(0.0, 1.0)(z) + 1


z = torch.linspace(-3, 3, 601, requires_grad=True)
(dz,) = torch.autograd.grad(step(z).sum(), z)
print(f"H toma los valores {step(z).unique().tolist()}; max |H'(z)| = {dz.abs().max():.1f}")
assert torch.equal(step(z).detach(), (z > 0).float()) and not dz.any()

# %%
# Una red de umbrales no aprende por descenso por gradiente: entrenamos un
# perceptrón :math:`H(w^\top x + b)` en un problema separable. Todos los gradientes
# son exactamente 0, así que los pesos no se mueven. Con la sigmoide dura en su
# lugar, el mismo descenso por gradiente aprende.

x = torch.randn(400, 2)
y = (x[:, 0] + 2 * x[:, 1] > 0.5).float()
history, biggest = {}, {}
for name, unit in {"escalón (dos Threshold)": step, "Hardsigmoid": AF.hardsigmoid}.items():
    w = torch.tensor([-1.0, 0.5], requires_grad=True)
    b = torch.zeros((), requires_grad=True)
    accuracy, biggest[name] = [float(((x @ w + b > 0).float() == y).float().mean())], 0.0
    for _ in range(200):
        out = unit(x @ w + b)
        loss = (out - y).square().mean()
        gw, gb = torch.autograd.grad(loss, [w, b])
        biggest[name] = max(biggest[name], float(gw.norm() + gb.abs()))
        with torch.no_grad():
            w -= 1.0 * gw
            b -= 1.0 * gb
        accuracy.append(float(((x @ w + b > 0).float() == y).float().mean()))
    history[name] = accuracy
    print(
        f"{name}: mayor |gradiente| en 200 pasos = {biggest[name]:.3g}, "
        f"acierto {accuracy[0]:.2f} -> {accuracy[-1]:.2f}"
    )

assert biggest["escalón (dos Threshold)"] == 0.0 and biggest["Hardsigmoid"] > 0
assert history["escalón (dos Threshold)"][-1] == history["escalón (dos Threshold)"][0]
assert history["Hardsigmoid"][-1] > 0.95
curves(range(201), history, "paso", "acierto", "Solo aprende la unidad con gradiente")
plt.show()

# %%
# Comparación con torch
# ---------------------

print(analysis.compare_with_torch("threshold", torch.randn(1000), threshold=0.5, value=-1.0))
