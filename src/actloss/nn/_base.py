"""El módulo que envuelve una función, escrito una vez a partir de la firma de la función.

Casi todos los módulos de activaciones y pérdidas de :mod:`torch.nn` son la misma pieza:
guardan los argumentos del constructor y su ``forward`` llama a su función con ellos.
:class:`FunctionModule` es esa pieza; cada módulo solo dice qué función aplica (véase el
ejemplo al final). La firma de la función da todo lo demás, con las convenciones de torch:

- Las entradas de ``forward`` son los primeros parámetros de la función sin valor por
  defecto que admiten un tensor (``input``; ``input`` y ``target``; ``log_probs``...).
- El constructor recibe los demás, con sus nombres y valores por defecto y en su orden:
  el de :mod:`torch.nn`, que sigue al de su función (las pruebas lo comparan con torch).
  Los recibe por posición o por nombre, o solo por nombre con ``keyword_only``, como el
  módulo de torch y sea cual sea la clase en la función (``gelu`` recibe
  ``approximate`` solo por nombre; ``GELU``, también por posición). Quedan fuera
  ``training``, que el módulo toma de ``self.training`` (RReLU); ``dtype``, que ningún
  módulo de torch recibe (softmax y sus parientes); los privados como ``_stacklevel``, y
  los que la clase nombra en ``omit`` porque el módulo de torch no los tiene. Mal
  llamado (un argumento que no existe, de más, repetido o que falta), lanza
  ``TypeError``, como torch, con un mensaje en español que nombra la clase y el argumento.
- ``size_average`` y ``reduce``, obsoletos, se traducen a ``reduction`` con
  :func:`~actloss._validation.legacy_reduction` y no se guardan; los argumentos que
  admiten un tensor (``weight``, ``pos_weight``) se registran como búferes.
- Donde torch se aparta de la firma de su función, la clase lo declara: ``defaults``
  (``margin=0.0`` en el módulo y ``0`` en la función), ``input_names`` (``forward`` de
  PoissonNLLLoss recibe ``log_input``, no ``input``) y ``constants``.
- ``__constants__`` es el de torch: los argumentos guardados que no son búferes, salvo
  donde la clase da su propia lista en ``constants`` (vacía: sin ``__constants__``).
- ``extra_repr`` es el de torch: vacío en las pérdidas (las funciones con ``reduction``);
  ``nombre=valor`` en las activaciones, con las cadenas entre comillas e
  ``inplace=True`` al final solo cuando lo es. Las excepciones de torch se declaran con
  ``repr_style``.
- El docstring de la clase: el resumen de la función, qué guarda el módulo y cómo llama
  a la función y sus argumentos con su valor por defecto. El docstring propio de la
  clase, si lo tiene, se añade tras ese párrafo, con sus ``Ejemplos:``. No se genera un
  ejemplo: su resultado saldría del mismo código que prueba; las pruebas comparan cada
  módulo con el de torch (``tests/test_modules_mirror.py``).

Lo que una clase necesita además (comprobar sus argumentos como torch, o completar uno)
va en :meth:`FunctionModule._setup`. Los módulos con estado o lógica propios (PReLU con
su parámetro, Hardtanh con sus nombres obsoletos, AdaptiveLogSoftmaxWithLoss...) se
escriben a mano, con :func:`checked_arguments` sobre su constructor para que, mal
llamados, fallen con el mismo mensaje.

Ejemplos:
    >>> import torch
    >>> from actloss import functional as F
    >>> class ELU(FunctionModule, function=F.elu):
    ...     pass
    >>> ELU(alpha=0.5)
    ELU(alpha=0.5)
    >>> x = torch.tensor([-100.0, 2.0])
    >>> torch.equal(ELU(alpha=0.5)(x), F.elu(x, alpha=0.5))
    True
"""

from __future__ import annotations

import functools
import inspect
import linecache
import re
import textwrap
import types
import typing
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, ClassVar, Literal

from torch import Tensor, nn

from actloss._validation import legacy_reduction
from actloss.functional._protocol import named_like

#: Cómo muestra torch los argumentos en ``extra_repr``: ``"nombres"`` (``alpha=1.0``),
#: ``"valor"`` (solo el valor: Hardshrink, Softshrink) o ``"nada"`` (las pérdidas,
#: Hardsigmoid, Hardswish).
ReprStyle = Literal["nombres", "valor", "nada"]

LEGACY = ("size_average", "reduce")

# Function arguments a torch module does not take: ``training`` is the module's mode
# (``self.training``), and ``dtype`` is the dtype of the call, which a module takes from its
# input (Softmax, Softmin and LogSoftmax have none).
NOT_STORED = ("training", "dtype")

# ``_stacklevel`` tells softmax and its kin which frame their warning points at, counted
# as torch counts it: torch.nn.Softmax passes 5 and its warning points at
# Module._wrapped_call_impl. Here forward has one frame more (the body it calls, written
# by ``_named_forward``), hence 6 for the same frame.
MODULE_STACKLEVEL = 6


def admits_tensor(annotation: Any) -> bool:
    """``annotation`` es ``Tensor`` o una unión que lo incluye (``Tensor | None``...)."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return any(admits_tensor(member) for member in typing.get_args(annotation))
    return annotation is Tensor


class FunctionModule(nn.Module):
    """Un módulo que guarda los argumentos de su función y la llama en ``forward``.

    Cada subclase da su función al declararse, con argumentos de clase:

    Argumentos:
        function: la función que aplica el módulo.
        omit: parámetros de la función que el módulo de torch no tiene; la función los
            recibe con su valor por defecto.
        keyword_only: el constructor los recibe solo por nombre; si no, por posición o por
            nombre, los reciba como los reciba la función.
        defaults: los valores por defecto del constructor de torch que no son los de la
            función (``MarginRankingLoss(margin=0.0)`` ante ``margin_ranking_loss(margin=0)``).
        input_names: los nombres de las entradas de ``forward``, si no son los de la
            función.
        constants: el ``__constants__`` de torch, si no son los argumentos guardados que no
            son búferes.
        repr_style: cómo los muestra ``extra_repr``; por defecto, ``"nada"`` en las
            pérdidas y ``"nombres"`` en las demás.

    Una subclase sin ``function`` (un alias como ``NLLLoss2d``) hereda todo de su base.
    """

    function: ClassVar[Callable[..., Tensor]]
    #: Los nombres de las entradas de ``forward``.
    inputs: ClassVar[tuple[str, ...]]
    #: Los argumentos que guarda el módulo y pasa a la función, en el orden de la firma.
    stored: ClassVar[tuple[str, ...]]
    _buffers_stored: ClassVar[frozenset[str]]
    _defaults: ClassVar[Mapping[str, Any]]
    _fixed: ClassVar[Mapping[str, Any]]
    _passes_training: ClassVar[bool]
    _repr_style: ClassVar[ReprStyle]
    __constants__: ClassVar[list[str]]

    def __init_subclass__(
        cls,
        function: Callable[..., Tensor] | None = None,
        *,
        omit: tuple[str, ...] = (),
        keyword_only: bool = False,
        defaults: Mapping[str, Any] | None = None,
        input_names: tuple[str, ...] | None = None,
        constants: tuple[str, ...] | None = None,
        repr_style: ReprStyle | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init_subclass__(**kwargs)
        if function is None:
            return
        parameters = list(inspect.signature(function, eval_str=True).parameters.values())
        count = 0
        while count < len(parameters) and _is_input(parameters[count]):
            count += 1
        inputs, rest = parameters[:count], parameters[count:]
        defaults = dict(defaults or {})
        unknown = (set(omit) | set(defaults)) - {p.name for p in rest}
        if unknown:
            raise TypeError(
                f"{cls.__name__}: `omit` o `defaults` nombran parámetros que no existen: {unknown}"
            )
        if input_names is not None:
            if len(input_names) != len(inputs):
                raise TypeError(
                    f"{cls.__name__}: `input_names` debe nombrar {len(inputs)} entradas."
                )
            inputs = [p.replace(name=name) for p, name in zip(inputs, input_names, strict=True)]
        arguments = [
            p.replace(
                kind=inspect.Parameter.KEYWORD_ONLY
                if keyword_only
                else inspect.Parameter.POSITIONAL_OR_KEYWORD,
                default=defaults.get(p.name, p.default),
            )
            for p in rest
            if p.name not in (*omit, *NOT_STORED) and not p.name.startswith("_")
        ]
        names = [p.name for p in arguments]
        skipped = {p.name for p in rest} - set(names)
        if any(name in names for name in LEGACY) and not {*LEGACY, "reduction"} <= set(names):
            raise TypeError(f"{cls.__name__}: `size_average` y `reduce` van con `reduction`")

        cls.function = staticmethod(function)
        cls.inputs = tuple(p.name for p in inputs)
        cls.stored = tuple(name for name in names if name not in LEGACY)
        cls._buffers_stored = frozenset(p.name for p in arguments if admits_tensor(p.annotation))
        cls._defaults = {p.name: p.default for p in arguments}
        cls._fixed = {"_stacklevel": MODULE_STACKLEVEL} if "_stacklevel" in skipped else {}
        cls._passes_training = "training" in skipped
        cls._repr_style = repr_style or ("nada" if "reduction" in names else "nombres")
        if constants is None:
            constants = tuple(n for n in cls.stored if n not in cls._buffers_stored)
        if constants:
            cls.__constants__ = list(constants)

        methods: dict[str, Callable[..., Any]] = {"forward": _forward(cls, inputs)}
        methods["__init__"] = _constructor(cls, arguments)
        for name, method in methods.items():
            method.__qualname__ = f"{cls.__qualname__}.{name}"
            method.__module__ = cls.__module__
            setattr(cls, name, method)
        cls.__doc__ = _docstring(cls, function, arguments)

    def _store(self, arguments: dict[str, Any]) -> None:
        """Guarda los argumentos ya enlazados del constructor, como los guarda torch."""
        nn.Module.__init__(self)
        if "size_average" in arguments:
            size_average, reduce = arguments.pop("size_average"), arguments.pop("reduce")
            arguments["reduction"] = legacy_reduction(size_average, reduce, arguments["reduction"])
        for name, value in arguments.items():
            if name in self._buffers_stored:
                self.register_buffer(name, value)
            else:
                setattr(self, name, value)
        self._setup()

    def _setup(self) -> None:
        """Lo que la clase hace con sus argumentos ya guardados: comprobarlos, como torch, o
        completar alguno. Por defecto, nada."""

    def _call_arguments(self) -> dict[str, Any]:
        """Los argumentos con nombre con que ``forward`` llama a la función."""
        arguments = {name: getattr(self, name) for name in self.stored}
        if self._passes_training:
            arguments["training"] = self.training
        return {**arguments, **self._fixed}

    def extra_repr(self) -> str:
        return rendered(self._repr_style, {name: getattr(self, name) for name in self.stored})

    def __setstate__(self, state: dict[str, Any]) -> None:
        # A module pickled before one of its arguments existed loads with its default, as
        # torch does with the ``dim`` of Softmax.
        super().__setstate__(state)  # type: ignore[no-untyped-call]
        for name in self.stored:
            if not hasattr(self, name) and name not in self._buffers_stored:
                setattr(self, name, self._defaults[name])


def _is_input(parameter: inspect.Parameter) -> bool:
    return parameter.default is inspect.Parameter.empty and admits_tensor(parameter.annotation)


def _constructor(
    cls: type[FunctionModule], arguments: list[inspect.Parameter]
) -> Callable[..., None]:
    self_parameter = inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)
    signature = inspect.Signature([self_parameter, *arguments], return_annotation=None)

    # ``self`` only by position: ``MSELoss(self=1)`` is an unknown argument, not Python's
    # "multiple values for argument 'self'".
    def __init__(self: FunctionModule, /, *args: Any, **kwargs: Any) -> None:
        bound = _bind(signature, self, args, kwargs)
        bound.apply_defaults()
        self._store({name: bound.arguments[name] for name in cls._defaults})

    # Without arguments, torch's constructor is nn.Module's: its signature is shown.
    shown = signature if arguments else inspect.signature(nn.Module.__init__)
    __init__.__signature__ = shown  # type: ignore[attr-defined]
    return __init__


def _bind(
    signature: inspect.Signature, module: nn.Module, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> inspect.BoundArguments:
    """``signature.bind``, con el ``TypeError`` en español de :func:`_binding_error`."""
    try:
        return signature.bind(module, *args, **kwargs)
    except TypeError:
        arguments = list(signature.parameters.values())[1:]
        message = _binding_error(type(module).__name__, arguments, args, kwargs)
        raise TypeError(message) from None


def checked_arguments(init: Callable[..., None]) -> Callable[..., None]:
    """Un constructor escrito a mano que, mal llamado, lanza el mismo ``TypeError`` en
    español que los que escribe :class:`FunctionModule` (y no el de Python, en inglés)."""
    signature = inspect.signature(init)

    @functools.wraps(init)
    def __init__(self: nn.Module, /, *args: Any, **kwargs: Any) -> None:
        _bind(signature, self, args, kwargs)
        init(self, *args, **kwargs)

    return __init__


def _binding_error(
    owner: str, arguments: list[inspect.Parameter], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> str:
    """Por qué el constructor de ``owner`` no admite ``args`` y ``kwargs``, en español y con
    el argumento que falla, en el orden en que lo comprueba Python."""
    names = [p.name for p in arguments]
    positional = [p.name for p in arguments if p.kind is not inspect.Parameter.KEYWORD_ONLY]
    received = f"se recibi{'ó' if len(args) == 1 else 'eron'} {len(args)} por posición"
    if not arguments:
        return f"{owner}: no recibe argumentos; " + (
            f"se recibió `{next(iter(kwargs))}`." if kwargs else f"{received}."
        )
    if len(args) > len(positional):
        if not positional:
            return f"{owner}: {_enumeration(names, '`')} se pasan solo por nombre; {received}."
        return (
            f"{owner}: se esperaba{'n' if len(positional) > 1 else ''} como mucho "
            f"{len(positional)} argumento{'s' if len(positional) > 1 else ''} por posición "
            f"({_enumeration(positional, '`')}); {received}."
        )
    for name in kwargs:
        if name in positional[: len(args)]:
            return (
                f"{owner}: el argumento `{name}` se recibió dos veces, por posición y por nombre."
            )
        if name not in names:
            expected = ("uno de " if len(names) > 1 else "") + _enumeration(names, "`")
            return f"{owner}: no existe el argumento `{name}`; se esperaba {expected}."
    given = {*positional[: len(args)], *kwargs}
    missing = [
        p.name for p in arguments if p.default is inspect.Parameter.empty and p.name not in given
    ]
    return f"{owner}: falta el argumento obligatorio `{missing[0]}`; se esperaba su valor."


def _forward(cls: type[FunctionModule], inputs: list[inspect.Parameter]) -> Callable[..., Tensor]:
    names = tuple(p.name for p in inputs)
    self_parameter = inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)
    as_arguments = [p.replace(kind=inspect.Parameter.POSITIONAL_OR_KEYWORD) for p in inputs]

    def forward(self: FunctionModule, *args: Any, **kwargs: Any) -> Tensor:
        if len(args) + len(kwargs) != len(names) or not set(kwargs) <= set(names[len(args) :]):
            expected = ", ".join(f"`{name}`" for name in names)
            raise TypeError(
                f"{type(self).__name__}.forward: se esperaba {expected}; se recibieron "
                f"{len(args)} argumentos por posición y {sorted(kwargs)} por nombre."
            )
        # By position: the function may name an input otherwise (PoissonNLLLoss's log_input).
        given = (*args, *(kwargs[name] for name in names[len(args) :]))
        return call(self, *given)

    call = _named_forward(names)
    forward.__wrapped__ = call  # type: ignore[attr-defined]
    # One code object per class, as for the public functions: every class would
    # otherwise share this one, and torch.compile's 8 recompilations of it.
    named_like(forward, "forward", f"{cls.__qualname__}.forward")
    forward.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [self_parameter, *as_arguments], return_annotation=Tensor
    )
    forward.__doc__ = f"Llama a ``{cls.function.__name__}`` con los argumentos guardados."
    return forward


def _named_forward(names: tuple[str, ...]) -> Callable[..., Tensor]:
    """El cuerpo de ``forward``, con una entrada por parámetro, con su nombre.

    ``forward`` recibe ``*args`` y ``**kwargs`` para rechazar en español una llamada con
    otras entradas, y luego llama a este. ``torch.fx.symbolic_trace`` lee en el código
    de la función envuelta (``__wrapped__``) qué entradas crear: con ``*args`` crearía
    una sola. Se escribe con ``exec``, como ``dataclasses`` escribe ``__init__``, porque
    solo así los parámetros tienen los nombres de torch.
    """
    inputs = ", ".join(names)  # parameter names of actloss's own functions
    body = f"return self.function({inputs}, **self._call_arguments())"
    source = f"def forward(self, {inputs}):\n    {body}\n"
    # A name inside this package, so that warnings skip the frame as actloss's own; in
    # linecache, so that tracebacks and inspect show the code.
    filename = str(Path(__file__).with_name(f"<forward({inputs})>"))
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    namespace: dict[str, Any] = {"__name__": __name__}
    exec(compile(source, filename, "exec"), namespace)
    return namespace["forward"]  # type: ignore[no-any-return]


def _shown(value: Any) -> str:
    return repr(value) if isinstance(value, str) else str(value)


def rendered(style: ReprStyle, values: Mapping[str, Any]) -> str:
    """El ``extra_repr`` de torch para los argumentos ``values``."""
    if style == "nada":
        return ""
    if style == "valor":
        return ", ".join(str(value) for value in values.values())
    parts = [f"{name}={_shown(value)}" for name, value in values.items() if name != "inplace"]
    if values.get("inplace"):
        parts.append("inplace=True")
    return ", ".join(parts)


def _public(module: str) -> str:
    """El paquete público de un módulo privado: ``actloss.functional._smooth`` da
    ``actloss.functional``."""
    parts = module.split(".")
    while parts[-1].startswith("_"):
        parts.pop()
    return ".".join(parts)


def _enumeration(names: tuple[str, ...] | list[str], quote: str = "``") -> str:
    """``a``, ``b`` y ``c`` (``e`` ante un nombre que empieza por «i»)."""
    quoted = [f"{quote}{name}{quote}" for name in names]
    if len(quoted) < 2:
        return "".join(quoted)
    conjunction = "e" if names[-1].startswith("i") else "y"
    return f"{', '.join(quoted[:-1])} {conjunction} {quoted[-1]}"


def _docstring(
    cls: type[FunctionModule], function: Callable[..., Tensor], arguments: list[inspect.Parameter]
) -> str:
    package = _public(function.__module__)
    name = function.__name__
    summary = (inspect.getdoc(function) or "").split("\n\n", 1)[0]
    # A reference relative to the function's package must name it from the module's page.
    summary = re.sub(r":(func|class):`(~?)(\w+)`", rf":\1:`\2{package}.\3`", summary)
    call = ", ".join(
        [*cls.inputs, *(f"{n}=self.{n}" for n in cls.stored)]
        + (["training=self.training"] if cls._passes_training else [])
        + [f"{n}={v!r}" for n, v in cls._fixed.items()]
    )
    keeps = f"guarda {_enumeration(cls.stored)}, y " if cls.stored else ""
    paragraph = (
        f"Es :func:`{package}.{name}` como módulo: {keeps}``forward({', '.join(cls.inputs)})`` "
        f"devuelve ``{name}({call})``. La fórmula, los argumentos y las formas son los de la "
        "función."
    )
    own, _, own_examples = inspect.cleandoc(cls.__dict__.get("__doc__") or "").partition(
        "Ejemplos:"
    )
    parts = [summary, _wrapped(paragraph), own.strip()]
    if arguments:
        parts.append("\n".join(["Argumentos:", *(_argument(cls, p) for p in arguments)]))
    if own_examples:
        parts.append(f"Ejemplos:{own_examples}")
    return "\n\n".join(part for part in parts if part)


def _wrapped(text: str, indent: str = "") -> str:
    """``text`` en líneas de 88 caracteres como mucho, sin partir palabras."""
    return textwrap.fill(
        text,
        width=88,
        initial_indent=indent,
        subsequent_indent=indent + "    " if indent else "",
        break_long_words=False,
        break_on_hyphens=False,
    )


def _argument(cls: type[FunctionModule], parameter: inspect.Parameter) -> str:
    name = parameter.name
    if name in LEGACY:
        other = LEGACY[1 - LEGACY.index(name)]
        text = (
            f"obsoleto: con ``{other}``, se traduce a ``reduction`` (con un aviso), como en "
            "torch, y no se guarda."
        )
    elif name in cls._buffers_stored:
        text = f"se guarda como búfer ``self.{name}``, como en torch."
    else:
        text = f"se guarda en ``self.{name}``."
    if parameter.default is inspect.Parameter.empty:
        text += " Obligatorio."
    else:
        text += f" Por defecto: ``{parameter.default!r}``."
    return _wrapped(f"{name}: {text}", indent="    ")


__all__ = ["FunctionModule", "checked_arguments", "rendered"]
