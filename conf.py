"""Configuración de Sphinx del sitio de actloss.

Se construye con ``nox -s docs`` (``sphinx-build -c . docs _build/html``). Todo lo
que ve el lector sale de ejecutar código: la galería (sphinx-gallery), las notas
(myst-nb) y la tabla del catálogo (``docs/_ext/catalog_table.py``).
"""

import os
import sys
from importlib.metadata import version as package_version
from pathlib import Path
from urllib.parse import urlparse

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
    "mathjax_local",  # MathJax (from sphinx-mathjax-offline) served from _static: no CDN
    "catalog_table",
    "api_pages",
    "how_computed",  # «Cómo se calcula»: the reference code on gallery and API pages
    "a11y_fixes",
    "gallery_es",
    "plain_downloads",  # the downloaded scripts write their formulas as the notebooks do
    "notes_links",  # each gallery page links to its section of the notes
    "library_stamp",  # a change in src/actloss reruns the examples and notes
    "spread_notebooks",  # the executed pages, read in parallel rather than in one process
    "interactive",  # sliders on the gallery pages and the explorer (issue 17)
    "sitemap_all",  # every page, also after an incremental build
    "notfound.extension",
    "sphinxext.opengraph",
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
    ("py:class", r"(Tensor|Module|Figure|Entry|Kind|Saturation|Parameter|TorchQuirks)"),
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

# In MathJax's text mode a backslash is literal: \text{ignore\_index} would show "\_".
# textmacros (served from _static with the rest of MathJax) reads \_ there as LaTeX does.
mathjax3_config = {
    "loader": {"load": ["[tex]/textmacros"]},
    "tex": {"packages": {"[+]": ["textmacros"]}},
}
nb_execution_mode = "cache"  # an unchanged page is not run again
nb_execution_cache_path = str(HERE / "_build" / ".jupyter_cache")
nb_execution_raise_on_error = True
nb_execution_show_tb = True  # a failing cell shows its traceback in the build log
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
    # The order of the notes: activations, losses, energy-based losses, comparisons. A new
    # folder missing here stops the build (sphinx-gallery's ExplicitOrder) until placed.
    "subsection_order": [
        "../gallery/activaciones",
        "../gallery/perdidas",
        "../gallery/energia",
        "../gallery/comparaciones",
    ],
    "within_subsection_order": "FileNameSortKey",
    # Examples run in as many processes as sphinx-build -j gives (the noxfile passes
    # -j auto); each keeps one torch thread (OMP_NUM_THREADS=1), so jobs x threads <= cores.
    "parallel": True,
}

html_theme = "pydata_sphinx_theme"
html_title = "actloss"
html_static_path = ["docs/_static"]
html_css_files = ["actloss.css"]
html_js_files = ["busqueda-es.js"]  # after Sphinx's translations.js: see the file
html_favicon = "docs/_static/favicon.svg"  # without one, browsers ask for /favicon.ico (a 404)
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

# Hosting. The canonical address comes from the host: Read the Docs sets
# READTHEDOCS_CANONICAL_URL and the GitHub Pages workflow sets ACTLOSS_BASEURL. A local
# build points at `python -m http.server -d _build/html` (README). Nothing here is fetched.
html_baseurl = (
    os.environ.get("READTHEDOCS_CANONICAL_URL")
    or os.environ.get("ACTLOSS_BASEURL")
    or "http://127.0.0.1:8000/"
).rstrip("/") + "/"
sitemap_excludes = ["404.html", "search.html", "genindex.html", "py-modindex.html"]
# The 404 page is served at any depth, so its links start at the site's root path.
notfound_urls_prefix = urlparse(html_baseurl).path
notfound_context = {
    "title": "Página no encontrada",
    "body": (
        "<h1>Página no encontrada</h1>\n\n"
        "<p>Esta dirección no existe en el sitio. Vuelva a la "
        f'<a href="{notfound_urls_prefix}index.html">portada</a> o use la búsqueda.</p>'
    ),
}
ogp_site_url = html_baseurl
ogp_site_name = "actloss"
ogp_social_cards = {"enable": False}  # cards would be drawn per page; a plain preview is enough
ogp_custom_meta_tags = ('<meta property="og:locale" content="es_ES" />',)
# Without a default the theme logs "Got invalid theme mode" on a reader's first visit.
html_context = {"default_mode": "auto"}
