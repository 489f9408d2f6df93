"""Small pieces: Korean word joiners, times, dates from CLDR."""

from datetime import date

from book.source.yamlsrc import load_yaml
from book.views import i18n
from book.views.korean import keep_all


def test_keep_all_joins_korean_words_and_escapes():
    html = str(keep_all("인권도시, 어디까지 <b>"))
    wj = "\u2060"
    assert html == wj.join("인권도시,") + " " + wj.join("어디까지") + " &lt;b&gt;"


def test_keep_all_leaves_overlong_words_breakable():
    assert "\u2060" not in str(keep_all("가" * 20, max_len=16))
    assert "\u2060" in str(keep_all("가" * 16, max_len=16))


def test_keep_all_counts_a_latin_tail_apart_and_breaks_before_its_bracket_first():
    wj = "\u2060"
    held = str(keep_all("사회통합참여민주주의인권위원회(UCLG-CISDP),"))
    assert held == wj.join("사회통합참여민주주의인권위원회") + "(UCLG-CISDP),"  # the Korean word whole
    assert str(keep_all("위원회(UCLG),")) == wj.join("위원회(UCLG),")  # 3 + 7 × 0.55 ems: fits whole
    assert wj not in str(keep_all("가" * 17 + "(A)"))  # a Korean piece too wide for the measure still breaks


def test_times_keep_24_00_and_use_an_en_dash():
    assert i18n.time_range(22 * 60 + 30, 24 * 60) == "22:30–24:00"


def test_weekdays_come_from_cldr():
    assert i18n.date_day(date(2021, 10, 10), "ko") == "10월 10일 일요일"
    assert i18n.date_day(date(2021, 10, 10), "en") == "Sunday 10 October"
    assert "\u2009" not in i18n.date_range(date(2021, 10, 6), date(2021, 10, 10), "en")


def test_yaml_times_stay_text(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("start: 17:30\nwhen: 2021-10-07\n")
    doc = load_yaml(path, [tmp_path])
    assert doc["start"] == "17:30" and doc["when"] == "2021-10-07"
    assert doc.key_pos["when"] == (2, 1)


def _positions(node, out):
    out.append((str(node) if isinstance(node, str) else type(node).__name__, node.pos))
    if isinstance(node, dict):
        for key, value in node.items():
            out.append((key, node.key_pos[key]))
            _positions(value, out)
    elif isinstance(node, list):
        for item in node:
            _positions(item, out)
    return out


def test_libyaml_gives_the_same_values_and_positions_as_pyyaml(monkeypatch):
    """The fast (libyaml) composer must point at the same line and column,
    also after Hangul on the same line."""
    from pathlib import Path

    import yaml

    from book.source import yamlsrc

    assert yamlsrc.FAST_LOADER is yaml.CSafeLoader
    path = Path(__file__).parent.parent / "data" / "whrcf2021" / "sessions.yaml"
    fast = _positions(load_yaml(path, [path.parent]), [])
    monkeypatch.setattr(yamlsrc, "FAST_LOADER", yaml.SafeLoader)
    assert fast == _positions(load_yaml(path, [path.parent]), [])
    lines = path.read_text(encoding="utf-8").splitlines()
    after_hangul = [pos for _, pos in fast if any("가" <= c <= "힣" for c in lines[pos[0] - 1][: pos[1] - 1])]
    assert len(after_hangul) > 10  # columns counted in characters, not UTF-8 bytes


def test_other_time_zone_is_derived():
    assert i18n.other_zone_range(date(2021, 10, 9), 600, 720, "Asia/Seoul", "Europe/Brussels") == "03:00–05:00 CEST"


def test_font_subsets_hold_exactly_the_build_characters_and_repeat_byte_for_byte(tmp_path):
    """HarfBuzz subsets (book/typeset/fonts.py): the characters asked for (plus ALWAYS), the
    family name kept, a small single face, and the same bytes every time."""
    import hashlib

    from fontTools.ttLib import TTFont

    from book.typeset import fonts, subsets

    faces = fonts.resolve()
    face = faces[("sans", "regular")]
    chars = "인권도시 포럼 10월 8일 금요일"
    path = subsets.subset_all({("sans", "regular"): face}, chars, tmp_path / "a")[("sans", "regular")]
    font = TTFont(str(path))
    wanted = {ord(c) for c in chars + subsets.ALWAYS} & fonts.covered(face)
    assert set(font.getBestCmap()) == wanted
    assert face.family in {font["name"].getDebugName(n) for n in (1, 16)}
    assert len(font.getGlyphOrder()) < 400  # not the 65,535 glyphs of the CJK face
    again = subsets.subset_all({("sans", "regular"): face}, chars, tmp_path / "b")[("sans", "regular")]
    assert hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(again.read_bytes()).digest()
