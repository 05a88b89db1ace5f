r"""Las pérdidas de los modelos basados en energía (LeCun et al., 2006, tabla 1).

Un modelo basado en energía da a cada respuesta candidata una energía: menor es más
compatible. :math:`E_C = E_{n, y_n}` es la energía de la respuesta correcta y :math:`E_I`
la de la *respuesta incorrecta más ofensiva* (:func:`most_offending`), la de menor
energía entre las incorrectas.

Todas las pérdidas reciben, para :math:`N` muestras y :math:`K` respuestas discretas:

- ``energies``: las energías :math:`E_{n, k}`, un tensor :math:`(N, K)`. Las seis que
  usan :math:`E_I` (:func:`hinge_loss`, :func:`log_loss`, :func:`lvq2_loss`,
  :func:`mce_loss`, :func:`square_square_loss` y :func:`square_exponential_loss`)
  necesitan :math:`K \ge 2`.
- ``target``: el índice :math:`y_n` de la respuesta correcta de cada muestra,
  :math:`(N)`, ``torch.long``.
- ``reduction``: ``'none'``, ``'mean'`` o ``'sum'``. Por defecto: ``'mean'``.

Cada una define la pérdida :math:`l_n` de una muestra. Sin reducir devuelve las
:math:`N`, de forma :math:`(N)`; con reducción, el escalar

.. math::

    \ell(E, y) = \begin{cases}
        \frac{1}{N} \sum_n l_n & \text{si reduction} = \text{'mean'} \\
        \sum_n l_n & \text{si reduction} = \text{'sum'}
    \end{cases}

Cada pérdida tiene la firma ``(energies, target, <parámetros>, reduction="mean")`` y
su módulo, que guarda los argumentos y la llama, como en :mod:`actloss.nn`. Los
nombres de los módulos (``NLLLoss``, ``HingeLoss``...) coinciden con otros de torch, así
que viven aquí y no en :mod:`actloss.nn`. Están escritas desde primeros principios:
ninguna llama a una pérdida de torch.

Ejemplos:
    >>> import torch
    >>> from actloss import energy
    >>> energies = torch.tensor([[0.0, 0.5, 2.0]])
    >>> energy.hinge_loss(energies, torch.tensor([0]), margin=1.0)
    tensor(0.5000)
"""

from actloss.energy._all_answers import energy_loss, mee_loss, nll_loss, perceptron_loss
from actloss.energy._margin import (
    hinge_loss,
    log_loss,
    lvq2_loss,
    mce_loss,
    most_offending,
    square_exponential_loss,
    square_square_loss,
)
from actloss.energy._modules import (
    EnergyLoss,
    HingeLoss,
    LogLoss,
    LVQ2Loss,
    MCELoss,
    MEELoss,
    NLLLoss,
    PerceptronLoss,
    SquareExponentialLoss,
    SquareSquareLoss,
)

__all__ = [
    "EnergyLoss",
    "HingeLoss",
    "LVQ2Loss",
    "LogLoss",
    "MCELoss",
    "MEELoss",
    "NLLLoss",
    "PerceptronLoss",
    "SquareExponentialLoss",
    "SquareSquareLoss",
    "energy_loss",
    "hinge_loss",
    "log_loss",
    "lvq2_loss",
    "mce_loss",
    "mee_loss",
    "most_offending",
    "nll_loss",
    "perceptron_loss",
    "square_exponential_loss",
    "square_square_loss",
]
