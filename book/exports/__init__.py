"""Exports: the programme for other tools, one module per format; this registry is the only list.

Each module has ``NAME``, ``SUFFIX``, ``write(event) -> bytes`` and ``notes(event)``, what the
format leaves out of that event, said on export.
``book export EVENT --format NAME`` writes ``out/<event>/export/<event>.<suffix>``
(or ``--out FILE``), atomically.
"""

from __future__ import annotations

from . import frab_json, frab_xml, ics, sheet

FORMATS = {m.NAME: m for m in (frab_json, frab_xml, ics, sheet.CSV, sheet.XLSX)}
