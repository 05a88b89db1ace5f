r"""
Entropía cruzada lineal: la capa de salida y la pérdida juntas
==============================================================

En un modelo de lenguaje la última capa proyecta cada vector a un vocabulario de
decenas de miles de clases y la entropía cruzada lo compara con la palabra
correcta. La matriz de logits :math:`(N, C)` es lo que más memoria ocupa.
``linear_cross_entropy`` hace las dos cosas a la vez y, con ``options``, procesa el
lote por bloques sin guardar esa matriz para la retropropagación.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    l_n &= -\log \operatorname{softmax}(W x_n + b)_{y_n}, \\
#    \frac{\partial l_n}{\partial x_n} &= W^\top\left(\operatorname{softmax}(W x_n + b)
#    - e_{y_n}\right)

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import curves

torch.manual_seed(0)
torch.set_num_threads(1)


def saved_megabytes(compute, *args, **kwargs):
    """El valor de ``compute(*args)`` y los MB que autograd guarda para backward."""
    total = [0]

    def pack(t):
        total[0] += t.numel() * t.element_size()
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        out = compute(*args, **kwargs)
    return out, total[0] / 2**20


# %%
# La afirmación: el mismo valor que capa lineal + entropía cruzada, con menos memoria
# -----------------------------------------------------------------------------------
#
# Contamos los bytes que autograd guarda para la retropropagación. El camino directo
# guarda los logits y su log-softmax, :math:`O(NC)`; por bloques solo guarda la
# entrada, y en la retropropagación cada bloque recalcula sus logits, de modo que a
# la vez vive como mucho un bloque de :math:`64 \times C`.

F_, C = 32, 4000
head = nn.LinearCrossEntropyLoss(F_, C)
W = head.linear.weight
options = torch.nn.LinearCrossEntropyOptions(batch_chunk_size=64)
sizes, direct_mb, chunked_mb = [128, 256, 512, 1024], [], []
for N in sizes:
    x = torch.randn(N, F_, requires_grad=True)
    y = torch.randint(0, C, (N,))
    two_steps, mb = saved_megabytes(lambda a, b: AF.cross_entropy(a @ W.T, b), x, y)
    one_step = head(x, y)
    chunked, chunk_mb = saved_megabytes(AF.linear_cross_entropy, x, W, y, options=options)
    torch.testing.assert_close(one_step, two_steps)
    torch.testing.assert_close(chunked, two_steps)
    g_direct = torch.autograd.grad(two_steps, [x, W])
    g_chunked = torch.autograd.grad(chunked, [x, W])
    for a, b in zip(g_direct, g_chunked, strict=True):
        torch.testing.assert_close(a, b)
    direct_mb.append(mb)
    chunked_mb.append(chunk_mb)
    print(
        f"N = {N:4d}: pérdida {chunked.item():.4f}; guardado {mb:6.2f} MB directo, "
        f"{chunk_mb:5.2f} MB por bloques"
    )
assert chunked_mb[-1] < direct_mb[-1] / 20

curves(
    sizes,
    {"capa lineal + entropía cruzada": direct_mb, "por bloques de 64 filas": chunked_mb},
    xlabel="tamaño del lote $N$",
    ylabel="MB guardados para backward",
    title=f"Memoria de la pérdida con C = {C} clases",
    marker="o",
)
plt.show()

# %%
# Comparación con torch
# ---------------------

x, y = torch.randn(8, F_), torch.randint(0, C, (8,))
torch.testing.assert_close(AF.linear_cross_entropy(x, W, y), AF.cross_entropy(x @ W.T, y))
print(analysis.compare_with_torch("linear_cross_entropy", x, W.detach(), y))
