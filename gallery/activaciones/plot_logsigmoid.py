r"""
LogSigmoid: el logaritmo de la sigmoide, sin pasar por ella
===========================================================

:math:`\log \sigma(x)` aparece en las pérdidas de clasificación binaria. Calcularlo como
``log(sigmoid(x))`` falla para :math:`x` muy negativo: :math:`\sigma(x)` se redondea a
0 y su logaritmo es :math:`-\infty`. LogSigmoid usa una forma que nunca evalúa
:math:`\log 0`.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \log \sigma(x) = \min(x, 0) - \log\left(1 + e^{-|x|}\right), \qquad
#    \frac{d}{dx}\log\sigma(x) = \sigma(-x)

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import activation_figure

torch.manual_seed(0)
torch.set_num_threads(1)

activation_figure("logsigmoid", domain=(-8.0, 4.0))
plt.show()

# %%
# La afirmación: es finita donde ``log(sigmoid(x))`` se desborda
# --------------------------------------------------------------
#
# Para :math:`x \ll 0`, :math:`\log \sigma(x) \approx x`.

x = torch.tensor([-10.0, -50.0, -100.0, -120.0, -200.0, -1000.0])
naive = torch.log(AF.sigmoid(x))
stable = nn.LogSigmoid()(x)
for value, a, b in zip(x.tolist(), naive.tolist(), stable.tolist(), strict=True):
    print(f"x = {value:>7}: log(sigmoid(x)) = {a:>10.3f}, logsigmoid(x) = {b:>10.3f}")
assert naive.isinf().any() and stable.isfinite().all()
assert torch.allclose(stable[-3:], x[-3:])

# %%
# Comparación con torch
# ---------------------

x = torch.randn(1000) * 100
assert torch.equal(nn.LogSigmoid()(x), AF.logsigmoid(x))  # el módulo llama a la función
print(analysis.compare_with_torch("logsigmoid", x))
