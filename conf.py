"""Configuración de Sphinx del sitio de actloss.

Se construye con ``nox -s docs`` (``sphinx-build -c . docs _build/html``). Todo lo
que ve el lector sale de ejecutar código: la galería (sphinx-gallery), las notas
(myst-nb) y la tabla del catálogo (``docs/_ext/catalog_table.py``).
"""

import sys
from importlib.metadata import version as package_version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "docs" / "_ext"))  # local extensions only

project = "actloss"
author = "Equipo de actloss"
copyright = f"2026, {author}"
release = package_version("actloss")
language = "es"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "myst_nb",
    "sphinx_gallery.gen_gallery",
    "sphinx-mathjax-offline",  # MathJax served from _static: no CDN
    "catalog_table",
    "api_pages",
    "gallery_es",
    "library_stamp",  # a change in src/actloss reruns the examples and notes
]
HERE = Path(__file__).parent
templates_path = [str(HERE / "docs" / "_templates")]  # absolute: autosummary resolves from docs/
exclude_patterns = [
    "_build",
    "jupyter_execute",
    "galeria/**/*.ipynb",  # sphinx-gallery's downloads, which myst-nb must not parse
    "galeria/**/*.py",
    "galeria/**/*.md5",
    "galeria/**/*.json",
    "galeria/**/*.zip",
    "_ext",
    "_templates",
]
nitpicky = True
# No intersphinx (the build is offline): references into these libraries stay plain text.
nitpick_ignore_regex = [
    ("py:.*", r"(torch|collections|matplotlib|typing)(\..*)?"),
    ("py:class", r"(Tensor|Module|Figure|Entry|Kind|Saturation)"),
]

autosummary_generate = True
autodoc_typehints = "description"
autodoc_member_order = "bysource"
napoleon_custom_sections = [
    ("Argumentos", "Parameters"),  # merged with the type hints into one field list
    ("Atributos", "Attributes"),
    ("Ejemplos", "Examples"),
    "Forma",
]

myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
nb_execution_mode = "cache"  # an unchanged page is not run again
nb_execution_cache_path = str(HERE / "_build" / ".jupyter_cache")
nb_execution_raise_on_error = True
nb_execution_timeout = 300
nb_merge_streams = True

sphinx_gallery_conf = {
    "examples_dirs": "../gallery",
    "gallery_dirs": "galeria",
    "filename_pattern": "/plot_",
    "doc_module": ("actloss",),
    "backreferences_dir": "api/generated/backreferences",
    "reference_url": {"actloss": None},
    "capture_repr": (),  # figures are shown as images, not as "<Figure ...>" text
    "write_computation_times": False,  # its page loads assets from a CDN
    "remove_config_comments": True,
    "download_all_examples": True,
    "within_subsection_order": "FileNameSortKey",
}

html_theme = "pydata_sphinx_theme"
html_title = "actloss"
html_static_path = ["docs/_static"]
html_css_files = ["actloss.css"]
html_theme_options = {
    "logo": {"text": "actloss"},
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version"],
    "secondary_sidebar_items": {"**": ["page-toc", "sourcelink"], "catalogo": []},
}
# Wide pages (the catalog's tables) and the landing page need no side navigation.
html_sidebars = {"index": [], "catalogo": []}
