"""La definición de cada función: la fórmula tal como la escribe un libro de texto.

:mod:`actloss.reference` tiene una función por cada función pública de
:mod:`actloss.functional`, con el mismo nombre y la misma firma. Cada una es la fórmula
escrita con operaciones elementales de torch (``where``, ``exp``, ``expm1``, ``log1p``,
``erf``, ``clamp``, ``logsumexp``, ``gather``...), estable donde un libro lo dice
(log-sum-exp, el umbral de softplus), sin operaciones en el sitio ni atajos de
rendimiento. Ninguna llama a su homóloga de torch ni modifica su entrada: ``inplace`` está
solo por la firma, y las variantes en el sitio (``relu_``, ``elu_``...) devuelven el valor
que la de torch escribe en la entrada.

:mod:`actloss.functional` es la implementación rápida y debe dar los mismos números: las
pruebas comparan las dos, valores y gradientes, sobre las entradas del catálogo. Cada
activación elemento a elemento tiene además su derivada en forma cerrada,
``<nombre>_derivative``; las vectoriales (softmax y sus parientes, GLU) dan su jacobiana
y PReLU, sus dos derivadas parciales.

Ejemplos:
    >>> import torch
    >>> from actloss import reference
    >>> x = torch.tensor([-1.0, 0.0, 2.0])
    >>> reference.elu(x).round(decimals=4)
    tensor([-0.6321,  0.0000,  2.0000])
    >>> reference.elu_derivative(x).round(decimals=4)
    tensor([0.3679, 1.0000, 1.0000])
"""

from actloss import _families
from actloss.reference import energy as energy  # clase 11-2: aparte, su nll_loss es otra

# Los nombres públicos de cada familia; la lista de familias es una sola: actloss._families.
__all__ = _families.export(globals())
