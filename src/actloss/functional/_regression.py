"""Pérdidas de regresión y de verosimilitud, desde primeros principios.

Cada función documenta su fórmula: :func:`l1_loss`, :func:`mse_loss`,
:func:`smooth_l1_loss`, :func:`huber_loss`, :func:`poisson_nll_loss`,
:func:`gaussian_nll_loss` y :func:`kl_div`. Las que dependen solo del residuo
:math:`d = x - y` (MSE, Smooth L1, Huber) declaran su valor y su derivada en forma
cerrada en ``_residual``, como las activaciones.
"""

from __future__ import annotations

import math
import numbers

import torch
from torch import Tensor

from actloss._validation import (
    apply_reduction,
    broadcast_pair,
    check_broadcast,
    check_reduction,
    checked_reduction,
    legacy_reduction,
    mean_alias,
    refuse_bool,
    require_bool,
    require_floating_mean,
    require_number,
    require_tensor,
    warn_caller,
)
from actloss.functional import _autocast as autocast
from actloss.functional import _kernels as kernels
from actloss.functional._residual import (
    SQUARE,
    check_weight,
    floating_result,
    huber_rule,
    residual,
    residual_tensors,
    smooth_l1_rule,
    weighted,
)


def _absolute_errors(input: Tensor, target: Tensor, fn: str) -> Tensor:
    """:math:`|x - y|`. torch no resta booleanos y falla ahí (``RuntimeError``): se dice en
    español, con el argumento que lo es."""
    refuse_bool(input, fn, RuntimeError)
    refuse_bool(target, fn, RuntimeError, "target")
    return (input - target).abs()


def _l1(input: Tensor, target: Tensor, reduction: str, fn: str) -> Tensor:
    errors = _absolute_errors(input, target, fn)
    require_floating_mean(errors, reduction, fn)
    return apply_reduction(errors, reduction)


@autocast.in_float32
def l1_loss(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    weight: Tensor | None = None,
) -> Tensor:
    r"""Pérdida L1: el error absoluto entre la predicción y el objetivo.

    Sin reducir, con :math:`N` elementos:

    .. math::

        \ell(x, y) = \{l_1, \dots, l_N\}, \qquad l_n = w_n\,\lvert x_n - y_n \rvert,

    y con reducción

    .. math::

        \ell(x, y) = \begin{cases}
            \sum_n l_n \big/ \sum_n w_n & \text{si reduction} = \text{'mean'} \\
            \sum_n l_n & \text{si reduction} = \text{'sum'}
        \end{cases}

    Sin ``weight``, :math:`w_n = 1` y ``'mean'`` divide entre :math:`N`. La derivada
    respecto a :math:`x_n` es :math:`w_n \operatorname{sign}(x_n - y_n)`; en
    :math:`x_n = y_n`, donde la pérdida no es derivable, se toma el subgradiente 0, como
    torch.

    Argumentos:
        input: la predicción :math:`x`. Con enteros solo admite ``'none'`` y ``'sum'``,
            como torch.
        target: el objetivo :math:`y`, de la misma forma (se difunde con un aviso si no).
        weight: pesos :math:`w_n`, de la forma de ``input``. Por defecto: ``None``.

    Forma:
        - ``input``: :math:`(*)`; ``target``: la misma forma.
        - Salida: escalar, o la forma de la entrada con ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import l1_loss
        >>> l1_loss(torch.tensor([1.0, 2.0, 4.0]), torch.tensor([1.0, 3.0, 2.0]))
        tensor(1.)
    """
    residual_tensors("l1_loss", input, target, weight)
    # The weighted path (Python in torch) checks reduction by hand: no 'elementwise_mean'.
    reduction = legacy_reduction(size_average, reduce, reduction, alias=weight is None)
    expanded_input, expanded_target = broadcast_pair(input, target, "l1_loss")
    if weight is not None:
        check_weight(weight, input, "l1_loss")
        errors = _absolute_errors(expanded_input, expanded_target, "l1_loss")
        return weighted(errors, weight, reduction, "l1_loss")
    check_reduction(reduction, "l1_loss")
    return _l1(expanded_input, expanded_target, reduction, "l1_loss")


@autocast.in_float32
def mse_loss(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    weight: Tensor | None = None,
) -> Tensor:
    r"""Error cuadrático medio (MSE): el cuadrado de la diferencia entre predicción y objetivo.

    Sin reducir, con :math:`N` elementos:

    .. math::

        \ell(x, y) = \{l_1, \dots, l_N\}, \qquad l_n = w_n\,(x_n - y_n)^2,
        \qquad \frac{\partial l_n}{\partial x_n} = 2\,w_n\,(x_n - y_n),

    y con reducción

    .. math::

        \ell(x, y) = \begin{cases}
            \sum_n l_n \big/ \sum_n w_n & \text{si reduction} = \text{'mean'} \\
            \sum_n l_n & \text{si reduction} = \text{'sum'}
        \end{cases}

    Sin ``weight``, :math:`w_n = 1` y ``'mean'`` divide entre :math:`N`. Es derivable en
    todas partes y su gradiente crece con el error: un dato atípico domina.

    Argumentos:
        input: la predicción :math:`x`, de coma flotante.
        target: el objetivo :math:`y`, de la misma forma (se difunde con un aviso si no).
        weight: pesos :math:`w_n`, de la forma de ``input``. Por defecto: ``None``.

    Forma:
        - ``input``: :math:`(*)`; ``target``: la misma forma.
        - Salida: escalar, o la forma de la entrada con ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import mse_loss
        >>> mse_loss(torch.tensor([1.0, 2.0, 4.0]), torch.tensor([1.0, 3.0, 2.0]))
        tensor(1.6667)
    """
    residual_tensors("mse_loss", input, target, weight)
    # The weighted path (Python in torch) checks reduction by hand: no 'elementwise_mean'.
    reduction = legacy_reduction(size_average, reduce, reduction, alias=weight is None)
    expanded_input, expanded_target = broadcast_pair(input, target, "mse_loss")
    if weight is not None:
        check_weight(weight, input, "mse_loss")
        squares = residual(SQUARE, expanded_input, expanded_target)
        return weighted(squares, weight, reduction, "mse_loss")
    check_reduction(reduction, "mse_loss")
    floating_result(input, target, "mse_loss")
    return residual(SQUARE, expanded_input, expanded_target, reduction)


@autocast.in_float32
def smooth_l1_loss(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    beta: float = 1.0,
) -> Tensor:
    r"""Smooth L1: cuadrática cerca del objetivo y lineal lejos, con la unión en ``beta``.

    Sin reducir, con :math:`d_n = x_n - y_n`:

    .. math::

        l_n = \begin{cases}
            \dfrac{d_n^2}{2\beta} & \lvert d_n \rvert < \beta \\[4pt]
            \lvert d_n \rvert - \dfrac{\beta}{2} & \text{en otro caso}
        \end{cases},
        \qquad
        \frac{\partial l_n}{\partial x_n} = \operatorname{clamp}\!\left(\frac{d_n}{\beta},
        -1, 1\right),

    y ``'mean'`` o ``'sum'`` promedian o suman los :math:`l_n`. En
    :math:`\lvert d_n \rvert = \beta` el valor y la pendiente coinciden por ambos lados;
    solo la curvatura salta (de :math:`1/\beta` a 0). Con ``beta=0`` es exactamente
    :func:`l1_loss` (subgradiente 0 en :math:`d_n = 0`, como torch).

    Argumentos:
        input: la predicción :math:`x`, de coma flotante.
        target: el objetivo :math:`y`, de la misma forma (se difunde con un aviso si no).
        beta: dónde pasa de cuadrática a lineal; no puede ser negativo. Por defecto: ``1.0``.

    Forma:
        - ``input``: :math:`(*)`; ``target``: la misma forma.
        - Salida: escalar, o la forma de la entrada con ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import smooth_l1_loss
        >>> smooth_l1_loss(torch.tensor([0.5, 3.0]), torch.zeros(2), reduction="none")
        tensor([0.1250, 2.5000])
    """
    residual_tensors("smooth_l1_loss", input, target)
    beta = require_number(beta, "smooth_l1_loss", "beta")
    reduction = legacy_reduction(size_average, reduce, reduction)
    input, target = broadcast_pair(input, target, "smooth_l1_loss")
    check_reduction(reduction, "smooth_l1_loss")
    if beta == 0.0:
        return _l1(input, target, reduction, "smooth_l1_loss")
    if not beta >= 0:  # nan too, as in torch
        raise RuntimeError(
            f"smooth_l1_loss: el argumento `beta` debe ser mayor o igual que 0; es {beta}."
        )
    floating_result(input, target, "smooth_l1_loss")
    return residual(smooth_l1_rule(beta), input, target, reduction)


@autocast.in_float32
def huber_loss(
    input: Tensor,
    target: Tensor,
    reduction: str = "mean",
    delta: float = 1.0,
    weight: Tensor | None = None,
) -> Tensor:
    r"""Pérdida de Huber: cuadrática hasta ``delta`` y lineal con pendiente ``delta`` después.

    Sin reducir, con :math:`d_n = x_n - y_n`:

    .. math::

        l_n = w_n \begin{cases}
            \tfrac12 d_n^2 & \lvert d_n \rvert < \delta \\[2pt]
            \delta\,(\lvert d_n \rvert - \tfrac12 \delta) & \text{en otro caso}
        \end{cases},
        \qquad
        \frac{\partial l_n}{\partial x_n} = w_n \operatorname{clamp}(d_n, -\delta, \delta),

    y ``'sum'`` suma los :math:`l_n`, ``'mean'`` los promedia (con ``weight`` también:
    divide entre :math:`N`, no entre :math:`\sum_n w_n`, como torch). Con
    :math:`\delta = \beta` vale :math:`\beta` veces :func:`smooth_l1_loss`. El resultado
    tiene el dtype de ``input``, como en torch.

    Argumentos:
        input: la predicción :math:`x`, de coma flotante.
        target: el objetivo :math:`y`, de la misma forma (se difunde con un aviso si no).
        delta: dónde pasa de cuadrática a lineal; debe ser positivo. Por defecto: ``1.0``.
        weight: pesos :math:`w_n`, de la forma de ``input``. Por defecto: ``None``.

    Forma:
        - ``input``: :math:`(*)`; ``target``: la misma forma.
        - Salida: escalar, o la forma de la entrada con ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import huber_loss
        >>> huber_loss(torch.tensor([0.5, 3.0]), torch.zeros(2), reduction="none", delta=2.0)
        tensor([0.1250, 4.0000])
    """
    residual_tensors("huber_loss", input, target, weight)
    delta = require_number(delta, "huber_loss", "delta")
    if weight is None:  # the weighted path checks reduction by hand (see l1_loss)
        reduction = mean_alias(reduction)
    expanded_input, expanded_target = broadcast_pair(input, target, "huber_loss")
    if weight is None:
        check_reduction(reduction, "huber_loss")
    else:
        check_weight(weight, input, "huber_loss")
    if not delta > 0:
        raise RuntimeError(f"huber_loss: el argumento `delta` debe ser positivo; es {delta}.")
    floating_result(input, target, "huber_loss")
    if not input.is_floating_point():
        raise RuntimeError(
            f"huber_loss: el resultado tiene el dtype de `input`, que debe ser de coma "
            f"flotante; se recibió {input.dtype}."
        )
    if input.dtype in kernels.HALF_PRECISION:
        # torch computes the residual and the loss in float32 and rounds once at the end.
        expanded_input, expanded_target = expanded_input.float(), expanded_target.float()
    if weight is None and kernels.result_type(expanded_input, expanded_target) == input.dtype:
        return residual(huber_rule(delta), expanded_input, expanded_target, reduction)
    loss = residual(huber_rule(delta), expanded_input, expanded_target).to(input.dtype)
    if weight is None:
        return apply_reduction(loss, reduction)
    weighted = loss * weight
    check_reduction(reduction, "huber_loss")
    return apply_reduction(weighted, reduction)


@autocast.in_float32
def poisson_nll_loss(
    input: Tensor,
    target: Tensor,
    log_input: bool = True,
    full: bool = False,
    size_average: bool | None = None,
    eps: float = 1e-8,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    r"""Log-verosimilitud negativa de Poisson: para objetivos que son conteos.

    La predicción es la tasa :math:`\lambda_n` (o su logaritmo, con ``log_input=True``)
    de una Poisson que genera el conteo :math:`y_n`. Sin reducir, quitando el término
    :math:`\log y_n!` que no depende de la predicción:

    .. math::

        l_n = \begin{cases}
            e^{x_n} - y_n\,x_n & \text{log\_input} \\
            x_n - y_n \log(x_n + \varepsilon) & \text{en otro caso}
        \end{cases},
        \qquad
        \frac{\partial l_n}{\partial x_n} = \begin{cases}
            e^{x_n} - y_n \\ 1 - \dfrac{y_n}{x_n + \varepsilon}
        \end{cases}

    Con ``full=True`` se suma la aproximación de Stirling de :math:`\log y_n!`,
    :math:`y_n \log y_n - y_n + \tfrac12 \log(2\pi y_n)`, solo donde :math:`y_n > 1`
    (donde :math:`y_n \le 1` se suma 0, como torch). ``'mean'`` y ``'sum'`` promedian o
    suman los :math:`l_n`. La constante que la minimiza es la media de los conteos.

    Argumentos:
        input: la tasa predicha, o su logaritmo si ``log_input=True``.
        target: los conteos observados :math:`y_n \ge 0`; se difunden con ``input``.
        log_input: ``input`` es :math:`\log \lambda`. Por defecto: ``True``.
        full: añadir el término de Stirling. Por defecto: ``False``.
        eps: evita :math:`\log 0` cuando ``log_input=False``. Por defecto: ``1e-08``.

    Forma:
        - ``input``: :math:`(*)`; ``target``: la misma forma.
        - Salida: escalar, o la forma de la entrada con ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import poisson_nll_loss
        >>> poisson_nll_loss(torch.tensor([0.0, 1.0]), torch.tensor([1.0, 2.0]), reduction="none")
        tensor([1.0000, 0.7183])
    """
    require_tensor(input, "poisson_nll_loss")
    require_tensor(target, "poisson_nll_loss", "target")
    eps = require_number(eps, "poisson_nll_loss", "eps")
    require_bool(log_input, "poisson_nll_loss", "log_input")
    require_bool(full, "poisson_nll_loss", "full")  # gaussian_nll_loss's is a Python `if`
    # torch checks this reduction by hand: no 'elementwise_mean'.
    reduction = checked_reduction(size_average, reduce, reduction, "poisson_nll_loss", alias=False)
    check_broadcast("poisson_nll_loss", input=input.shape, target=target.shape)
    # The products are formed before the terms they are subtracted from, as torch does:
    # that fixes the order in which autograd adds the gradients of ``target``, so
    # float16 rounds the same.
    if log_input:
        cross = target * input
        loss = torch.exp(input) - cross
    else:
        cross = target * torch.log(input + eps)
        loss = input - cross
    if full:
        half_log = 0.5 * torch.log(2 * math.pi * target)
        stirling = target * torch.log(target) - target + half_log
        loss = loss + stirling.masked_fill(target <= 1, 0)
    return apply_reduction(loss, reduction)


def _gaussian_var(input: Tensor, var: Tensor | float) -> Tensor:
    """Valida ``var`` y la prepara para difundirse con ``input``, con las reglas de torch."""
    if isinstance(var, float):
        if var < 0:
            raise ValueError(
                f"gaussian_nll_loss: la varianza `var` no puede ser negativa; es {var}."
            )
        return var * torch.ones_like(input)
    if not isinstance(var, Tensor):
        raise TypeError(
            f"gaussian_nll_loss: el argumento `var` debe ser un tensor o un float; "
            f"se recibió {type(var).__name__}."
        )
    if bool(torch.any(var < 0)):
        raise ValueError("gaussian_nll_loss: la varianza `var` no puede tener entradas negativas.")
    if var.shape == input.shape:
        return var
    if input.shape[:-1] == var.shape:  # one variance per row: homoscedastic in the last dim
        return var.unsqueeze(-1)
    mismatched = [v for i, v in zip(input.shape, var.shape, strict=False) if i != v]
    if input.ndim == var.ndim and sum(mismatched) == 1:  # a single size-1 dimension
        return var
    raise ValueError(
        f"gaussian_nll_loss: la forma de `var` {tuple(var.shape)} no es válida para `input` "
        f"{tuple(input.shape)}: se esperaba la misma forma, la forma sin la última dimensión, "
        f"o la misma con una sola dimensión de tamaño 1."
    )


def gaussian_nll_loss(
    input: Tensor,
    target: Tensor,
    var: Tensor | float,
    full: bool = False,
    eps: float = 1e-6,
    reduction: str = "mean",
) -> Tensor:
    r"""Log-verosimilitud negativa gaussiana, con una varianza que también se predice.

    El objetivo :math:`y_n` se modela como :math:`\mathcal{N}(x_n, \sigma^2_n)`. Sin
    reducir:

    .. math::

        l_n = \frac12\left(\log \max(\sigma^2_n, \varepsilon)
            + \frac{(x_n - y_n)^2}{\max(\sigma^2_n, \varepsilon)}\right)
            \;\Big[+ \tfrac12 \log 2\pi \text{ si full}\Big],
        \qquad
        \frac{\partial l_n}{\partial x_n} = \frac{x_n - y_n}{\max(\sigma^2_n, \varepsilon)}

    y ``'mean'`` o ``'sum'`` promedian o suman los :math:`l_n`. Un punto con varianza
    grande pesa :math:`1/\sigma^2_n` en el gradiente: la red aprende a descontar los datos
    ruidosos, a cambio de pagar :math:`\tfrac12\log\sigma^2_n`. El recorte a
    :math:`\varepsilon` no corta el gradiente respecto a ``var`` (se hace sin autograd,
    como en torch).

    ``var`` puede tener la forma de ``input`` (heterocedástica), la de ``input`` sin la
    última dimensión, o la misma con una sola dimensión de tamaño 1 (homocedástica en
    esa dimensión); o ser un ``float``. Otra forma, o una entrada negativa, lanzan
    ``ValueError``, como en torch.

    Argumentos:
        input: la media predicha :math:`x`.
        target: el objetivo :math:`y`; se difunde con ``input``.
        var: la varianza :math:`\sigma^2 \ge 0` (tensor o ``float``).
        full: añadir la constante :math:`\tfrac12 \log 2\pi`. Por defecto: ``False``.
        eps: cota inferior de la varianza, por estabilidad. Por defecto: ``1e-06``.

    Forma:
        - ``input``: :math:`(N, *)` o :math:`(*)`; ``target``: la misma forma.
        - ``var``: la de ``input``, o con una dimensión menos o de tamaño 1.
        - Salida: escalar, o la forma de la entrada con ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import gaussian_nll_loss
        >>> x, y = torch.tensor([0.0, 0.0]), torch.tensor([1.0, 1.0])
        >>> gaussian_nll_loss(x, y, torch.tensor([1.0, 4.0]), reduction="none")
        tensor([0.5000, 0.8181])
    """
    # torch asks `input` for its size (AttributeError) and subtracts `target`, which may
    # then be a number too (anything else is a TypeError).
    require_tensor(input, "gaussian_nll_loss", "input", AttributeError)
    if not isinstance(target, Tensor):
        if not isinstance(target, numbers.Real):
            raise TypeError(
                "gaussian_nll_loss: el argumento `target` debe ser un tensor o un número; "
                f"se recibió {type(target).__name__}."
            )
        target = input.new_tensor(target)
    eps = require_number(eps, "gaussian_nll_loss", "eps")
    var = _gaussian_var(input, var)
    check_reduction(reduction, "gaussian_nll_loss")
    check_broadcast("gaussian_nll_loss", input=input.shape, target=target.shape, var=var.shape)
    # The clamp happens outside autograd: the gradient with respect to ``var`` goes
    # straight through it, as in torch.
    var = var.clone()
    with torch.no_grad():
        var.clamp_(min=eps)
    loss = 0.5 * (torch.log(var) + (input - target) ** 2 / var)
    if full:
        loss = loss + 0.5 * math.log(2 * math.pi)
    return apply_reduction(loss, reduction)


_KL_MEAN_WARNING = (
    "kl_div: reduction='mean' divide la suma entre el número total de elementos "
    "(lote × soporte); la divergencia KL por muestra es reduction='batchmean', que divide "
    "solo entre el tamaño del lote. torch anuncia que 'mean' pasará a comportarse como "
    "'batchmean'."
)


@autocast.in_float32
def kl_div(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    log_target: bool = False,
) -> Tensor:
    r"""Divergencia de Kullback-Leibler del objetivo a la predicción (en log-probabilidades).

    ``input`` son **log-probabilidades** :math:`x = \log q` (la salida de un
    ``log_softmax``) y ``target`` son probabilidades :math:`p` (o :math:`\log p` con
    ``log_target=True``). Sin reducir, elemento a elemento:

    .. math::

        l_n = p_n\,(\log p_n - x_n), \qquad
        \frac{\partial l_n}{\partial x_n} = -p_n,

    con :math:`0 \log 0 = 0`. Un término suelto puede ser negativo; la suma sobre una
    distribución completa es :math:`D_{\mathrm{KL}} \ge 0`, y es 0 solo si :math:`p = q`.
    Reducciones: ``'sum'`` suma todo; ``'batchmean'`` divide la suma entre el tamaño
    del lote (la primera dimensión): es la divergencia media por muestra;
    ``'mean'`` divide entre el número total de elementos y emite un ``UserWarning``,
    como torch.

    Argumentos:
        input: log-probabilidades :math:`\log q`. No se comprueba: pasar probabilidades
            da un número sin sentido.
        target: probabilidades :math:`p` (o log-probabilidades con ``log_target``); se
            difunde con ``input``.
        reduction: ``'none'``, ``'batchmean'``, ``'sum'`` o ``'mean'``. Por defecto: ``'mean'``.
        log_target: ``target`` es :math:`\log p`. Por defecto: ``False``.

    Forma:
        - ``input``: :math:`(*)`; ``target``: la misma forma.
        - Salida: escalar, o la forma de la entrada con ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import kl_div
        >>> p = torch.tensor([[0.5, 0.5]])
        >>> kl_div(torch.tensor([[0.9, 0.1]]).log(), p, reduction="batchmean")
        tensor(0.5108)
    """
    require_tensor(input, "kl_div")
    require_tensor(target, "kl_div", "target")
    require_bool(log_target, "kl_div", "log_target")
    if size_average is not None or reduce is not None:
        computed = legacy_reduction(size_average, reduce, reduction)
    else:
        if reduction == "mean":
            warn_caller(_KL_MEAN_WARNING)
        reduction = mean_alias(reduction)  # after: torch's old name gets only its own warning
        check_reduction(reduction, "kl_div", ("none", "batchmean", "sum", "mean"))
        computed = "sum" if reduction == "batchmean" else reduction
    for tensor, name in ((input, "input"), (target, "target")):
        if tensor.is_complex() or not tensor.is_floating_point():
            raise RuntimeError(
                f"kl_div: el argumento `{name}` debe ser real de coma flotante "
                f"(ni entero ni complejo, como en torch); se recibió dtype {tensor.dtype}."
            )
    check_broadcast("kl_div", input=input.shape, target=target.shape)
    if log_target:
        # The order of the operations fixes the order in which autograd adds the
        # gradients of ``target``: the same as torch, so float16 rounds the same.
        difference = target - input
        loss = torch.exp(target) * difference
    else:
        cross = target * input
        loss = torch.xlogy(target, target) - cross
    reduced = apply_reduction(loss, computed)
    if reduction == "batchmean" and input.dim() != 0:
        reduced = reduced / input.shape[0]
    return reduced


__all__ = [
    "gaussian_nll_loss",
    "huber_loss",
    "kl_div",
    "l1_loss",
    "mse_loss",
    "poisson_nll_loss",
    "smooth_l1_loss",
]
