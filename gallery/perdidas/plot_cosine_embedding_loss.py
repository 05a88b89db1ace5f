r"""
Inmersión por coseno: la dirección importa, la longitud no
==========================================================

La pérdida por coseno compara dos inmersiones por el ángulo que forman. Un par
similar (:math:`y = 1`) debe apuntar en la misma dirección; uno distinto
(:math:`y = -1`) solo tiene que bajar su coseno hasta el margen. Como el coseno
normaliza los dos vectores, alargar o acortar una inmersión no cambia nada.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \cos(x_1, x_2) &= \frac{x_1 \cdot x_2}{\sqrt{(\lVert x_1 \rVert^2 + \epsilon)
#    (\lVert x_2 \rVert^2 + \epsilon)}}, \\
#    \ell &= \begin{cases} 1 - \cos(x_1, x_2) & y = 1 \\
#    \max(0, \cos(x_1, x_2) - m) & y = -1 \end{cases}
#
# con :math:`\epsilon = 10^{-12}`, la constante de torch que evita dividir entre 0.

import math

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import margin_figure

torch.manual_seed(0)
torch.set_num_threads(1)


def dissimilar(c, m):
    """La pérdida de un par distinto de vectores unitarios con coseno c."""
    angle = torch.acos(c.clamp(-1, 1))
    u = torch.stack([torch.ones_like(c), torch.zeros_like(c)], dim=1)
    v = torch.stack([torch.cos(angle), torch.sin(angle)], dim=1)
    return AF.cosine_embedding_loss(u, v, -torch.ones_like(c), margin=m, reduction="none")


margin_figure(
    dissimilar,
    margins=(0.0, 0.5),
    domain=(-0.999, 0.999),
    title="Par distinto",
    xlabel=r"$\cos(x_1, x_2)$",
)
plt.show()

# %%
# La afirmación (1): la longitud no cuenta
# ----------------------------------------
#
# Multiplicamos la primera inmersión de cada par por factores positivos muy
# distintos. La pérdida no cambia, salvo el redondeo y el :math:`\epsilon` (que solo
# se nota con vectores diminutos: cambia el coseno en :math:`\epsilon / \lVert x \rVert^2`).

x1, x2 = torch.randn(2, 256, 16, dtype=torch.float64)
y = torch.where(torch.rand(256) < 0.5, 1, -1)
reference = AF.cosine_embedding_loss(x1, x2, y, reduction="none")
for scale in (1e-3, 0.5, 2.0, 1e3, 1e6):
    scaled = AF.cosine_embedding_loss(scale * x1, x2, y, reduction="none")
    gap = float((scaled - reference).abs().max())
    print(f"x1 · {scale:g}: mayor cambio de la pérdida {gap:.1e}")
    assert gap < 1e-6  # épsilon solo se nota en vectores diminutos: 1e-12 / |x|^2 relativo

# %%
# La afirmación (2): el margen de los pares distintos
# ------------------------------------------------------
#
# Con margen 0.5, un par distinto a 70° (coseno 0.34) ya está bastante separado y
# no cuesta ni da gradiente; uno a 30° (coseno 0.87) paga 0.87 − 0.5.

u = torch.tensor([[1.0, 0.0], [1.0, 0.0]], dtype=torch.float64)
angles = torch.tensor([70.0, 30.0], dtype=torch.float64) * math.pi / 180
v = torch.stack([torch.cos(angles), torch.sin(angles)], dim=1).requires_grad_()
losses = AF.cosine_embedding_loss(u, v, torch.tensor([-1, -1]), margin=0.5, reduction="none")
(grad,) = torch.autograd.grad(losses.sum(), v)
print(f"pérdidas a 70° y 30°: {losses.tolist()}; |grad| a 70° = {grad[0].abs().max():.1e}")
assert losses[0] == 0 and (grad[0] == 0).all()
assert abs(losses[1] - (math.cos(math.pi / 6) - 0.5)) < 1e-9 and grad[1].abs().max() > 0

# %%
# Comparación con torch
# ---------------------

# El módulo actloss.nn.CosineEmbeddingLoss guarda los argumentos y llama a la función.

module_loss = nn.CosineEmbeddingLoss(margin=0.5)(x1, x2, y)
assert torch.equal(module_loss, AF.cosine_embedding_loss(x1, x2, y, margin=0.5))
print(analysis.compare_with_torch("cosine_embedding_loss", x1, x2, y, margin=0.5))
