"""Pérdidas de clasificación, desde primeros principios.

NLL, entropía cruzada (también precedida de una capa lineal), BCE y BCE con logits. Las
comprobaciones y el núcleo de la NLL están en ``_nll``, las funciones de autograd de BCE
en ``_binary`` y los pasos de :func:`linear_cross_entropy` en ``_linear``.
"""

from __future__ import annotations

import math
from typing import Any

import torch
from torch import Tensor

from actloss._validation import (
    apply_reduction,
    check_broadcast,
    check_broadcast_into,
    check_reduction,
    check_same_dtype,
    check_same_shape,
    checked_reduction,
    refuse_gradient,
    require_int,
    require_number,
    require_real_floating,
    require_tensors,
)
from actloss.functional import _autocast as autocast
from actloss.functional import _binary as binary
from actloss.functional import _kernels as kernels
from actloss.functional import _linear as linear
from actloss.functional import _transforms as transforms
from actloss.functional._nll import (
    check_class_weight,
    check_dtypes,
    check_targets,
    class_dim,
    nll,
)
from actloss.functional._softmax import log_softmax


def _log_softmax(input: Tensor, dim: int) -> Tensor:
    """:func:`~actloss.functional.log_softmax` sobre la dimensión de clases, con los
    mensajes de error de las pérdidas para entradas sin esa dimensión."""
    if input.dim() == 0 and dim not in (0, -1):
        raise IndexError(
            f"el argumento `input` no es válido: tiene 0 dimensiones y se esperaba la "
            f"dimensión de clases {dim}."
        )
    if input.shape[dim] == 0:
        return input * 1  # nothing to normalise; keeps the graph
    return log_softmax(input, dim)


@autocast.in_float32
def nll_loss(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    ignore_index: int = -100,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    r"""Pérdida de verosimilitud negativa: menos la log-probabilidad de la clase correcta.

    La entrada son log-probabilidades :math:`x_{n,c}` (la salida de un ``log_softmax``);
    la función no lo comprueba. Sin reducir, con :math:`N` ejemplos:

    .. math::

        \ell(x, y) = \{l_1, \dots, l_N\}, \qquad
        l_n = -w_{y_n}\, x_{n, y_n}\, \mathbb{1}[y_n \ne \text{ignore\_index}],

    y con reducción

    .. math::

        \ell(x, y) = \begin{cases}
            \sum_n l_n \big/ \sum_n w_{y_n} \mathbb{1}[y_n \ne \text{ignore\_index}]
                & \text{si reduction} = \text{'mean'} \\
            \sum_n l_n & \text{si reduction} = \text{'sum'}
        \end{cases}

    La derivada es :math:`\partial l_n / \partial x_{n,c} = -w_{y_n}\, \mathbb{1}[c = y_n]`:
    la pérdida es lineal en la entrada. Si todos los objetivos se
    ignoran, ``'mean'`` da ``nan`` (0/0), como torch. Por eso, con
    ``create_graph=True``, el gradiente respecto a ``input`` es aquí una constante que no
    queda en el grafo; el de torch queda, con derivada 0: retropropagar por él da 0 en
    torch y falla aquí («does not require grad»).

    Argumentos:
        input: log-probabilidades de coma flotante, con las clases en la dimensión 1
            (o en la 0 si la entrada es 1-D).
        target: índices de clase (``int64`` o ``uint8``) en :math:`[0, C)`.
        weight: un peso por clase, tensor 1-D de tamaño :math:`C`. Por defecto: ``None``.
        ignore_index: valor de ``target`` que no cuenta ni en la suma ni en el
            denominador. Por defecto: ``-100``.

    Forma:
        - ``input``: :math:`(C)`, :math:`(N, C)` o :math:`(N, C, d_1, \dots, d_K)`.
        - ``target``: :math:`()`, :math:`(N)` o :math:`(N, d_1, \dots, d_K)`.
        - Salida: escalar, o la forma de ``target`` con ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import nll_loss
        >>> logp = torch.tensor([[-0.1, -2.5], [-1.2, -0.4]])
        >>> nll_loss(logp, torch.tensor([0, 1]), reduction="none")
        tensor([0.1000, 0.4000])
    """
    reduction = checked_reduction(size_average, reduce, reduction, "nll_loss")
    check_targets(input, target, "nll_loss")
    check_class_weight(weight, input.shape[class_dim(input)], "nll_loss")
    check_dtypes(input, target, weight, "nll_loss")
    return nll(input, target, weight, ignore_index, reduction)


def _check_label_smoothing(label_smoothing: float, fn: str) -> None:
    if label_smoothing > 1.0:
        raise RuntimeError(
            f"{fn}: el argumento `label_smoothing` debe estar entre 0 y 1; "
            f"se recibió {label_smoothing}."
        )


def _broadcast_class_weight(weight: Tensor, input: Tensor) -> Tensor:
    shape = [1] * input.dim()
    shape[class_dim(input)] = weight.numel()
    return weight.reshape(shape)


def _cross_entropy_probabilities(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None,
    reduction: str,
    label_smoothing: float,
) -> Tensor:
    if not target.is_floating_point():
        raise RuntimeError(
            "cross_entropy: el argumento `target` tiene la forma de `input`, así que debe "
            f"contener probabilidades de coma flotante; se recibió dtype {target.dtype}."
        )
    dim = class_dim(input)
    if input.dim() == 0:
        raise IndexError(
            "cross_entropy: el argumento `input` no puede ser un escalar: se esperaba "
            "una dimensión de clases."
        )
    classes = input.shape[dim]
    check_class_weight(weight, classes, "cross_entropy")
    require_real_floating(input, "cross_entropy")
    logp = _log_softmax(input, dim)
    if label_smoothing > 0:
        _check_label_smoothing(label_smoothing, "cross_entropy")
        share = label_smoothing / classes if classes else math.inf
        target = target * (1 - label_smoothing) + share
    terms = logp * target
    if weight is not None:
        terms = terms * _broadcast_class_weight(weight, input)
    if reduction == "none":
        return -terms.sum(dim)
    total = -terms.sum()
    if reduction == "sum":
        return total
    if input.numel() == 0:
        return total * math.nan
    return total / (input.numel() // classes)


def _cross_entropy_smoothed(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None,
    ignore_index: int,
    reduction: str,
    label_smoothing: float,
) -> Tensor:
    """Entropía cruzada con índices y suavizado: mezcla de NLL y de la media uniforme."""
    _check_label_smoothing(label_smoothing, "cross_entropy")
    require_real_floating(input, "cross_entropy")
    dim = class_dim(input)
    logp = _log_softmax(input, dim)
    nll = nll_loss(logp, target, weight, None, ignore_index, None, reduction)
    classes = logp.shape[dim]
    ignored = target == ignore_index
    weighted = logp if weight is None else logp * _broadcast_class_weight(weight, logp)
    smooth = torch.where(ignored, logp.new_zeros(()), -weighted.sum(dim))
    if reduction == "mean":
        if weight is None:
            denominator = (~ignored).sum()
        else:  # no boolean mask: torch.func's vmap and torch.compile cannot batch one
            safe = torch.where(ignored, 0, target).long()
            denominator = torch.where(ignored, 0, weight[safe]).sum()
        uniform = smooth.sum() / denominator
    else:
        uniform = apply_reduction(smooth, reduction)
    share = label_smoothing / classes if classes else math.inf
    return (1 - label_smoothing) * nll + uniform * share


@autocast.in_float32
def cross_entropy(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    ignore_index: int = -100,
    reduce: bool | None = None,
    reduction: str = "mean",
    label_smoothing: float = 0.0,
) -> Tensor:
    r"""Entropía cruzada entre los logits y el objetivo: ``nll_loss(log_softmax(x))``.

    Con índices de clase :math:`y_n` y suavizado :math:`\varepsilon` (``label_smoothing``),
    sin reducir:

    .. math::

        l_n = (1 - \varepsilon)\, w_{y_n} \left(-\log \sigma(x_n)_{y_n}\right)
              + \frac{\varepsilon}{C} \sum_{c=1}^{C} w_c \left(-\log \sigma(x_n)_c\right),
        \qquad \sigma(x_n)_c = \frac{e^{x_{n,c}}}{\sum_k e^{x_{n,k}}},

    con :math:`l_n = 0` si :math:`y_n` es ``ignore_index``. Con probabilidades
    :math:`p_{n,c}` como objetivo (``target`` con la forma de ``input``), se mezclan
    :math:`q = (1 - \varepsilon) p + \varepsilon / C` y
    :math:`l_n = -\sum_c w_c\, q_{n,c} \log \sigma(x_n)_c`. Con reducción:

    .. math::

        \ell(x, y) = \begin{cases}
            \sum_n l_n \big/ \sum_n w_{y_n} \mathbb{1}[y_n \ne \text{ignore\_index}]
                & \text{'mean', índices} \\
            \sum_n l_n \big/ N & \text{'mean', probabilidades} \\
            \sum_n l_n & \text{'sum'}
        \end{cases}

    El gradiente respecto a los logits es :math:`\sigma(x_n) - q_n` por fila (con los
    pesos), acotado en :math:`[-1, 1]` sin pesos. Con índices, ``ignore_index`` no
    admite probabilidades (``RuntimeError``, como torch).

    Argumentos:
        input: logits de coma flotante, con las clases en la dimensión 1 (o en la 0 si
            la entrada es 1-D).
        target: índices de clase (``int64`` o ``uint8``), o probabilidades de la forma
            de ``input``.
        weight: un peso por clase, tensor 1-D de tamaño :math:`C`. Por defecto: ``None``.
        ignore_index: índice de clase que no cuenta (solo con índices). Por defecto:
            ``-100``.
        label_smoothing: :math:`\varepsilon \in [0, 1]`, la masa que se reparte por
            igual entre las clases. Por defecto: ``0.0``.

    Forma:
        - ``input``: :math:`(C)`, :math:`(N, C)` o :math:`(N, C, d_1, \dots, d_K)`.
        - ``target``: :math:`()`, :math:`(N)` o :math:`(N, d_1, \dots, d_K)` con índices;
          la forma de ``input`` con probabilidades.
        - Salida: escalar, o :math:`()`, :math:`(N)` o :math:`(N, d_1, \dots, d_K)` con
          ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import cross_entropy
        >>> logits = torch.tensor([[2.0, 0.0], [0.0, 0.0]])
        >>> cross_entropy(logits, torch.tensor([0, 1]), reduction="none")
        tensor([0.1269, 0.6931])
    """
    require_tensors("cross_entropy", input=input, target=target)
    reduction = checked_reduction(size_average, reduce, reduction, "cross_entropy")
    label_smoothing = require_number(label_smoothing, "cross_entropy", "label_smoothing")
    if input.shape == target.shape:
        require_int(ignore_index, "cross_entropy", "ignore_index")
        if ignore_index >= 0:
            raise RuntimeError(
                "cross_entropy: el argumento `ignore_index` no se admite cuando `target` "
                f"contiene probabilidades; se recibió {ignore_index}."
            )
        return _cross_entropy_probabilities(input, target, weight, reduction, label_smoothing)
    if label_smoothing > 0:
        return _cross_entropy_smoothed(
            input, target, weight, ignore_index, reduction, label_smoothing
        )
    require_real_floating(input, "cross_entropy")
    if input.dim() == 0:
        raise IndexError(
            "cross_entropy: el argumento `input` no puede ser un escalar: se esperaba una "
            "dimensión de clases."
        )
    logp = _log_softmax(input, class_dim(input))
    return nll_loss(logp, target, weight, None, ignore_index, None, reduction)


# --- binary cross-entropy -------------------------------------------------------------


def _check_unit_interval(tensor: Tensor, name: str) -> None:
    """Todo elemento en [0, 1] (``nan`` no): un mínimo y un máximo, sin máscaras booleanas.

    Compilado, la comprobación queda en el grafo (:func:`kernels.check`): la
    ``binary_cross_entropy`` compilada de torch también comprueba (``RuntimeError``).
    """
    if tensor.numel() == 0:
        return
    low, high = torch.aminmax(tensor.detach())
    message = "binary_cross_entropy: todos los elementos de `{}` deben estar entre 0 y 1."
    if kernels.unreadable(tensor):
        kernels.check((low >= 0) & (high <= 1), RuntimeError, message.format(name))
    elif not (low.item() >= 0 and high.item() <= 1):  # a nan fails too, as in torch
        raise RuntimeError(message.format(name))


def _apply_weight(loss: Tensor, weight: Tensor | None, fn: str) -> Tensor:
    if weight is None:
        return loss
    check_broadcast_into(fn, "weight", weight.shape, "input", loss.shape)
    return loss * weight.to(loss.dtype)


@autocast.in_float32
def binary_cross_entropy(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    r"""Entropía cruzada binaria entre probabilidades :math:`x \in [0, 1]` y objetivos.

    Sin reducir:

    .. math::

        l_n = -w_n \left[ y_n \max(\log x_n, -100) + (1 - y_n) \max(\log(1 - x_n), -100)
        \right],

    y ``'mean'`` promedia sobre los :math:`N` elementos, ``'sum'`` los suma. Como
    torch, cada logaritmo se recorta en :math:`-100` para que :math:`x = 0` o
    :math:`x = 1` den una pérdida finita (100 como mucho): por eso la pérdida se
    satura cuando la probabilidad viene de una sigmoide saturada. La derivada es

    .. math::

        \frac{\partial l_n}{\partial x_n} = w_n \frac{x_n - y_n}{\max(x_n (1 - x_n),
        10^{-12})}, \qquad
        \frac{\partial l_n}{\partial y_n} = w_n \log\frac{1 - x_n}{x_n}.

    Argumentos:
        input: probabilidades en :math:`[0, 1]`; fuera de ese intervalo (o ``nan``)
            falla con ``RuntimeError``, como torch.
        target: objetivos en :math:`[0, 1]`, de la forma y el dtype de ``input``.
        weight: pesos que se difunden a la forma de ``input``. Por defecto: ``None``.

    Forma:
        - ``input``: :math:`(*)`; ``target``: la misma forma.
        - Salida: escalar, o la forma de ``input`` con ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import binary_cross_entropy
        >>> binary_cross_entropy(torch.tensor([0.9, 0.0]), torch.tensor([1.0, 1.0]),
        ...                      reduction="none")
        tensor([  0.1054, 100.0000])
    """
    # torch asks a non-tensor for its size first: AttributeError.
    require_tensors("binary_cross_entropy", error=AttributeError, input=input, target=target)
    reduction = checked_reduction(size_average, reduce, reduction, "binary_cross_entropy")
    check_same_shape(input, target, "binary_cross_entropy")
    if weight is not None:
        check_broadcast("binary_cross_entropy", target=target.shape, weight=weight.shape)
        refuse_gradient(weight, "binary_cross_entropy", "weight")
    check_same_dtype(target, input, "binary_cross_entropy", "target")
    require_real_floating(input, "binary_cross_entropy")
    _check_unit_interval(transforms.values(input), "input")
    _check_unit_interval(transforms.values(target), "target")
    if weight is None:
        return transforms.run(binary.BinaryCrossEntropy, input, target, reduction)  # type: ignore[no-any-return]
    loss = transforms.run(binary.BinaryCrossEntropy, input, target, "none")
    loss = _apply_weight(loss, weight, "binary_cross_entropy")
    return apply_reduction(loss, reduction)


@autocast.in_float32
def binary_cross_entropy_with_logits(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    pos_weight: Tensor | None = None,
) -> Tensor:
    r"""Entropía cruzada binaria sobre logits: una sigmoide y BCE en una sola fórmula estable.

    Sin reducir, con :math:`p` = ``pos_weight`` (peso de los positivos):

    .. math::

        l_n = w_n \left[ (1 - y_n)\, x_n - \left(1 + (p - 1)\, y_n\right) \log \sigma(x_n)
        \right], \qquad \log\sigma(x) = \min(x, 0) - \log\left(1 + e^{-|x|}\right),

    que es :math:`-w_n [p\, y_n \log \sigma(x_n) + (1 - y_n) \log(1 - \sigma(x_n))]`
    escrita sin calcular :math:`\sigma` ni restar logaritmos: no se desborda con
    logits grandes y no necesita el recorte en -100 de :func:`binary_cross_entropy`.
    ``'mean'`` promedia sobre los elementos, ``'sum'`` los suma. Las derivadas son

    .. math::

        \frac{\partial l_n}{\partial x_n} = w_n \left[(p y_n + 1 - y_n)\sigma(x_n) - p y_n
        \right], \qquad
        \frac{\partial l_n}{\partial y_n} = w_n \left[\log\sigma(-x_n)
        - p \log\sigma(x_n)\right],

    es decir :math:`\sigma(x_n) - y_n` y :math:`-x_n` sin ``pos_weight``.

    Argumentos:
        input: logits de coma flotante.
        target: objetivos en :math:`[0, 1]` de la forma de ``input`` (el resultado
            tiene su dtype).
        weight: pesos que se difunden a la forma de ``input``. Por defecto: ``None``.
        pos_weight: peso de los ejemplos positivos, que se difunde sobre la última
            dimensión (uno por clase). Por defecto: ``None``.

    Forma:
        - ``input``: :math:`(*)`; ``target``: la misma forma.
        - Salida: escalar, o la forma de ``input`` con ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import binary_cross_entropy_with_logits
        >>> binary_cross_entropy_with_logits(torch.tensor([0.0, -200.0]),
        ...                                  torch.tensor([1.0, 1.0]), reduction="none")
        tensor([  0.6931, 200.0000])
    """
    fn = "binary_cross_entropy_with_logits"
    require_tensors(fn, error=AttributeError, input=input, target=target)
    reduction = checked_reduction(size_average, reduce, reduction, fn)
    check_same_shape(input, target, "binary_cross_entropy_with_logits")
    require_real_floating(input, "binary_cross_entropy_with_logits")
    if pos_weight is not None:  # ``target`` already has the shape of ``input``
        check_broadcast_into(
            "binary_cross_entropy_with_logits", "pos_weight", pos_weight.shape, "input", input.shape
        )
        refuse_gradient(pos_weight, "binary_cross_entropy_with_logits", "pos_weight")
    if weight is not None:
        refuse_gradient(weight, "binary_cross_entropy_with_logits", "weight")
    if not target.is_floating_point():
        raise RuntimeError(
            "binary_cross_entropy_with_logits: el argumento `target` debe ser de coma "
            f"flotante; se recibió dtype {target.dtype}."
        )
    if weight is None:
        return transforms.run(  # type: ignore[no-any-return]
            binary.BinaryCrossEntropyWithLogits, input, target, pos_weight, reduction
        )
    loss = transforms.run(binary.BinaryCrossEntropyWithLogits, input, target, pos_weight, "none")
    loss = _apply_weight(loss, weight, "binary_cross_entropy_with_logits")
    return apply_reduction(loss, reduction)


# --- linear cross-entropy -------------------------------------------------------------


def linear_cross_entropy(
    input: Tensor,
    linear_weight: Tensor,
    target: Tensor,
    *,
    linear_bias: Tensor | None = None,
    weight: Tensor | None = None,
    reduction: str = "mean",
    ignore_index: int | None = None,
    label_smoothing: float = 0.0,
    options: Any | None = None,
) -> Tensor:
    r"""Entropía cruzada de una capa lineal: ``cross_entropy(x W^T + b, target)``.

    Con :math:`z_n = W x_n + b` (los logits), la pérdida es la de
    :func:`cross_entropy` sobre :math:`z`:

    .. math::

        l_n = -\log \frac{e^{z_{n, y_n}}}{\sum_c e^{z_{n,c}}}, \qquad
        \frac{\partial l_n}{\partial x_n} = W^\top \left(\sigma(z_n) - e_{y_n}\right),
        \qquad
        \frac{\partial l_n}{\partial W} = \left(\sigma(z_n) - e_{y_n}\right) x_n^\top.

    Con ``linear_weight`` de forma :math:`(C, d_1, \dots, d_K, F)` los logits tienen
    forma :math:`(N, C, d_1, \dots, d_K)` (pérdida K-dimensional). Si se pasa
    ``options`` (una ``torch.nn.LinearCrossEntropyOptions``), el lote se procesa por
    bloques de filas y cada bloque recalcula sus logits en la retropropagación, de modo
    que la matriz :math:`(N, C)` completa nunca vive entera en memoria; el valor es el
    mismo. Los casos que torch no trocea (suavizado, objetivos que no son ``int64``,
    pérdida K-dimensional) avisan y usan el camino directo, como torch.

    Argumentos:
        input: rasgos de coma flotante.
        linear_weight: la matriz :math:`W`, de forma :math:`(C, F)` o
            :math:`(C, d_1, \dots, d_K, F)`.
        target: índices de clase o probabilidades, como en :func:`cross_entropy`.
        linear_bias: el sesgo :math:`b`, de forma :math:`(C)` o
            :math:`(C, d_1, \dots, d_K)`. Por defecto: ``None``.
        weight: un peso por clase. Por defecto: ``None``.
        ignore_index: índice que no cuenta; ``None`` equivale a ``-100`` con índices y
            es el único valor admitido con probabilidades. Por defecto: ``None``.
        label_smoothing: suavizado en :math:`[0, 1]`. Por defecto: ``0.0``.
        options: configuración del cálculo por bloques, o ``None`` para el camino
            directo. Por defecto: ``None``.

    Forma:
        - ``input``: :math:`(F)` o :math:`(N, F)`.
        - ``target``: :math:`()` o :math:`(N)` (o :math:`(N, d_1, \dots, d_K)`) con
          índices; la forma de los logits con probabilidades.
        - Salida: escalar, o la forma de ``target`` con ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import linear_cross_entropy
        >>> W = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
        >>> linear_cross_entropy(torch.tensor([[2.0, 0.0]]), W, torch.tensor([0]))
        tensor(0.1269)
    """
    fn = "linear_cross_entropy"
    shapes = linear.check_shapes(input, linear_weight, linear_bias, target, ignore_index, fn)
    chunked = linear.by_chunks(options, shapes, reduction, label_smoothing, target, fn)
    logits_of = linear.projection(linear_weight, linear_bias)
    index = -100 if ignore_index is None else ignore_index
    kwargs = {"weight": weight, "ignore_index": index, "label_smoothing": label_smoothing}
    if not chunked or input.dim() == 1 or input.shape[0] == 0:
        logits = logits_of(input).reshape(shapes.logits)
        return cross_entropy(logits, target, reduction=reduction, **kwargs)  # type: ignore[arg-type]
    check_reduction(reduction, fn)

    def chunk_loss(rows: Tensor, labels: Tensor) -> Tensor:
        return cross_entropy(logits_of(rows), labels, reduction="none", **kwargs)  # type: ignore[arg-type]

    size = linear.chunk_rows(options, input.shape[0], shapes.in_features, shapes.classes)
    return linear.chunked(chunk_loss, input, target, size, reduction, weight, index)


__all__ = [
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "cross_entropy",
    "linear_cross_entropy",
    "nll_loss",
]
