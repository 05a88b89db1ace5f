"""Un cambio en la biblioteca invalida las salidas ejecutadas de la galería y de las notas."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "_ext"))

from library_stamp import invalidate_if_changed, library_fingerprint


def _fake_outputs(root: Path) -> tuple[Path, Path, Path]:
    gallery, cache = root / "galeria", root / ".jupyter_cache"
    md5 = gallery / "activaciones" / "plot_relu.py.md5"
    md5.parent.mkdir(parents=True)
    md5.write_text("abc")
    (cache / "executed").mkdir(parents=True)
    return gallery, cache, md5


def test_unchanged_library_keeps_outputs(tmp_path):
    gallery, cache, md5 = _fake_outputs(tmp_path)
    assert invalidate_if_changed(gallery, cache, "huella-1")  # first build: no stamp yet
    md5.write_text("abc")
    (cache / "executed").mkdir(parents=True)
    assert not invalidate_if_changed(gallery, cache, "huella-1")
    assert md5.exists() and cache.exists()


def test_changed_library_removes_gallery_hashes_and_notebook_cache(tmp_path):
    gallery, cache, md5 = _fake_outputs(tmp_path)
    invalidate_if_changed(gallery, cache, "huella-1")
    md5.write_text("abc")
    (cache / "executed").mkdir(parents=True)
    assert invalidate_if_changed(gallery, cache, "huella-2")
    assert not md5.exists()
    assert not cache.exists()


def test_fingerprint_follows_every_source_file(tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "a.py").write_text("x = 1\n")
    (package / "sub" / "b.py").write_text("y = 2\n")
    before = library_fingerprint(package)
    assert library_fingerprint(package) == before
    (package / "sub" / "b.py").write_text("y = 3\n")
    assert library_fingerprint(package) != before
