"""Pérdidas de margen, de ranking y de inmersión.

Cada función documenta su fórmula; véanse :func:`margin_ranking_loss`,
:func:`hinge_embedding_loss`, :func:`multilabel_margin_loss`, :func:`soft_margin_loss`,
:func:`multilabel_soft_margin_loss`, :func:`cosine_embedding_loss`,
:func:`multi_margin_loss`, :func:`triplet_margin_loss` y
:func:`triplet_margin_with_distance_loss`. Las dos de tripletes viven en ``_triplet``
(esta familia las publica); la distancia :math:`p` entre pares y la similitud coseno,
en ``_distance``; las funciones de autograd de las bisagras multiclase, en
``_multiclass``, y la de los términos logísticos, en ``_kernels``.
"""

from __future__ import annotations

import numbers

import torch
from torch import Tensor

from actloss._validation import (
    apply_reduction,
    check_broadcast,
    check_broadcast_into,
    check_multi_margin,
    check_reduction,
    check_same_dtype,
    checked_reduction,
    legacy_reduction,
    refuse_bool,
    refuse_gradient,
    require_floating_mean,
    require_number,
    require_real_floating,
    require_tensor,
    require_tensors,
)
from actloss.functional import _autocast as autocast
from actloss.functional import _kernels as kernels
from actloss.functional import _multiclass as multiclass
from actloss.functional import _transforms as transforms
from actloss.functional._distance import cosine_similarity
from actloss.functional._triplet import triplet_margin_loss, triplet_margin_with_distance_loss


def _require_not_bool(tensor: Tensor, fn: str, arg: str) -> None:
    if tensor.dtype == torch.bool:
        raise RuntimeError(
            f"{fn}: el argumento `{arg}` no puede ser booleano; se recibió {tensor.dtype}."
        )


# --- the losses --------------------------------------------------------------------------


@autocast.in_float32
def margin_ranking_loss(
    input1: Tensor,
    input2: Tensor,
    target: Tensor,
    margin: float = 0,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    r"""Pérdida de ranking con margen: ``input1`` debe superar a ``input2`` si :math:`y = 1`.

    Sin reducir, elemento a elemento:

    .. math::

        \ell(x_1, x_2, y) = \{l_1, \dots, l_N\}, \qquad
        l_n = \max\bigl(0,\; -y_n (x_{1,n} - x_{2,n}) + \text{margin}\bigr),

    y con reducción, la media (``'mean'``) o la suma (``'sum'``) de los :math:`l_n`.
    Con :math:`y_n = 1` el par está bien ordenado cuando :math:`x_{1,n}` supera a
    :math:`x_{2,n}` al menos en ``margin``; con :math:`y_n = -1`, al revés. La
    derivada respecto a :math:`x_{1,n}` es
    :math:`-y_n\, \mathbb{1}[-y_n (x_{1,n} - x_{2,n}) + \text{margin} \ge 0]`:
    :math:`-y_n` mientras el margen no se cumple (también en el pliegue, con el
    argumento exactamente 0, como en torch) y 0 cuando se cumple.

    Argumentos:
        input1: las puntuaciones :math:`x_1`.
        input2: las puntuaciones :math:`x_2`, con el mismo número de dimensiones.
        target: las etiquetas :math:`y \in \{1, -1\}`, con el mismo número de dimensiones.
        margin: el margen exigido. Por defecto: ``0``.

    Forma:
        - ``input1``, ``input2``, ``target``: :math:`(N)` o :math:`()`, difundibles.
        - Salida: escalar, o la forma difundida con ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import margin_ranking_loss
        >>> x1, x2 = torch.tensor([3.0, 1.0]), torch.tensor([1.0, 2.0])
        >>> margin_ranking_loss(x1, x2, torch.tensor([1.0, 1.0]), margin=1.0, reduction="none")
        tensor([0., 2.])
    """
    fn = "margin_ranking_loss"
    # torch asks a non-tensor for its dim() first: AttributeError.
    require_tensors(fn, error=AttributeError, input1=input1, input2=input2, target=target)
    margin = require_number(margin, fn, "margin")
    reduction = checked_reduction(size_average, reduce, reduction, fn)
    if not input1.dim() == input2.dim() == target.dim():
        raise RuntimeError(
            f"{fn}: `input1`, `input2` y `target` deben tener el mismo número de dimensiones; "
            f"se recibió {input1.dim()}, {input2.dim()} y {target.dim()}."
        )
    check_broadcast(fn, input1=input1.shape, input2=input2.shape, target=target.shape)
    for tensor, arg in ((input1, "input1"), (input2, "input2"), (target, "target")):
        _require_not_bool(tensor, fn, arg)
    loss = (-target * (input1 - input2) + float(margin)).clamp_min(0)
    return apply_reduction(loss, reduction)


@autocast.in_float32
def hinge_embedding_loss(
    input: Tensor,
    target: Tensor,
    margin: float = 1.0,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    r"""Pérdida de inmersión con bisagra: distancias pequeñas para los pares similares.

    ``input`` suele ser una distancia :math:`x_n \ge 0` entre dos inmersiones. Sin reducir:

    .. math::

        \ell(x, y) = \{l_1, \dots, l_N\}, \qquad
        l_n = \begin{cases}
            x_n & \text{si } y_n = 1, \\
            \max(0, \text{margin} - x_n) & \text{si } y_n = -1,
        \end{cases}

    y con reducción, la media (``'mean'``) o la suma (``'sum'``) de los :math:`l_n`.
    Un par distinto deja de costar (y de dar gradiente) cuando su distancia alcanza
    ``margin``. La derivada es
    :math:`\begin{cases} 1 & y_n = 1 \\ -\mathbb{1}[x_n \le \text{margin}] & y_n = -1 \end{cases}`:
    en :math:`x_n = \text{margin}` vale :math:`-1`, como en torch. Como torch, una
    etiqueta distinta de :math:`\pm 1` suma los dos términos.

    Argumentos:
        input: las distancias :math:`x`.
        target: las etiquetas :math:`y \in \{1, -1\}`, difundibles con ``input``.
        margin: el margen de los pares distintos. Por defecto: ``1.0``.

    Forma:
        - ``input``: :math:`(*)`; ``target``: difundible con ``input``.
        - Salida: escalar, o la forma difundida con ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import hinge_embedding_loss
        >>> d = torch.tensor([0.5, 0.5, 2.0])
        >>> hinge_embedding_loss(d, torch.tensor([1.0, -1.0, -1.0]), reduction="none")
        tensor([0.5000, 0.5000, 0.0000])
    """
    fn = "hinge_embedding_loss"
    require_tensors(fn, input=input, target=target)
    margin = require_number(margin, fn, "margin")
    reduction = checked_reduction(size_average, reduce, reduction, fn)
    check_broadcast(fn, input=input.shape, target=target.shape)
    _require_not_bool(input, fn, "input")
    require_floating_mean(input, reduction, fn)
    zeros = torch.zeros_like(input)
    # torch fills a tensor like ``input`` with the margin and subtracts: with an integer
    # input the margin is truncated, as it is there.
    to_margin = (torch.empty_like(input).fill_(margin) - input).clamp_min(0)
    loss = torch.where(target != 1, to_margin, zeros) + torch.where(target != -1, input, zeros)
    return apply_reduction(loss, reduction)


@autocast.in_float32
def multilabel_margin_loss(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    r"""Pérdida de margen multietiqueta: cada clase correcta supera a cada incorrecta en 1.

    ``target`` tiene la forma de ``input`` y lista los índices de las clases correctas
    de cada muestra, terminados en :math:`-1` (lo que sigue al primer :math:`-1` se
    ignora). Para una muestra :math:`x \in \mathbb{R}^C` con clases correctas
    :math:`J`:

    .. math::

        l(x, y) = \sum_{j \in J} \sum_{i \notin J}
            \frac{\max\bigl(0,\; 1 - (x_{j} - x_i)\bigr)}{C},

    una suma por cada índice listado (uno repetido cuenta dos veces). Con
    ``reduction='none'`` se devuelve :math:`l` de cada muestra; con ``'mean'``, su media
    y con ``'sum'``, su suma. La derivada respecto a :math:`x_j` es
    :math:`-\tfrac{1}{C}\, \#\{i \notin J : 1 - (x_j - x_i) > 0\}`, :math:`-1/C` por cada
    término activo, y cada uno suma :math:`+1/C` a la de su :math:`x_i`; en el pliegue
    (argumento exactamente 0) no cuenta, como en torch.

    Argumentos:
        input: las puntuaciones, :math:`(C)`, :math:`(N, C)` o un escalar.
        target: índices enteros (``torch.long``) de la misma forma, terminados en -1.

    Forma:
        - ``input``: :math:`(C)` o :math:`(N, C)`; ``target``: la misma forma.
        - Salida: escalar; :math:`(N)` con ``reduction='none'`` y entrada :math:`(N, C)`.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import multilabel_margin_loss
        >>> x = torch.tensor([[0.1, 0.2, 0.4, 0.8]])
        >>> multilabel_margin_loss(x, torch.tensor([[3, 0, -1, 1]]))
        tensor(0.8500)
    """
    fn = "multilabel_margin_loss"
    require_tensors(fn, input=input, target=target)
    reduction = checked_reduction(size_average, reduce, reduction, fn)
    frames, classes = multiclass.scores_shape(input, fn)
    if input.dim() <= 1:
        ok = target.dim() <= 1 and target.numel() == classes
    else:
        ok = target.dim() == 2 and tuple(target.shape) == (frames, classes)
    if not ok:
        raise RuntimeError(
            f"{fn}: la forma de `target` {tuple(target.shape)} no es compatible con la de "
            f"`input` {tuple(input.shape)}; debe ser la misma."
        )
    multiclass.check_dtypes(input, target, fn)
    x = input.reshape(frames, classes)
    t = target.reshape(frames, classes)
    multiclass.check_classes(t, -1, classes, fn)
    per_frame: Tensor = transforms.run(multiclass.MultilabelMargin, x, t)
    if reduction == "none":
        return per_frame if target.dim() == 2 else per_frame.reshape(())
    return apply_reduction(per_frame, reduction)


@autocast.in_float32
def soft_margin_loss(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    r"""Pérdida de margen suave: la versión logística (derivable) de la bisagra.

    Sin reducir, elemento a elemento, con :math:`y_n \in \{1, -1\}`:

    .. math::

        \ell(x, y) = \{l_1, \dots, l_N\}, \qquad l_n = \log\bigl(1 + e^{-y_n x_n}\bigr),

    y con reducción, la media (``'mean'``) o la suma (``'sum'``) de los :math:`l_n`.
    La derivada :math:`-y_n\, e^{-y_n x_n} / (1 + e^{-y_n x_n})` nunca es exactamente
    0: decae como :math:`e^{-y_n x_n}` cuando el margen :math:`y_n x_n` crece. Se
    calcula con la misma fórmula directa que torch (sin estabilizar), de modo que
    :math:`-y_n x_n` muy grande (más de unos 709 en float64, 88 en float32) da una
    pérdida ``inf`` y un gradiente ``nan``, igual que allí. En media precisión se calcula
    en float32 y se redondea una vez: en float16 torch calcula en float16 y da ``inf`` ya
    pasado :math:`-y_n x_n \approx 11`; aquí la pérdida y el gradiente son los de float32
    (finitos hasta unos 88).

    Argumentos:
        input: las puntuaciones :math:`x`, de coma flotante.
        target: las etiquetas :math:`y \in \{1, -1\}`, difundibles a la forma de ``input``.

    Forma:
        - ``input``: :math:`(*)`; ``target``: difundible a la forma de ``input``.
        - Salida: escalar, o la forma de ``input`` con ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import soft_margin_loss
        >>> soft_margin_loss(torch.tensor([0.0, 2.0]), torch.tensor([1.0, -1.0]), reduction="none")
        tensor([0.6931, 2.1269])
    """
    fn = "soft_margin_loss"
    require_tensors(fn, input=input, target=target)
    reduction = checked_reduction(size_average, reduce, reduction, fn)
    check_broadcast_into(fn, "target", target.shape, "input", input.shape)
    require_real_floating(input, fn, error=RuntimeError)
    refuse_gradient(target, fn, "target")
    return kernels.in_float32(_soft_margin)(input, target, reduction)


def _soft_margin(input: Tensor, target: Tensor, reduction: str) -> Tensor:
    # In float32 for half precision (kernels.in_float32), unlike torch: autograd's
    # derivative (g/N) / (1 + e^z) * e^z would underflow in float16 before the product,
    # and e^z overflows there past z = 11 (torch's inf).
    exponent = (-input * target).to(input.dtype)
    loss = torch.log(1 + torch.exp(exponent))
    return apply_reduction(loss, reduction)


def multilabel_soft_margin_loss(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    r"""Pérdida multietiqueta logística: una entropía cruzada binaria por clase, promediada.

    Para una muestra :math:`x \in \mathbb{R}^C` con etiquetas :math:`y_c \in \{0, 1\}`:

    .. math::

        l(x, y) = -\frac{1}{C} \sum_{c=1}^{C} w_c \bigl[
            y_c \log \sigma(x_c) + (1 - y_c) \log \sigma(-x_c) \bigr],

    con :math:`\sigma(x) = 1 / (1 + e^{-x})` y :math:`\log\sigma` calculado de forma
    estable. Con ``reduction='none'`` se devuelve :math:`l` de cada muestra; con
    ``'mean'``, su media y con ``'sum'``, su suma. La derivada respecto a :math:`x_c`
    es :math:`w_c (\sigma(x_c) - y_c) / C`.

    Argumentos:
        input: las puntuaciones, con las clases en la última dimensión.
        target: las etiquetas 0/1, difundibles con ``input``.
        weight: pesos :math:`w_c` por clase, difundibles con ``input``. Por defecto: ``None``.

    Forma:
        - ``input``: :math:`(N, C)` o :math:`(C)`; ``target``: la misma forma.
        - Salida: escalar, o :math:`(N)` (todas las dimensiones salvo la última) con
          ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import multilabel_soft_margin_loss
        >>> multilabel_soft_margin_loss(torch.zeros(1, 3), torch.tensor([[1.0, 0.0, 1.0]]))
        tensor(0.6931)
    """
    fn = "multilabel_soft_margin_loss"
    require_tensor(input, fn)
    if not isinstance(target, Tensor):
        # torch's formula multiplies by ``target``: a number is a constant label.
        if not isinstance(target, numbers.Real):
            require_tensor(target, fn, "target")
        target = input.new_tensor(target)
    if size_average is not None or reduce is not None:
        reduction = legacy_reduction(size_average, reduce, reduction)
    require_real_floating(input, fn)
    refuse_bool(target, fn, RuntimeError, "target")  # torch's formula computes 1 - target
    if input.dim() == 0:
        raise IndexError(
            f"{fn}: `input` debe tener al menos una dimensión (la de las clases); "
            "se recibió un escalar."
        )
    check_broadcast(fn, input=input.shape, target=target.shape)
    dtype = kernels.result_type(input, target)
    x, t = torch.broadcast_tensors(input.to(dtype), target.to(dtype))
    loss = transforms.run(kernels.LogisticTerms, x, t)
    if weight is not None:
        check_broadcast(fn, input=input.shape, weight=weight.shape)
        loss = loss * weight
    loss = loss.sum(dim=input.dim() - 1) / input.size(-1)
    check_reduction(reduction, fn)
    return apply_reduction(loss, reduction)


@autocast.in_float32
def cosine_embedding_loss(
    input1: Tensor,
    input2: Tensor,
    target: Tensor,
    margin: float = 0,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    r"""Pérdida de inmersión por coseno: pares similares alineados, distintos separados.

    Con la similitud coseno
    :math:`\cos(x_1, x_2) = x_1 \cdot x_2 \big/ \sqrt{(\lVert x_1\rVert^2 + \epsilon)
    (\lVert x_2\rVert^2 + \epsilon)}`, :math:`\epsilon = 10^{-12}` (la constante de torch,
    que evita dividir entre 0 con un vector nulo), sin reducir:

    .. math::

        l_n = \begin{cases}
            1 - \cos(x_{1,n}, x_{2,n}) & \text{si } y_n = 1, \\
            \max\bigl(0, \cos(x_{1,n}, x_{2,n}) - \text{margin}\bigr) & \text{si } y_n = -1,
        \end{cases}

    y con reducción, la media (``'mean'``) o la suma (``'sum'``) de los :math:`l_n`.
    Solo importa la dirección de los vectores, no su longitud. Un par distinto deja de
    costar (y de dar gradiente) cuando su coseno baja hasta ``margin``. La derivada es
    :math:`\mp \nabla_{x_{1,n}} \cos(x_{1,n}, x_{2,n})`: con signo menos si
    :math:`y_n = 1` y más mientras el margen no se cumple si :math:`y_n = -1` (también en
    el pliegue :math:`\cos = \text{margin}`, como en torch). Una
    etiqueta distinta de :math:`\pm 1` da pérdida 0.

    Argumentos:
        input1: inmersiones :math:`(N, D)` o :math:`(D)`.
        input2: inmersiones de la misma forma (difundibles).
        target: etiquetas :math:`y \in \{1, -1\}`, :math:`(N)` o :math:`()`.
        margin: el margen de los pares distintos, entre -1 y 1. Por defecto: ``0``.

    Forma:
        - ``input1``, ``input2``: :math:`(N, D)` o :math:`(D)`; ``target``: :math:`(N)` o
          :math:`()`.
        - Salida: escalar, o :math:`(N)` con ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import cosine_embedding_loss
        >>> a, b = torch.tensor([[1.0, 0.0], [1.0, 0.0]]), torch.tensor([[3.0, 0.0], [0.0, 2.0]])
        >>> cosine_embedding_loss(a, b, torch.tensor([1.0, -1.0]), reduction="none")
        tensor([0., 0.])
    """
    fn = "cosine_embedding_loss"
    require_tensors(fn, input1=input1, input2=input2, target=target)
    margin = require_number(margin, fn, "margin")
    reduction = checked_reduction(size_average, reduce, reduction, fn)
    target_dim = target.dim()
    if target_dim > 1:
        raise RuntimeError(
            f"{fn}: se esperaba un `target` de 0 o 1 dimensiones; se recibió la forma "
            f"{tuple(target.shape)}."
        )
    expected = target_dim + 1
    if input1.dim() != expected or input2.dim() != expected:
        raise RuntimeError(
            f"{fn}: con un `target` de {target_dim} dimensiones, `input1` e `input2` deben "
            f"tener {expected}; se recibió {tuple(input1.shape)} y {tuple(input2.shape)}."
        )
    check_broadcast(fn, input1=input1.shape, input2=input2.shape)
    cos = cosine_similarity(input1, input2, dim=target_dim)
    check_broadcast(fn, input1=cos.shape, target=target.shape)
    zeros = torch.zeros_like(cos)
    similar = torch.where(target == 1, 1 - cos, zeros)
    dissimilar = torch.where(target == -1, (cos - float(margin)).clamp_min(0), zeros)
    return apply_reduction(similar + dissimilar, reduction)


@autocast.in_float32
def multi_margin_loss(
    input: Tensor,
    target: Tensor,
    p: int = 1,
    margin: float = 1.0,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    r"""Pérdida de margen multiclase (la bisagra de las SVM multiclase).

    Para una muestra :math:`x \in \mathbb{R}^C` de clase :math:`y`:

    .. math::

        l(x, y) = \frac{1}{C} \sum_{i \ne y}
            w_y \max\bigl(0,\; \text{margin} - x_y + x_i\bigr)^p, \qquad p \in \{1, 2\}.

    Con ``reduction='none'`` se devuelve :math:`l` de cada muestra; con ``'mean'``, su
    media y con ``'sum'``, su suma. La clase correcta debe superar a cada otra en
    ``margin``; cuando lo hace, esa otra clase deja de dar gradiente. La derivada
    respecto a :math:`x_i` es :math:`w_y\, p\, z^{p-1} / C` si
    :math:`z = \text{margin} - x_y + x_i > 0` y 0 si no (también en :math:`z = 0`, como
    en torch); la de :math:`x_y` es menos la suma de las demás.

    Argumentos:
        input: las puntuaciones, :math:`(N, C)`, :math:`(C)` o un escalar.
        target: la clase de cada muestra (``torch.long``), :math:`(N)` o :math:`()`.
        p: el exponente, 1 o 2. Por defecto: ``1``.
        margin: el margen exigido. Por defecto: ``1.0``.
        weight: pesos :math:`w_c` por clase, de forma :math:`(C)`. Por defecto: ``None``.

    Forma:
        - ``input``: :math:`(N, C)` o :math:`(C)`; ``target``: :math:`(N)` o :math:`()`.
        - Salida: escalar, o :math:`(N)` con ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import multi_margin_loss
        >>> x = torch.tensor([[0.1, 0.2, 0.4, 0.8]])
        >>> multi_margin_loss(x, torch.tensor([3]))
        tensor(0.3250)
    """
    fn = "multi_margin_loss"
    require_tensors(fn, input=input, target=target)
    margin = require_number(margin, fn, "margin")
    reduction = checked_reduction(size_average, reduce, reduction, fn)
    check_multi_margin(p, weight, fn)
    frames, classes = multiclass.scores_shape(input, fn)
    if target.dim() > 1 or target.numel() != frames:
        raise RuntimeError(
            f"{fn}: `target` debe tener una clase por muestra ({frames}); se recibió la "
            f"forma {tuple(target.shape)}."
        )
    if weight is not None and weight.numel() != classes:
        raise RuntimeError(
            f"{fn}: `weight` debe tener un peso por clase ({classes}); se recibió la forma "
            f"{tuple(weight.shape)}."
        )
    multiclass.check_dtypes(input, target, fn)
    if weight is not None:
        check_same_dtype(weight, input, fn, "weight")
    x = input.reshape(frames, classes)
    t = target.reshape(frames)
    multiclass.check_classes(t, 0, classes, fn)
    if weight is not None:
        refuse_gradient(weight, fn, "weight")
    scale = None if weight is None else weight[t]
    per_frame: Tensor = transforms.run(multiclass.MultiMargin, x, t, float(margin), p, scale)
    if reduction == "none":
        return per_frame if target.dim() > 0 else per_frame.reshape(())
    return apply_reduction(per_frame, reduction)


__all__ = [
    "cosine_embedding_loss",
    "hinge_embedding_loss",
    "margin_ranking_loss",
    "multi_margin_loss",
    "multilabel_margin_loss",
    "multilabel_soft_margin_loss",
    "soft_margin_loss",
    "triplet_margin_loss",
    "triplet_margin_with_distance_loss",
]
