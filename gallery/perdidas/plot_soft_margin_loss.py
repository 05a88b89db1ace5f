r"""
Margen suave: una bisagra que nunca se apaga del todo
=====================================================

La pérdida de margen suave es la versión logística de la bisagra:
:math:`\log(1 + e^{-yx})`. Se parece a :math:`\max(0, 1 - yx)` lejos del origen,
pero es derivable en todas partes y su gradiente nunca llega a ser exactamente cero:
un ejemplo bien clasificado sigue empujando, cada vez menos, como :math:`e^{-yx}`.
"""

# %%
# Fórmula
# -------
#
# Con el margen obtenido :math:`s = y x`:
#
# .. math::
#
#    \ell = \log\bigl(1 + e^{-s}\bigr), \qquad
#    \frac{\partial \ell}{\partial s} = -\frac{e^{-s}}{1 + e^{-s}} = -\sigma(-s)

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import margin_figure

torch.manual_seed(0)
torch.set_num_threads(1)


def soft(s, m):
    """La pérdida de un ejemplo con margen obtenido s (x = s, y = 1)."""
    return AF.soft_margin_loss(s, torch.ones_like(s, dtype=torch.long), reduction="none")


margin_figure(soft, domain=(-5.0, 40.0), title="Margen suave", log_gradient=True)
plt.show()

# %%
# La afirmación: el gradiente decae, pero no se anula
# ---------------------------------------------------
#
# En float64 calculamos el gradiente para márgenes cada vez mayores. Nunca es 0, y
# a partir de :math:`s \approx 20` coincide con :math:`e^{-s}` hasta el redondeo. La
# pérdida, en cambio, se redondea a 0 antes (:math:`1 + e^{-s}` ya es 1 en float64
# desde :math:`s \approx 37`): el gradiente sigue vivo donde el valor ya no se ve.

s = torch.tensor([0.0, 2.0, 5.0, 10.0, 20.0, 40.0, 100.0, 700.0], dtype=torch.float64)
s.requires_grad_()
loss = AF.soft_margin_loss(s, torch.ones(8, dtype=torch.long), reduction="none")
(grad,) = torch.autograd.grad(loss.sum(), s)
ratio = -grad * torch.exp(s.detach())
for si, li, gi, ri in zip(s.tolist(), loss.tolist(), grad.tolist(), ratio.tolist(), strict=True):
    print(f"s = {si:5g}: pérdida {li:.3e}, gradiente {gi:.3e}, -gradiente·e^s = {ri:.9f}")
assert (grad != 0).all() and (grad < 0).all()
assert (grad[1:].abs() < grad[:-1].abs()).all()  # decae de forma monótona
assert torch.allclose(ratio[4:], torch.ones(4, dtype=torch.float64), rtol=1e-8)
assert loss[6] == 0 and grad[6] != 0

# %%
# La bisagra, para comparar: con el margen cumplido su gradiente es un cero exacto.

hinge = AF.margin_ranking_loss(
    s, torch.zeros_like(s), torch.ones_like(s), margin=1.0, reduction="none"
)
(hinge_grad,) = torch.autograd.grad(hinge.sum(), s)
print(f"bisagra con margen 1: gradientes {hinge_grad.tolist()}")
assert (hinge_grad[s.detach() > 1] == 0).all()

# %%
# Comparación con torch
# ---------------------

x = torch.randn(4, 5)
# El módulo actloss.nn.SoftMarginLoss guarda los argumentos y llama a la función.

signs = torch.randint(0, 2, (4, 5)) * 2 - 1
module_loss = nn.SoftMarginLoss()(x, signs)
assert torch.equal(module_loss, AF.soft_margin_loss(x, signs))
print(analysis.compare_with_torch("soft_margin_loss", x, signs))
