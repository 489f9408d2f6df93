"""FOSDEM 2026 as pretalx exported it (883 events in 30 rooms): imported whole, checked, and its book built.

Its own file, so that the minute its book takes runs beside the other tests.
"""

from __future__ import annotations

from . import test_real_exports as real
from .real_exports import FOSDEM_2026


def test_fosdem_2026_imports_whole_and_its_book_prints_it(tmp_path):
    real.test_a_real_export_imports_whole_and_its_book_prints_it(tmp_path, FOSDEM_2026)
