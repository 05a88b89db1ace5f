"""Módulos de las pérdidas de clasificación: cada uno es su función de
:mod:`actloss.functional` hecha módulo (:class:`~actloss.nn._base.FunctionModule`), donde
están la fórmula, los argumentos y las formas.

Se escriben a mano las capas con parámetros propios: :class:`LinearCrossEntropyLoss` (una
capa lineal) y :class:`AdaptiveLogSoftmaxWithLoss` (una cabeza y un grupo por cada corte,
que calcula log-probabilidades y la pérdida). :class:`NLLLoss2d` es un alias obsoleto que
solo añade su aviso.
"""

from __future__ import annotations

import inspect
import warnings
from collections import namedtuple
from collections.abc import Sequence
from typing import Any, ClassVar

import torch
from torch import Tensor
from torch.nn import Linear, ModuleList, Sequential

from actloss.functional import _classification as F
from actloss.functional._classification import _log_softmax
from actloss.nn._base import FunctionModule, checked_arguments


class NLLLoss(FunctionModule, function=F.nll_loss):
    pass


class NLLLoss2d(NLLLoss):
    """Alias obsoleto de :class:`NLLLoss` (avisa con ``FutureWarning``, como torch).

    :class:`NLLLoss` ya acepta entradas :math:`(N, C, H, W)`; este nombre se conserva
    solo para que el código antiguo siga funcionando.

    Ejemplos:
        >>> import torch, warnings
        >>> from actloss import nn
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore")
        ...     loss = nn.NLLLoss2d()
        >>> loss(torch.full((1, 2, 1, 1), -0.5), torch.zeros(1, 1, 1, dtype=torch.long))
        tensor(0.5000)
    """

    def __init__(self, /, *args: Any, **kwargs: Any) -> None:
        warnings.warn(
            "`NLLLoss2d` está obsoleta: use `NLLLoss`, que acepta las mismas entradas.",
            FutureWarning,
            stacklevel=2,
        )
        super().__init__(*args, **kwargs)

    __init__.__signature__ = inspect.signature(NLLLoss.__init__)  # type: ignore[attr-defined]


class CrossEntropyLoss(FunctionModule, function=F.cross_entropy):
    pass


class BCELoss(FunctionModule, function=F.binary_cross_entropy):
    pass


class BCEWithLogitsLoss(FunctionModule, function=F.binary_cross_entropy_with_logits, constants=()):
    pass


class LinearCrossEntropyLoss(torch.nn.Module):
    """Capa lineal seguida de entropía cruzada.

    Véase :func:`actloss.functional.linear_cross_entropy`.

    Guarda la capa lineal en ``self.linear`` (un :class:`torch.nn.Linear` con
    :math:`C \\prod d_k` salidas, como torch, de modo que los ``state_dict`` son
    intercambiables) y en ``forward`` le da la forma :math:`(C, d_1, \\dots, d_K, F)`.

    Argumentos:
        in_features: número de rasgos :math:`F` de la entrada.
        num_classes: número de clases :math:`C`.
        out_features: dimensiones :math:`(d_1, \\dots, d_K)` de una pérdida
            K-dimensional. Por defecto: ``()``.
        bias: si la capa lineal tiene sesgo. Por defecto: ``False``.
        device: dispositivo de los parámetros. Por defecto: ``None``.
        dtype: dtype de los parámetros. Por defecto: ``None``.

    ``reduction``, ``weight``, ``ignore_index``, ``label_smoothing`` y ``options`` son los
    de la función.

    Forma:
        - ``input``: :math:`(F)` o :math:`(N, F)`.
        - ``target``: :math:`()` o :math:`(N)` (o :math:`(N, d_1, \\dots, d_K)`).
        - Salida: escalar, o la forma de ``target`` con ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> loss = nn.LinearCrossEntropyLoss(2, 3)
        >>> with torch.no_grad():
        ...     _ = loss.linear.weight.zero_()
        >>> loss(torch.ones(4, 2), torch.tensor([0, 1, 2, 0])).item()
        1.0986...
    """

    __constants__: ClassVar[list[str]] = [
        "num_classes",
        "out_features",
        "reduction",
        "ignore_index",
        "label_smoothing",
    ]

    @checked_arguments
    def __init__(
        self,
        in_features: int,
        num_classes: int,
        *,
        out_features: tuple[int, ...] = (),
        bias: bool = False,
        device: Any = None,
        dtype: Any = None,
        reduction: str = "mean",
        weight: Tensor | None = None,
        ignore_index: int | None = None,
        label_smoothing: float = 0.0,
        options: Any = None,
    ) -> None:
        if weight is not None and tuple(weight.shape) != (num_classes,):
            raise RuntimeError(
                f"LinearCrossEntropyLoss: el argumento `weight` debe tener la forma "
                f"{(num_classes,)}; se recibió {tuple(weight.shape)}."
            )
        if label_smoothing < 0 or label_smoothing > 1.0:
            raise RuntimeError(
                "LinearCrossEntropyLoss: el argumento `label_smoothing` debe estar en "
                f"[0, 1]; se recibió {label_smoothing}."
            )
        super().__init__()
        self.reduction = reduction
        self.register_buffer("weight", weight)
        self.weight: Tensor | None
        self.num_classes = num_classes
        self.out_features = out_features
        self.ignore_index = ignore_index
        self.label_smoothing = label_smoothing
        outputs = num_classes
        for size in out_features:
            outputs *= size
        self.linear = Linear(in_features, outputs, bias=bias, device=device, dtype=dtype)
        self.options = options

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        shape = (self.num_classes, *self.out_features)
        bias = None if self.linear.bias is None else self.linear.bias.reshape(shape)
        return F.linear_cross_entropy(
            input,
            self.linear.weight.reshape((*shape, self.linear.in_features)),
            target,
            linear_bias=bias,
            weight=self.weight,
            reduction=self.reduction,
            ignore_index=self.ignore_index,
            label_smoothing=self.label_smoothing,
            options=self.options,
        )

    def extra_repr(self) -> str:
        return (
            f"in_features={self.linear.in_features}, num_classes={self.num_classes}, "
            f"out_features={self.out_features}, bias={self.linear.bias is not None}, "
            f"reduction={self.reduction}, ignore_index={self.ignore_index}, "
            f"label_smoothing={self.label_smoothing}, options={self.options}"
        )


_ASMoutput = namedtuple("_ASMoutput", ["output", "loss"])


def _affine(layer: Linear, x: Tensor) -> Tensor:
    """:math:`x W^\\top + b` con los parámetros de ``layer``, escrito aquí."""
    out = x @ layer.weight.transpose(0, 1)
    return out if layer.bias is None else out + layer.bias


class AdaptiveLogSoftmaxWithLoss(torch.nn.Module):
    r"""Softmax adaptativa: las clases frecuentes en la cabeza, las raras en grupos baratos.

    Las clases se ordenan por frecuencia y ``cutoffs`` las parte en una lista corta
    :math:`[0, c_1)` y grupos :math:`[c_1, c_2), \dots, [c_k, C)`. La cabeza es una
    capa lineal con una salida por clase de la lista corta y una por grupo; el grupo
    :math:`i` proyecta la entrada a :math:`\lfloor F / \text{div\_value}^i \rfloor`
    rasgos y de ahí a sus clases. La log-probabilidad de una clase :math:`y` del grupo
    :math:`i` es

    .. math::

        \log p(y \mid x) = \log \sigma(h(x))_{\text{grupo } i}
        + \log \sigma(t_i(x))_{y - c_i},

    y la de una clase de la lista corta es :math:`\log \sigma(h(x))_y`. Las
    probabilidades suman 1 sobre las :math:`C` clases, pero cada ejemplo solo evalúa la
    cabeza y el grupo de su clase: ese es el ahorro. La pérdida es la media de
    :math:`-\log p(y_n \mid x_n)`. Su gradiente respecto a los logits de la cabeza es el
    de la entropía cruzada, :math:`\sigma(h(x)) - e_k`, con :math:`k` la clase o el grupo
    de :math:`y` (y el del grupo :math:`i`, :math:`\sigma(t_i(x)) - e_{y - c_i}`).

    ``forward`` devuelve la tupla con nombre ``(output, loss)``: ``output`` son las
    log-probabilidades de la clase objetivo de cada ejemplo y ``loss`` su media negada.
    ``log_prob`` da la distribución completa y ``predict`` la clase más probable.
    Los parámetros se llaman como en torch (``head``, ``tail``), de modo que un
    ``state_dict`` de torch se carga tal cual.

    Argumentos:
        in_features: número de rasgos :math:`F` de la entrada.
        n_classes: número de clases :math:`C`.
        cutoffs: cortes crecientes, únicos, en :math:`[1, C - 1]`.
        div_value: factor que reduce la dimensión de cada grupo. Por defecto: ``4.0``.
        head_bias: si la cabeza tiene sesgo. Por defecto: ``False``.
        device: dispositivo de los parámetros. Por defecto: ``None``.
        dtype: dtype de los parámetros. Por defecto: ``None``.

    Forma:
        - ``input``: :math:`(N, F)` o :math:`(F)`; ``target``: :math:`(N)` o :math:`()`.
        - ``output``: :math:`(N)` o :math:`()`; ``loss``: escalar.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> torch.manual_seed(0)  # doctest: +ELLIPSIS
        <torch._C.Generator object at ...>
        >>> asm = nn.AdaptiveLogSoftmaxWithLoss(8, 10, cutoffs=[4])
        >>> x = torch.randn(3, 8)
        >>> torch.allclose(asm.log_prob(x).exp().sum(1), torch.ones(3))  # 1 salvo redondeo
        True
    """

    @checked_arguments
    def __init__(
        self,
        in_features: int,
        n_classes: int,
        cutoffs: Sequence[int],
        div_value: float = 4.0,
        head_bias: bool = False,
        device: Any = None,
        dtype: Any = None,
    ) -> None:
        super().__init__()
        cutoffs = list(cutoffs)
        if len(cutoffs) == 0:
            raise ValueError(
                "AdaptiveLogSoftmaxWithLoss: el argumento `cutoffs` no puede estar vacío."
            )
        if (
            cutoffs != sorted(cutoffs)
            or min(cutoffs) <= 0
            or max(cutoffs) > n_classes - 1
            or len(set(cutoffs)) != len(cutoffs)
            or any(int(c) != c for c in cutoffs)
        ):
            raise ValueError(
                "AdaptiveLogSoftmaxWithLoss: el argumento `cutoffs` debe ser una sucesión "
                f"creciente de enteros únicos entre 1 y {n_classes - 1}; se recibió {cutoffs}."
            )
        self.in_features = in_features
        self.n_classes = n_classes
        self.cutoffs = [*cutoffs, n_classes]
        self.div_value = div_value
        self.head_bias = head_bias
        self.shortlist_size = self.cutoffs[0]
        self.n_clusters = len(self.cutoffs) - 1
        self.head_size = self.shortlist_size + self.n_clusters
        factory = {"device": device, "dtype": dtype}
        # Created in torch's order, so that the same seed gives the same parameters.
        self.head = Linear(in_features, self.head_size, bias=head_bias, **factory)
        self.tail = ModuleList()
        for i in range(self.n_clusters):
            hidden = int(in_features // (div_value ** (i + 1)))
            size = self.cutoffs[i + 1] - self.cutoffs[i]
            self.tail.append(
                Sequential(
                    Linear(in_features, hidden, bias=False, **factory),
                    Linear(hidden, size, bias=False, **factory),
                )
            )

    def reset_parameters(self) -> None:
        """Vuelve a inicializar los parámetros como en la construcción."""
        self.head.reset_parameters()
        for projection in self.tail:
            for layer in projection.children():
                layer.reset_parameters()  # type: ignore[operator]

    def _cluster_logits(self, i: int, x: Tensor) -> Tensor:
        down, up = self.tail[i].children()
        return _affine(up, _affine(down, x))  # type: ignore[arg-type]

    def forward(self, input_: Tensor, target_: Tensor) -> Any:
        """Log-probabilidad de cada objetivo y la pérdida media: ``(output, loss)``."""
        if target_.dim() == 1:
            if input_.dim() == 0 or input_.size(0) != target_.size(0):
                raise RuntimeError(
                    "AdaptiveLogSoftmaxWithLoss: `input` y `target` deben tener el mismo "
                    "tamaño de lote."
                )
            if input_.dim() != 2:
                raise RuntimeError(
                    "AdaptiveLogSoftmaxWithLoss: con un `target` 1-D, `input` debe ser 2-D; "
                    f"se recibió la forma {tuple(input_.shape)}."
                )
        elif target_.dim() == 0:
            if input_.dim() != 1:
                raise RuntimeError(
                    "AdaptiveLogSoftmaxWithLoss: con un `target` 0-D, `input` debe ser 1-D; "
                    f"se recibió la forma {tuple(input_.shape)}."
                )
        else:
            raise RuntimeError(
                "AdaptiveLogSoftmaxWithLoss: el argumento `target` debe tener 0 o 1 "
                f"dimensiones; tiene {target_.dim()}."
            )
        batched = target_.dim() > 0
        input = input_ if batched else input_.unsqueeze(0)
        target = target_ if batched else target_.unsqueeze(0)
        if bool(((target < 0) | (target >= self.n_classes)).any()):
            raise RuntimeError(
                f"AdaptiveLogSoftmaxWithLoss: los valores de `target` deben estar en "
                f"[0, {self.n_classes - 1}]; se recibió el rango "
                f"[{int(target.min())}, {int(target.max())}]."
            )
        head_logp = _log_softmax(_affine(self.head, input), 1)
        # Which head column each example reads: its class, or its cluster's column.
        column = target.clone()
        output = input.new_zeros(target.shape[0])
        bounds = [0, *self.cutoffs]
        for i in range(1, len(bounds) - 1):
            low, high = bounds[i], bounds[i + 1]
            rows = ((target >= low) & (target < high)).nonzero().squeeze(1)
            if rows.numel() == 0:
                continue
            column = column.index_fill(0, rows, self.shortlist_size + i - 1)
            cluster_logp = _log_softmax(self._cluster_logits(i - 1, input[rows]), 1)
            inside = cluster_logp.gather(1, (target[rows] - low).unsqueeze(1)).squeeze(1)
            output = output.index_copy(0, rows, inside)
        output = output + head_logp.gather(1, column.unsqueeze(1)).squeeze(1)
        loss = (-output).mean()
        return _ASMoutput(output if batched else output.squeeze(0), loss)

    def _full_log_prob(self, input: Tensor, head_logits: Tensor) -> Tensor:
        head_logp = _log_softmax(head_logits, 1)
        parts = [head_logp[:, : self.shortlist_size]]
        for i in range(self.n_clusters):
            cluster_logp = _log_softmax(self._cluster_logits(i, input), 1)
            parts.append(cluster_logp + head_logp[:, self.shortlist_size + i].unsqueeze(1))
        return torch.cat(parts, dim=1)

    def log_prob(self, input: Tensor) -> Tensor:
        """Log-probabilidades de las :math:`C` clases, de forma :math:`(N, C)`.

        Ejemplos:
            >>> import torch
            >>> from actloss import nn
            >>> nn.AdaptiveLogSoftmaxWithLoss(4, 6, [2]).log_prob(torch.ones(1, 4)).shape
            torch.Size([1, 6])
        """
        return self._full_log_prob(input, _affine(self.head, input))

    def predict(self, input: Tensor) -> Tensor:
        """La clase más probable de cada ejemplo, :math:`(N)`.

        Si la mejor columna de la cabeza es una clase de la lista corta, esa es la
        respuesta (su probabilidad supera la de cualquier grupo entero); si no, se
        calcula la distribución completa de ese ejemplo.

        Ejemplos:
            >>> import torch
            >>> from actloss import nn
            >>> asm = nn.AdaptiveLogSoftmaxWithLoss(4, 6, [2])
            >>> x = torch.randn(5, 4)
            >>> bool((asm.predict(x) == asm.log_prob(x).argmax(1)).all())
            True
        """
        head_logits = _affine(self.head, input)
        best = head_logits.argmax(dim=1)
        outside = best >= self.shortlist_size
        if not bool(outside.any()):
            return best
        full = self._full_log_prob(input[outside], head_logits[outside])
        best = best.clone()
        best[outside] = full.argmax(dim=1)
        return best


__all__ = [
    "AdaptiveLogSoftmaxWithLoss",
    "BCELoss",
    "BCEWithLogitsLoss",
    "CrossEntropyLoss",
    "LinearCrossEntropyLoss",
    "NLLLoss",
    "NLLLoss2d",
]
