"""Rehace las salidas ejecutadas cuando cambia la biblioteca ``actloss``.

sphinx-gallery solo vuelve a ejecutar un ejemplo cuando cambia su propio texto, y
myst-nb guarda en caché cada página de notas por su contenido. Un cambio en
``src/actloss`` dejaría entonces figuras y números viejos. Esta extensión guarda una
huella de los fuentes de la biblioteca; si cambia, borra los ``.md5`` de la galería y
la caché de cuadernos, y marca todas las páginas como pendientes de releer.
"""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the tests import this module without Sphinx installed
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

STAMP = ".actloss-stamp"


def package_dir() -> Path:
    """El directorio de ``actloss``, sin importarlo (importarlo cargaría torch)."""
    spec = importlib.util.find_spec("actloss")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("no se encuentra el paquete `actloss`: instálelo antes")
    return Path(next(iter(spec.submodule_search_locations)))


def library_fingerprint(package: Path | None = None) -> str:
    """Huella SHA-256 de todos los ``.py`` del paquete (nombre relativo y contenido)."""
    package = package_dir() if package is None else package
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def invalidate_if_changed(gallery: Path, notebook_cache: Path, fingerprint: str) -> bool:
    """Si la huella difiere de la guardada, borra las salidas que dependen de ella."""
    stamp = gallery / STAMP
    if stamp.exists() and stamp.read_text() == fingerprint:
        return False
    for md5 in gallery.rglob("*.md5"):
        md5.unlink()
    shutil.rmtree(notebook_cache, ignore_errors=True)
    gallery.mkdir(parents=True, exist_ok=True)
    stamp.write_text(fingerprint)
    return True


def _check(app: Sphinx) -> None:
    gallery = Path(app.srcdir) / app.config.sphinx_gallery_conf["gallery_dirs"]
    cache = Path(app.config.nb_execution_cache_path)
    app.env.actloss_changed = invalidate_if_changed(gallery, cache, library_fingerprint())


def _outdated(app: Sphinx, env: BuildEnvironment, *_: object) -> list[str]:
    return sorted(env.found_docs) if getattr(env, "actloss_changed", False) else []


def setup(app: Sphinx) -> dict[str, object]:
    # Before sphinx-gallery (builder-inited, priority 500) decides what to run.
    app.connect("builder-inited", _check, priority=100)
    app.connect("env-get-outdated", _outdated)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
