"""Write the broken-event corpus: one folder per mistake, over tests/fixtures/mini.

Each case folder holds only the files that differ from the base event and an
``expected.yaml``: the finding ``book check`` must report (file, line,
severity, exact message) or, for ``command: build``, the error ``book build``
must stop with. Run this to add a case; it refuses to record a finding that
does not contain the case's stated intent, so a wrong expectation cannot be
written silently.

What git cannot hold is made when a case is materialised, from its
``setup``: symbolic and hard links to files outside the event folder (an
``outside/`` folder beside it, whose every file carries ``SECRET``, the
marker the tests look for in outputs and messages), FIFOs and big files.
``absent`` names a message that must not be among the findings.

    .venv/bin/python tests/corpus/make_corpus.py [CASE …]
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
BASE = HERE.parent / "fixtures" / "mini"
SESS = (BASE / "sessions.yaml").read_text(encoding="utf-8")
EVENT = (BASE / "event.yaml").read_text(encoding="utf-8")
PEOPLE = (BASE / "people.yaml").read_text(encoding="utf-8")
CATS = (BASE / "categories.yaml").read_text(encoding="utf-8")


def sub(text, old, new, count=1):
    assert old in text, old
    return text.replace(old, new, count)


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(8)
)

SECRET = "SECRET-9f2c-OUTSIDE"
SESS_WITH_SECRET = SESS.replace("en: Keynote}", f"en: Keynote {SECRET}}}")
# The files of the outside/ folder beside a materialised case.
OUTSIDE = {
    "passwd": f"root:x:0:0:{SECRET}:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n",
    "sessions.yaml": SESS_WITH_SECRET,
    "people.yaml": PEOPLE.replace("Jane Roe", f"Jane Roe {SECRET}"),
    "rooms.yaml": "- id: hall-a\n  name: {ko: 대강당, en: Main Hall " + SECRET + "}\n"
    "- id: room-201\n  name: {ko: 201호, en: Room 201}\n",
    "concept.yaml": f'- id: secret\n  heading: {{ko: 비밀, en: {SECRET}}}\n  ko: ["{SECRET}"]\n  en: ["{SECRET}"]\n',
    "leak.html": f"<p>{SECRET}</p>\n",
    "secret.txt": f"{SECRET}\n",
    "templates/day_sheet.html": f'<html lang="en"><body><p>{SECRET}</p></body></html>\n',
}
NUL_SESS = "\n".join(line if n != 17 else line + "\0" for n, line in enumerate(SESS.split("\n")))


def huge_png(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` × ``height`` pixels, with almost no data."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


# name: (files to write, intent that the recorded message must contain, command or options)
def damaged_icc() -> bytes:
    """Ghostscript's CMYK profile with a right header and a garbled body."""
    good = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc").read_bytes()
    return good[:300] + bytes((i * 7) & 255 for i in range(len(good) - 300))


CASES = {
    "yaml-syntax-indent": ({"sessions.yaml": sub(SESS, "  category: talk", "    category: talk")}, "YAML syntax"),
    "yaml-syntax-tab": ({"sessions.yaml": sub(SESS, "  category: panel", "\tcategory: panel")}, "YAML syntax"),
    "yaml-duplicate-key": (
        {"sessions.yaml": sub(SESS, "  room: hall-a\n", "  room: hall-a\n  room: room-201\n")},
        "appears twice",
    ),
    "yaml-merge-key": ({"sessions.yaml": "- &base {id: a}\n- <<: *base\n  category: talk\n"}, "merge keys"),
    "yaml-python-tag": ({"sessions.yaml": '- !!python/object/apply:os.system ["echo owned"]\n'}, "is not allowed"),
    "yaml-local-tag": (
        {"people.yaml": sub(PEOPLE, "name: {ko: 김민지", "name: !person {ko: 김민지")},
        "is not allowed",
    ),
    "yaml-alias-bomb": ({"sessions.yaml": BOMB}, "too many YAML nodes"),
    "yaml-not-utf8": (
        {"people.yaml": PEOPLE.replace("Jane Roe", "Jos\xe9 Roe").encode("latin-1", "replace")},
        "not UTF-8",
    ),
    "empty-sessions": ({"sessions.yaml": "# nothing yet\n"}, "sessions.yaml is empty"),
    "empty-event": ({"event.yaml": ""}, "event.yaml is empty"),
    "unknown-key-session": ({"sessions.yaml": sub(SESS, "  title: {ko: 지역", "  titel: {ko: 지역")}, "did you mean"),
    "unknown-key-event": ({"event.yaml": sub(EVENT, "venue:", "venu:")}, "unknown key `venu`"),
    "unknown-key-person": (
        {"people.yaml": sub(PEOPLE, "  affiliation: {ko: 서울", "  affilation: {ko: 서울")},
        "unknown key `affilation`",
    ),
    "unknown-role": (
        {"sessions.yaml": sub(SESS, "    speaker: [jane-roe]", "    speakers: [jane-roe]")},
        "unknown key `speakers`",
    ),
    "wrong-type-edition": ({"event.yaml": sub(EVENT, "edition: 2", "edition: second")}, "whole number"),
    "wrong-type-sessions-mapping": ({"sessions.yaml": "keynote:\n  category: talk\n"}, "must be a list"),
    "wrong-type-title-text": (
        {
            "sessions.yaml": sub(
                SESS,
                "  title: {ko: 지역 정책 사례, en: Local Policy Cases}",
                "  title: [지역 정책 사례, Local Policy Cases]",
            )
        },
        "must be a mapping",
    ),
    "wrong-type-role-not-list": (
        {"sessions.yaml": sub(SESS, "    moderator: [kim-minji]", "    moderator: kim-minji")},
        "must be a list",
    ),
    "wrong-type-short-list": (
        {"sessions.yaml": sub(SESS, "  short: {ko: 폐회, en: Closing}", "  short: [폐회, Closing]")},
        "must be a mapping",
    ),
    "missing-date": (
        {"sessions.yaml": sub(SESS, '  date: 2024-03-04\n  start: "11:00"', '  start: "11:00"')},
        "missing the required key `date`",
    ),
    "missing-category": (
        {"sessions.yaml": sub(SESS, "  category: panel\n", "")},
        "missing the required key `category`",
    ),
    "missing-english-title": (
        {
            "sessions.yaml": sub(
                SESS, "  title: {ko: 지역 정책 사례, en: Local Policy Cases}", "  title: {ko: 지역 정책 사례}"
            )
        },
        "no English version",
    ),
    "missing-korean-short": (
        {"sessions.yaml": sub(SESS, "  short: {ko: 폐회, en: Closing}", "  short: {en: Closing}")},
        "no Korean version",
    ),
    "missing-event-name": (
        {"event.yaml": sub(EVENT, "name: {ko: 제2회 작은 포럼, en: The 2nd Small Forum}\n", "")},
        "missing the required key `name`",
    ),
    "empty-translation": (
        {"sessions.yaml": sub(SESS, "  short: {ko: 폐회, en: Closing}", '  short: {ko: 폐회, en: ""}')},
        "is empty",
    ),
    "missing-category-label-en": (
        {"categories.yaml": sub(CATS, "label: {ko: 토론, en: Panel}", "label: {ko: 토론}")},
        "no English version",
    ),
    "impossible-date": ({"sessions.yaml": sub(SESS, "  date: 2024-03-05", "  date: 2024-02-30")}, "is not a real date"),
    "date-format": ({"sessions.yaml": sub(SESS, "  date: 2024-03-05", "  date: 05/03/2024")}, "is not a date"),
    "impossible-time-hour": ({"sessions.yaml": sub(SESS, 'start: "11:00"', 'start: "49:00"')}, "not a time of day"),
    "impossible-time-minute": ({"sessions.yaml": sub(SESS, 'end: "12:30"', 'end: "12:61"')}, "not a time of day"),
    "time-format": ({"sessions.yaml": sub(SESS, 'end: "12:30"', 'end: "half past twelve"')}, "is not a time"),
    "end-before-start": ({"sessions.yaml": sub(SESS, 'end: "12:30"', 'end: "10:30"')}, "ends (10:30) before it starts"),
    "session-over-a-day": ({"sessions.yaml": sub(SESS, 'end: "12:30"', 'end: "35:30"')}, "lasts more than a day"),
    "start-after-the-night": (
        {"sessions.yaml": sub(SESS, 'start: "16:00"', 'start: "48:00"')},
        "cannot start at 48:00",
    ),
    "missing-end": ({"sessions.yaml": sub(SESS, '  end: "12:30"\n', "")}, "needs an end"),
    "outside-period": (
        {"sessions.yaml": sub(SESS, "  date: 2024-03-05", "  date: 2024-04-05")},
        "outside the event's programme range",
    ),
    "end-date-before-date": (
        {"sessions.yaml": sub(SESS, "  date: 2024-03-05\n", "  date: 2024-03-05\n  end_date: 2024-03-04\n")},
        "is before the date",
    ),
    "range-excludes-period": (
        {
            "event.yaml": sub(
                EVENT,
                "period: {start: 2024-03-04, end: 2024-03-05}",
                "period: {start: 2024-03-04, end: 2024-03-05}\nprogramme_range: {start: 2024-03-05, end: 2024-03-06}",
            )
        },
        "must include the whole period",
    ),
    "period-reversed": (
        {
            "event.yaml": sub(
                EVENT, "period: {start: 2024-03-04, end: 2024-03-05}", "period: {start: 2024-03-05, end: 2024-03-04}"
            )
        },
        "ends (2024-03-04) before it starts",
    ),
    "duplicate-session-id": ({"sessions.yaml": sub(SESS, "- id: closing", "- id: keynote")}, "duplicate session id"),
    "duplicate-category-id": ({"categories.yaml": sub(CATS, "- id: panel", "- id: talk")}, "duplicate category id"),
    "duplicate-person-id": ({"people.yaml": sub(PEOPLE, "- id: jane-roe", "- id: kim-minji")}, "duplicate person id"),
    "bad-id": ({"sessions.yaml": sub(SESS, "- id: closing", "- id: " + "closing-" * 10)}, "not a valid id"),
    "bad-event-id": ({"event.yaml": sub(EVENT, "id: mini", "id: ../../etc")}, "cannot name a folder"),
    "unknown-category": (
        {"sessions.yaml": sub(SESS, "  category: panel", "  category: panell")},
        "did you mean `panel`",
    ),
    "unknown-room": ({"sessions.yaml": sub(SESS, "  room: room-201", "  room: room-202")}, "unknown room"),
    "unknown-person": (
        {"sessions.yaml": sub(SESS, "    discussant: [kim-minji, jane-roe]", "    discussant: [kim-minji, john-doe]")},
        "unknown person `john-doe`",
    ),
    "room-clash": (
        {"sessions.yaml": sub(SESS, "  room: room-201", "  room: hall-a").replace('start: "11:00"', 'start: "10:00"')},
        "are in room `hall-a`",
    ),
    "person-double-booked": ({"sessions.yaml": sub(SESS, 'start: "11:00"', 'start: "10:00"')}, "is booked in"),
    "uncovered-emoji": ({"sessions.yaml": sub(SESS, "short: {ko: 기조강연", "short: {ko: 기조강연 🎤")}, "U+1F3A4"),
    "uncovered-thai": ({"people.yaml": sub(PEOPLE, "name: {en: Jane Roe}", "name: {en: Jane Roe สมชาย}")}, "U+0E2A"),
    "html-tag-warning": (
        {"sessions.yaml": sub(SESS, "en: The Future of Cities and Human Rights", "en: The <b>Future</b> of Cities")},
        "contains HTML",
    ),
    "html-entity-warning": (
        {"sessions.yaml": sub(SESS, "en: Local Policy Cases", "en: Local Policy &amp; Cases")},
        "contains HTML",
    ),
    "bad-colour": ({"categories.yaml": sub(CATS, 'colour: "#D98C3F"', 'colour: "#D98C3F0"')}, "not a hex colour"),
    "bad-cmyk": ({"categories.yaml": sub(CATS, "cmyk: [10, 50, 85, 0]", "cmyk: [10, 50, 185]")}, "four percentages"),
    "bad-timezone": ({"event.yaml": sub(EVENT, "timezone: Asia/Seoul", "timezone: Mars/Olympus")}, "unknown time zone"),
    "bad-language": (
        {"event.yaml": sub(EVENT, "languages: [ko, en]", "languages: [ko, fr]")},
        "unsupported language `fr`",
    ),
    "bad-paper": ({"event.yaml": sub(EVENT, "  paper: A4\n", "  paper: A2\n")}, "unknown paper"),
    "bad-url": (
        {"sessions.yaml": sub(SESS, "online_url: https://example.org/live/keynote", "online_url: javascript:alert(1)")},
        "not a web address",
    ),
    "url-too-long": (
        {
            "sessions.yaml": sub(
                SESS, "online_url: https://example.org/live/keynote", "online_url: https://example.org/" + "x" * 10_000
            )
        },
        "more than a QR code holds",
    ),
    "title-control-character": (
        {"sessions.yaml": sub(SESS, "en: Keynote}", 'en: "Key\\fnote"}')},
        "the control character U+000C",
    ),
    "image-missing": ({"event.yaml": sub(EVENT, "file: logo.png", "file: nope.png")}, "does not exist"),
    "image-unreadable": ({"logo.png": "this is not a picture\n"}, "cannot be read"),
    "image-low-resolution": ({"event.yaml": sub(EVENT, "width_mm: 40", "width_mm: 150")}, "under the 300 ppi"),
    "path-traversal": (
        {"event.yaml": sub(EVENT, "file: logo.png", "file: ../../../../etc/passwd")},
        "points outside the event folder",
    ),
    "path-absolute": (
        {"event.yaml": sub(EVENT, "file: logo.png", "file: /etc/passwd")},
        "URLs and absolute paths are refused",
    ),
    "path-file-url": (
        {"event.yaml": sub(EVENT, "file: logo.png", "file: file:///etc/passwd")},
        "URLs and absolute paths are refused",
    ),
    "path-http-url": (
        {"event.yaml": sub(EVENT, "file: logo.png", "file: http://example.com/logo.png")},
        "URLs and absolute paths are refused",
    ),
    "css-escape": (
        {"style.css": '@import url("file:///etc/passwd");\n.cover { background: url("../../../etc/hostname"); }\n'},
        "refused to read",
        "build",
    ),
    "css-network": (
        {"style.css": 'body { background: url("http://example.com/track.png"); }\n'},
        "refused to read http://example.com/track.png",
        "build",
    ),
    "template-python-escape": (
        {"templates/day_sheet.html": "{{ ''.__class__.__mro__[1].__subclasses__() }}\n"},
        "unsafe",
        "build",
    ),
    "template-include-traversal": (
        {"templates/day_sheet.html": '{% include "../../../../etc/passwd" %}\n'},
        "is not a template",
        "build",
    ),
    "template-file-image": (
        {"templates/day_sheet.html": '<html lang="ko"><body><img src="file:///etc/passwd" alt="x"></body></html>\n'},
        "refused to read file:///etc/passwd",
        "build",
    ),
    # Escapes: files that are links out of the event folder.
    "symlink-sessions-passwd": (
        {},
        "is a link to a file outside the event folder",
        {"setup": {"symlink": {"sessions.yaml": "outside/passwd"}}},
    ),
    "symlink-sessions-outside": (
        {},
        "is a link to a file outside the event folder",
        {"setup": {"symlink": {"sessions.yaml": "outside/sessions.yaml"}}},
    ),
    "symlink-people": (
        {},
        "is a link to a file outside the event folder",
        {"setup": {"symlink": {"people.yaml": "outside/people.yaml"}}},
    ),
    "symlink-rooms": (
        {},
        "is a link to a file outside the event folder",
        {"setup": {"symlink": {"rooms.yaml": "outside/rooms.yaml"}}},
    ),
    "symlink-concept": (
        {},
        "is a link to a file outside the event folder",
        {"setup": {"symlink": {"concept.yaml": "outside/concept.yaml"}}},
    ),
    "hardlink-people": ({}, "is a hard link", {"setup": {"hardlink": {"people.yaml": "outside/people.yaml"}}}),
    "fifo-sessions": ({}, "is a FIFO", {"setup": {"fifo": ["sessions.yaml"]}}),
    "device-sessions": (
        {},
        "is a link to a file outside the event folder",
        {"setup": {"symlink": {"sessions.yaml": "/dev/zero"}}},
    ),
    "template-symlink-passwd": (
        {},
        "is a link to a file outside the event folder",
        {"command": "build", "setup": {"symlink": {"templates/day_sheet.html": "outside/passwd"}}},
    ),
    "template-include-leak": (
        {"templates/day_sheet.html": "{% include 'leak.html' %}\n"},
        "is a link to a file outside the event folder",
        {"command": "build", "setup": {"symlink": {"templates/leak.html": "outside/leak.html"}}},
    ),
    "templates-folder-symlink": (
        {},
        "the templates folder is a link to a folder outside the event folder",
        {"command": "build", "setup": {"symlink": {"templates": "outside/templates"}}},
    ),
    "css-file-url-host": (
        {"style.css": 'body { background: url("file://127.0.0.2/etc/hostname"); }\n'},
        "a file: URL with a host is refused",
        "build",
    ),
    "css-host-from-secret": (
        {
            "templates/day_sheet.html": '<html><head><link rel="stylesheet" href="file://{% include \'secret.txt\' %}.127.0.0.2/x.css">'
            "</head><body>x</body></html>\n"
        },
        "is a link to a file outside the event folder",
        {"command": "build", "setup": {"symlink": {"templates/secret.txt": "outside/secret.txt"}}},
    ),
    # Runaway input: answered and bounded.
    "template-includes-itself": (
        {"templates/day_sheet.html": '{% include "day_sheet.html" %}\n'},
        "templates include each other too deeply",
        "build",
    ),
    "template-endless-loop": (
        {
            "templates/day_sheet.html": "{% for i in range(100000) %}{% for j in range(100000) %}"
            "{% endfor %}{% endfor %}\n"
        },
        "rendering took longer than",
        "build",
    ),
    "template-python-error": (
        {"templates/day_sheet.html": "{{ 1 / 0 }}\n"},
        "ZeroDivisionError: division by zero",
        "build",
    ),
    "template-huge-output": (
        {"templates/day_sheet.html": "{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}\n"},
        "its output passed 64 MB",
        "build",
    ),
    "template-power-bomb": (  # folded by Jinja while compiling, before the render's time limit
        {"templates/day_sheet.html": "{{ 9 ** 99999999 }}\n"},
        "9 ** 99999999 is larger than any programme needs",
        "build",
    ),
    "template-string-bomb": (
        {"templates/day_sheet.html": '{{ ("x" * 3000000000)[:3] }}\n'},
        "is larger than any page",
        "build",
    ),
    "yaml-deep-nesting": ({"sessions.yaml": "[" * 100_000 + "]" * 100_000 + "\n"}, "nests more than 64 levels"),
    "yaml-nul-byte": ({"sessions.yaml": NUL_SESS}, "U+0000 is not allowed"),
    "image-huge-pixels": ({"logo.png": huge_png(20000, 20000)}, "more than a build decodes"),
    "icc-not-a-profile": (
        {"event.yaml": EVENT + "  icc: shop.icc\n", "shop.icc": "not a colour profile\n"},
        "is not an ICC profile",
    ),
    "icc-damaged-body": (
        {"event.yaml": EVENT + "  icc: shop.icc\n", "shop.icc": damaged_icc()},
        "is damaged",
    ),
    "symlink-loop-people": ({}, "is a link that loops", {"setup": {"symlink": {"people.yaml": "people.yaml"}}}),
    "symlink-loop-logo": (
        {"event.yaml": sub(EVENT, "file: logo.png", "file: a")},
        "is a link that loops",
        {"setup": {"symlink": {"a": "b", "b": "a"}}},
    ),
    "year-9999": (
        {
            "event.yaml": sub(
                EVENT,
                "period: {start: 2024-03-04, end: 2024-03-05}",
                "period: {start: 2024-03-04, end: 2024-03-05}\n"
                "programme_range: {start: 2024-03-04, end: 9999-12-31}\n"
                "also_show_timezone: Europe/Brussels",
            )
        },
        "not a plausible date",
    ),
    "null-translation": (
        {"sessions.yaml": sub(SESS, "  short: {ko: 폐회, en: Closing}", "  short: {ko: 폐회, en: null}")},
        "is empty",
    ),
    "style-css-huge": ({}, "over the 1,048,576-byte limit", {"setup": {"big": {"style.css": 13_000_000}}}),
    "people-syntax-no-cascade": (
        {"people.yaml": PEOPLE.replace("  affiliation: {ko: 서울대학교", "  affiliation: {ko: [서울대학교", 1)},
        "YAML syntax",
        {"absent": "unknown person"},
    ),
}


def run(folder: Path, command: str):
    args = [sys.executable, "-m", "book.cli", command, str(folder)]
    if command == "check":
        args += ["--format", "json"]
    else:
        args += ["--out", str(folder.parent / "out"), "--only", "day-sheet"]
    return subprocess.run(args, capture_output=True, text=True, cwd=HERE.parent.parent)


def materialise(case: Path, target: Path) -> Path:
    """The base event with the case's files laid over it, and its ``setup`` made."""
    shutil.copytree(BASE, target)
    for path in case.rglob("*"):
        if path.is_file() and path.name != "expected.yaml":
            dest = target / path.relative_to(case)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest)
    expected = case / "expected.yaml"
    setup = (yaml.safe_load(expected.read_text(encoding="utf-8")) or {}).get("setup", {}) if expected.is_file() else {}
    outside = target.parent / "outside"
    for rel, text in OUTSIDE.items():
        (outside / rel).parent.mkdir(parents=True, exist_ok=True)
        (outside / rel).write_text(text, encoding="utf-8")

    def place(spec):
        return (
            Path(spec)
            if spec.startswith("/")
            else target.parent / spec
            if spec.startswith("outside/")
            else target / spec
        )

    for kind in ("symlink", "hardlink"):
        for rel, source in setup.get(kind, {}).items():
            link = target / rel
            link.parent.mkdir(parents=True, exist_ok=True)
            if link.is_dir() and not link.is_symlink():
                shutil.rmtree(link)
            link.unlink(missing_ok=True)
            if kind == "symlink":
                link.symlink_to(place(source))
            else:
                os.link(place(source), link)
    for rel in setup.get("fifo", []):
        (target / rel).unlink(missing_ok=True)
        os.mkfifo(target / rel)
    for rel, size in setup.get("big", {}).items():
        with open(target / rel, "w", encoding="utf-8") as fh:
            fh.write("/* " + "x" * (size - 7) + " */\n")
    return target


def main(names=()):
    for name, (files, intent, *rest) in CASES.items():
        if names and name not in names:
            continue
        options = rest[0] if rest and isinstance(rest[0], dict) else {"command": rest[0]} if rest else {}
        command = options.get("command", "check")
        case = HERE / name
        if case.exists():
            shutil.rmtree(case)
        case.mkdir()
        for rel, content in files.items():
            (case / rel).parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                (case / rel).write_bytes(content)
            else:
                (case / rel).write_text(content, encoding="utf-8")
        setup = {key: options[key] for key in ("setup", "absent") if key in options}
        (case / "expected.yaml").write_text(yaml.safe_dump(setup, sort_keys=False), encoding="utf-8")
        with tempfile.TemporaryDirectory() as tmp:
            result = run(materialise(case, Path(tmp) / "event"), command)
        if command == "check":
            findings = [f for f in json.loads(result.stdout) if intent in f["message"] + " " + f["hint"]]
            assert findings, f"{name}: no finding contains {intent!r}: {result.stdout}"
            f = findings[0]
            expected = {
                "command": "check",
                "file": Path(f["file"]).name,
                "line": f["line"],
                "severity": f["severity"],
                "message": f["message"],
            }
        else:
            assert result.returncode == 1 and intent in result.stderr, f"{name}: {result.stderr}"
            expected = {"command": "build", "error": intent}
        (case / "expected.yaml").write_text(
            yaml.safe_dump({**expected, **setup}, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        print(f"{name}: {expected}")


if __name__ == "__main__":
    main(sys.argv[1:])  # the names of the cases to write again; none: all of them
