r"""
Sigmoide: apilarla ahoga el gradiente
=====================================

La sigmoide logística lleva la recta real al intervalo :math:`(0, 1)`. Las notas
advierten: «si acumulas las capas de sigmoides en tu red, ésta no va a aprender de
manera eficiente»; «para redes muy profundas, las funciones no lineales quebradas
[como el rectificador] son más convenientes».
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \sigma(x) = \frac{1}{1 + e^{-x}}, \qquad \sigma'(x) = \sigma(x)\,(1 - \sigma(x))
#    \le \tfrac{1}{4}
#
# El valor no necesita trucos: la capa rápida, ``actloss.functional.sigmoid``, evalúa
# :math:`1/(1 + e^{-x})` como el núcleo de torch (con una potencia de 2). Para :math:`x`
# muy negativo, :math:`e^{-x}` desborda a :math:`\infty` y el cociente da exactamente 0,
# que es su límite; para :math:`x` muy positivo, :math:`e^{-x}` da 0 y el cociente, 1.
# La derivada que autograd saca de ese cociente sí falla: en la regla de la cadena aparece
# allí :math:`0 \cdot \infty`, que es ``nan``. Por eso la definición (la de
# «Cómo se calcula», más abajo) solo usa :math:`e^{-|x|} \le 1`: para :math:`x < 0`
# escribe la misma fracción como :math:`e^{x}/(1 + e^{x})`.

import math

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn, reference
from actloss import functional as AF
from actloss.plotting import activation_figure, curves

torch.manual_seed(0)
torch.set_num_threads(1)

extremes = torch.tensor([-1000.0, 1000.0])
print("e^{-x} en x = −1000 y 1000:", torch.exp(-extremes).tolist())
assert torch.exp(-extremes)[0] == math.inf
for tier in (reference.sigmoid, AF.sigmoid):
    assert tier(extremes).tolist() == [0.0, 1.0], tier  # 1/∞ = 0 y 1/1 = 1, sin nan


def derivative_by_autograd(sigmoid):
    x = extremes.clone().requires_grad_()
    return torch.autograd.grad(sigmoid(x).sum(), x)[0]


print("autograd del cociente:", derivative_by_autograd(lambda x: 1 / (1 + torch.exp(-x))))
print("autograd de la definición:", derivative_by_autograd(reference.sigmoid))
assert derivative_by_autograd(lambda x: 1 / (1 + torch.exp(-x)))[0].isnan()
assert derivative_by_autograd(reference.sigmoid).tolist() == [0.0, 0.0]

activation_figure("sigmoid")
plt.show()

# %%
# La afirmación: en 20 capas el gradiente de la primera se desploma
# ------------------------------------------------------------------
#
# Un perceptrón de 20 capas de 64 unidades, con pesos normales de desviación
# :math:`\text{gain}/\sqrt{64}`: ``gain=1`` para la sigmoide y ``gain=sqrt(2)`` (He)
# para ReLU, la inicialización que conviene a cada una. Medimos la norma del gradiente
# de los pesos de cada capa. Cada sigmoide multiplica el gradiente por
# :math:`\sigma' \le 1/4`.

sigmoid = analysis.deep_stack(nn.Sigmoid(), depth=20, gain=1.0)
relu = analysis.deep_stack(AF.relu, depth=20, gain=math.sqrt(2))
for layer in (0, 4, 9, 14, 19):
    print(
        f"capa {layer + 1:>2}: sigmoide {sigmoid.grad_norms[layer]:.1e}, "
        f"ReLU {relu.grad_norms[layer]:.1e}"
    )
ratio_sigmoid = sigmoid.grad_norms[0] / sigmoid.grad_norms[-1]
ratio_relu = relu.grad_norms[0] / relu.grad_norms[-1]
print(f"primera / última capa: sigmoide {ratio_sigmoid:.1e}, ReLU {ratio_relu:.2f}")
assert ratio_sigmoid < 1e-8 and 0.1 < ratio_relu < 10
curves(
    range(1, 21),
    {"sigmoide": sigmoid.grad_norms, "ReLU": relu.grad_norms},
    xlabel="capa (1 = la más alejada de la pérdida)",
    ylabel="norma del gradiente",
    logy=True,
    marker="o",
)
plt.show()

# %%
# Con la inicialización por defecto de ``torch.nn.Linear`` el gradiente de ReLU
# también mengua (esa inicialización no está pensada para 20 capas), pero el de la
# sigmoide lo hace muchos órdenes de magnitud más:

default_sigmoid = analysis.deep_stack(AF.sigmoid, gain=None).grad_norms
default_relu = analysis.deep_stack(AF.relu, gain=None).grad_norms
print(f"primera capa: sigmoide {default_sigmoid[0]:.1e}, ReLU {default_relu[0]:.1e}")
assert default_sigmoid[0] < 1e-6 * default_relu[0]

# %%
# Comparación con torch
# ---------------------

x = torch.randn(1000) * 50
assert torch.equal(nn.Sigmoid()(x), AF.sigmoid(x))  # el módulo llama a la función
print(analysis.compare_with_torch("sigmoid", x))
