"""Printable programme-book generator.

Data flows one way: ``data/<event>/*.yaml`` → :mod:`book.load` (typed
:mod:`book.model`, findings with file positions) → :mod:`book.views`
(per-edition view models) → Jinja2 templates → WeasyPrint
(:mod:`book.render`) → post-processing (:mod:`book.pdfpost`) →
``out/<event>/`` with a ``build.json`` manifest (:mod:`book.build`).
"""

__version__ = "0.1.0"
