"""Lo que el docstring de cada función de :mod:`actloss.functional` diría con las mismas palabras.

Cada función documenta lo suyo: qué calcula, su fórmula y su derivada, sus casos
límite, sus argumentos propios, la forma de su salida y sus ejemplos. Lo que sería la
misma frase en muchas se escribe aquí una vez, y :func:`complete` lo añade a su
docstring al cargar :mod:`actloss.functional` (la página de la API y ``help()`` lo
muestran igual):

- el párrafo que da su definición, ``actloss.reference.<nombre>``, que sale del nombre;
- la descripción de los argumentos que torch usa igual en muchas funciones
  (:data:`COMMON`: ``inplace``, ``size_average``, ``reduce``, ``reduction``...), con su
  valor por defecto tomado de la firma, si el docstring no da una propia;
- la sección «Forma» de una función que no la escribe, porque su salida tiene la forma
  de su entrada (:data:`SAME_SHAPE`).

Las variantes en el sitio (``relu_``...), de una línea, no se tocan.

Ejemplos:
    >>> from actloss import functional
    >>> print(functional.relu.__doc__.split("Argumentos:")[1].split("Ejemplos:")[0])
    <BLANKLINE>
        input: tensor de cualquier forma; también acepta enteros, como torch.
        inplace: si es ``True``, escribe el resultado en ``input``. Por defecto: ``False``.
    <BLANKLINE>
    Forma:
        La salida tiene la forma de la entrada.
    <BLANKLINE>
    <BLANKLINE>
"""

from __future__ import annotations

import inspect
import re
import textwrap
from collections.abc import Callable, Iterable
from typing import Any

DEFINITION = (
    "La definición es :func:`!actloss.reference.{name}`, la fórmula de libro; las pruebas "
    "comparan con ella esta implementación rápida."
)

#: Los argumentos que significan lo mismo en cada función que los tiene.
COMMON = {
    "inplace": "si es ``True``, escribe el resultado en ``input``.",
    "size_average": "obsoleto; use ``reduction``.",
    "reduce": "obsoleto; use ``reduction``.",
    "reduction": "``'none'``, ``'mean'`` o ``'sum'``.",
    "_stacklevel": "nivel de la pila al que apunta el aviso de ``dim``.",
    "dtype": "si se da, la entrada se convierte a ese dtype antes de operar.",
}

#: La forma de la salida de una función cuyo docstring no tiene sección «Forma».
SAME_SHAPE = "La salida tiene la forma de la entrada."

_SECTION = re.compile(r"^(Argumentos|Forma|Ejemplos):$", re.MULTILINE)
_ENTRY = re.compile(r"^(?=    \w+: )", re.MULTILINE)  # where each argument's entry starts
_INDENT = "    "


def _sections(doc: str) -> tuple[str, dict[str, str]]:
    """La descripción (lo que precede a la primera sección) y el cuerpo de cada sección."""
    parts = _SECTION.split(doc)
    description, found = parts[0].strip(), {}
    for title, body in zip(parts[1::2], parts[2::2], strict=True):
        found[title] = body.strip("\n").rstrip()
    return description, found


def _default(parameter: inspect.Parameter) -> str:
    if parameter.default is inspect.Parameter.empty:
        return ""
    return f" Por defecto: ``{parameter.default!r}``."


def _arguments(function: Callable[..., Any], written: str) -> str:
    """La sección «Argumentos»: las entradas de ``written`` y, para los argumentos comunes
    que no describe, la de :data:`COMMON`, en el orden de la firma."""
    blocks = [block.rstrip() for block in _ENTRY.split(written) if block.strip()]
    entries = {block.split(":", 1)[0].strip(): block for block in blocks}
    lines = []
    for name, parameter in inspect.signature(function).parameters.items():
        if name in entries:
            lines.append(entries.pop(name))
        elif name in COMMON:
            entry = f"{name}: {COMMON[name]}{_default(parameter)}"
            lines.append(
                textwrap.fill(entry, 88, initial_indent=_INDENT, subsequent_indent=_INDENT * 2)
            )
    if entries:
        raise TypeError(
            f"{function.__name__}: el docstring describe {sorted(entries)}, que no están en "
            "la firma."
        )
    return "\n".join(lines)


def completed(function: Callable[..., Any]) -> str:
    """El docstring de ``function`` con las partes comunes añadidas (véase el módulo)."""
    description, sections = _sections(inspect.cleandoc(function.__doc__ or ""))
    definition = textwrap.fill(DEFINITION.format(name=function.__name__), width=88)
    return "\n\n".join(
        [
            description,
            definition,
            "Argumentos:\n" + _arguments(function, sections.get("Argumentos", "")),
            "Forma:\n" + sections.get("Forma", _INDENT + SAME_SHAPE),
            "Ejemplos:\n" + sections["Ejemplos"],
        ]
    )


def complete(functions: Iterable[Callable[..., Any]]) -> None:
    """Completa el docstring de cada función de ``functions`` que tiene ejemplos (una vez)."""
    done = DEFINITION.partition("{name}")[0]
    for function in functions:
        doc = function.__doc__ or ""
        if "Ejemplos:" in doc and done not in doc:
            function.__doc__ = completed(function)
