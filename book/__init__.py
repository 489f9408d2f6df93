"""Printable programme-book generator.

Data flows one way, a package per stage:

``source`` (event folders in: positioned YAML, the typed model, findings) →
``views`` (per-output view models: every computation) → ``typeset`` (Jinja2
templates, CSS with design tokens, fonts, the WeasyPrint driver) → ``press``
(boxes, marks, imposition, separation, preflight) → ``outputs`` (one module
per output kind, in one registry) → ``build`` (jobs, keys, publishing,
watch), driven by ``cli``.
"""

__version__ = "0.1.0"
