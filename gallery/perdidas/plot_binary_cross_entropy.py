r"""
BCE: la entropía cruzada binaria y su recorte en -100
=====================================================

BCE compara una probabilidad :math:`x \in [0, 1]` con un objetivo :math:`y`. Si la
probabilidad sale de una sigmoide, con logits grandes la sigmoide redondea a 0 o a
1, el logaritmo sería infinito, y torch (y actloss) lo recortan en -100: la pérdida
se satura y el gradiente desaparece. BCE con logits no tiene ese problema.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    l_n &= -w_n \left[y_n \max(\log x_n, -100) + (1 - y_n) \max(\log(1 - x_n), -100)\right],
#    \\
#    \frac{\partial l_n}{\partial x_n} &= w_n \frac{x_n - y_n}{\max(x_n (1 - x_n), 10^{-12})}

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import loss_figure

torch.manual_seed(0)
torch.set_num_threads(1)

loss_figure("binary_cross_entropy", target=1.0, domain=(1e-3, 1 - 1e-3))
plt.show()

# %%
# La afirmación: sobre una sigmoide, BCE se satura; BCE con logits no
# -------------------------------------------------------------------
#
# El objetivo es 1 y el logit :math:`z` es muy negativo: la pérdida exacta es
# :math:`-\log \sigma(z) \approx -z`. En float32, :math:`\sigma(-200)` es 0: BCE
# devuelve el tope 100 y su gradiente respecto al logit es 0 (el modelo deja de
# aprender), mientras que BCE con logits da 200 y el gradiente :math:`\sigma(z) - 1
# = -1`.

z = torch.tensor([-20.0, -90.0, -200.0, -1000.0], requires_grad=True)
y = torch.ones(4)
on_sigmoid = nn.BCELoss(reduction="none")(torch.sigmoid(z), y)
(grad_sigmoid,) = torch.autograd.grad(on_sigmoid.sum(), z)
with_logits = AF.binary_cross_entropy_with_logits(z, y, reduction="none")
(grad_logits,) = torch.autograd.grad(with_logits.sum(), z)
for i in range(4):
    print(
        f"z = {z[i].item():7.0f}: BCE(sigmoide) = {on_sigmoid[i].item():7.2f} "
        f"(gradiente {grad_sigmoid[i].item():.2f}); BCE con logits = "
        f"{with_logits[i].item():7.2f} (gradiente {grad_logits[i].item():.2f})"
    )
assert on_sigmoid[2] == on_sigmoid[3] == 100  # saturada en el recorte
assert grad_sigmoid[2] == grad_sigmoid[3] == 0  # y sin señal para aprender
torch.testing.assert_close(with_logits[1:], -z[1:].detach())  # exacto: -log sigmoid(z) = -z
torch.testing.assert_close(grad_logits, -torch.ones(4))

# %%
# Comparación con torch
# ---------------------

p, target = torch.rand(4, 5), torch.rand(4, 5)
# La función actloss.functional.binary_cross_entropy es lo que llama el módulo.

assert torch.equal(nn.BCELoss()(p, target), AF.binary_cross_entropy(p, target))
print(analysis.compare_with_torch("binary_cross_entropy", p, target))
print(analysis.compare_with_torch("binary_cross_entropy", torch.tensor([0.0, 1.0]), torch.ones(2)))
