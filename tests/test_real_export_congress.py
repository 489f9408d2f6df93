"""Two congresses as their tools exported them, imported whole, checked, and their books built:
FOSDEM 2026 (pretalx, 883 events in 30 rooms) and 39C3 (the CCC hub, 895 events in 58 rooms).

Their own file, so that the minutes their books take run beside the other tests.
"""

from __future__ import annotations

from . import test_real_exports as real
from .real_exports import CONGRESS_39C3, FOSDEM_2026


def test_fosdem_2026_imports_whole_and_its_book_prints_it(tmp_path):
    real.test_a_real_export_imports_whole_and_its_book_prints_it(tmp_path, FOSDEM_2026)


def test_39c3_imports_whole_and_its_book_prints_it(tmp_path):
    real.test_a_real_export_imports_whole_and_its_book_prints_it(tmp_path, CONGRESS_39C3)
