"""Where the tool's own files are: templates, font declaration, default event.

In a clone (and an editable install) they sit beside the package, in the
top-level ``templates/``, ``fonts/`` and ``data/`` folders. A wheel carries
copies of them inside the package, in ``book/assets/`` (see ``setup.py``).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
_INSTALLED = PACKAGE / "assets"
ASSETS = _INSTALLED if (_INSTALLED / "templates").is_dir() else PACKAGE.parent

TEMPLATES = ASSETS / "templates"
FONTS = ASSETS / "fonts"
DEFAULT_EVENT = ASSETS / "data" / "whrcf2021"
LABELS = TEMPLATES / "labels.yaml"
