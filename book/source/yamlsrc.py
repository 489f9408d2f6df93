"""Safe YAML loading that keeps source positions.

Every scalar comes back as a string (``LStr``), every mapping as ``LDict``
and every sequence as ``LList``, each carrying the (line, column) where it
starts, so later checks can point into the file the user edited. Nothing is
typed implicitly: ``17:30`` stays the string "17:30" (YAML 1.1 would read it
as the number 1050) and dates are parsed by the loader's checks, with a
position, instead of by YAML.

The values are built straight from the parser's events, without recursion:
only YAML's plain types (no Python objects, no tags, no merge keys), at most
``MAX_DEPTH`` levels deep, and at most ``MAX_NODES`` values with aliases
expanded (a "billion laughs" file is refused before it can exhaust memory).
A null (``~``, ``null``, or nothing) is empty text. Files are opened through
:mod:`book.sandbox`: regular files inside their allowed folders, of at most
``MAX_FILE_BYTES``.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .. import sandbox
from ..errors import BuildError

# Sized for the largest programme an import may write (common.MAX_SESSIONS, 20,000
# sessions of about 40 values and 400 bytes each), with room to spare.
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_NODES = 2_000_000
MAX_DEPTH = 64
NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
# Tags YAML itself gives plain values; anything else (!!python/…, !foo) is refused.
PLAIN_TAGS = {
    f"tag:yaml.org,2002:{t}"
    for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "merge", "binary")
}


# libyaml parses about 4× faster (1,000 sessions: 0.25 s instead of 1.1 s)
# with the same events, tags and positions; errors are reported by the Python
# parser, whose messages the checks were written against.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LStr(str):
    pos: tuple[int, int] = (1, 1)


class LDict(dict):
    pos: tuple[int, int] = (1, 1)

    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        self.key_pos: dict[str, tuple[int, int]] = {}


class LList(list):
    pos: tuple[int, int] = (1, 1)


class YamlError(BuildError):
    """A file that cannot be read as safe YAML, with its position and a hint."""

    def __init__(self, path, pos: tuple[int, int], message: str, hint: str):
        self.path, self.pos, self.message, self.hint = Path(path), pos, message, hint
        super().__init__(f"{path}:{pos[0]}:{pos[1]}: error: {message} (hint: {hint})")


def _mark(event) -> tuple[int, int]:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


class _Builder:
    """Values from parser events: one pass, a stack instead of recursion."""

    def __init__(self, path: Path):
        self.path = path
        self.stack: list[list] = []  # [container, key awaiting its value, expanded size, anchor]
        self.anchors: dict[str, tuple[object, int]] = {}
        self.root = None
        self.count = 0

    def fail(self, event, message, hint):
        raise YamlError(self.path, _mark(event), message, hint)

    def check_tag(self, event):
        if event.tag is not None and event.tag != "!" and event.tag not in PLAIN_TAGS:
            self.fail(
                event,
                f"the YAML tag `{event.tag}` is not allowed",
                "write plain text, lists and mappings; remove the `!` tag",
            )

    def grow(self, event, size: int):
        self.count += size
        if self.count > MAX_NODES:
            raise YamlError(
                self.path,
                (1, 1),
                f"too many YAML nodes (over {MAX_NODES:,}): the file may use "
                "aliases to blow up in memory (a 'billion laughs' file)",
                "remove the anchors (&) and aliases (*), or split the file",
            )

    def add(self, event, value, size: int, anchor: str | None = None):
        """Put a finished value into its container (or make it the document)."""
        if anchor:
            self.anchors[anchor] = (value, size)
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        frame[2] += size
        container = frame[0]
        if isinstance(container, LList):
            container.append(value)
        elif frame[1] is None:  # a key
            if not isinstance(value, LStr):
                self.fail(
                    event, "a key must be plain text", "write `name: value`, not a list or mapping before the colon"
                )
            if value in container:
                self.fail(event, f"the key '{value}' appears twice in one block", "keep one of them")
            frame[1] = value
        else:
            container[frame[1]] = value
            container.key_pos[frame[1]] = frame[1].pos
            frame[1] = None

    def open(self, event, container):
        self.check_tag(event)
        if len(self.stack) >= MAX_DEPTH:
            self.fail(
                event,
                f"the YAML nests more than {MAX_DEPTH} levels deep",
                "flatten the structure; an event file needs a few levels at most",
            )
        self.grow(event, 1)
        container.pos = _mark(event)
        self.stack.append([container, None, 1, event.anchor])

    def feed(self, event):
        if isinstance(event, yaml.ScalarEvent):
            self.check_tag(event)
            plain = event.implicit[0] and not event.style
            if (
                plain
                and event.value == "<<"
                and self.stack
                and isinstance(self.stack[-1][0], LDict)
                and self.stack[-1][1] is None
            ):
                self.fail(event, "merge keys (<<) are not supported", "write the keys out in full")
            value = LStr("" if plain and NULL.match(event.value) else event.value)
            value.pos = _mark(event)
            self.grow(event, 1)
            self.add(event, value, 1, event.anchor)
        elif isinstance(event, yaml.SequenceStartEvent):
            self.open(event, LList())
        elif isinstance(event, yaml.MappingStartEvent):
            self.open(event, LDict())
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            container, _, size, anchor = self.stack.pop()
            self.add(event, container, size, anchor)
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                self.fail(event, f"the alias *{event.anchor} refers to no anchor", f"define &{event.anchor} before it")
            value, size = self.anchors[event.anchor]
            self.grow(event, size)
            self.add(event, value, size)
        elif isinstance(event, yaml.DocumentStartEvent) and self.root is not None:
            self.fail(event, "the file holds more than one YAML document", "remove the `---` lines after the first")


def _parse(text: str, path: Path):
    """The document's values; a syntax error is worded and placed by PyYAML's Python parser."""
    builder = _Builder(path)
    try:
        try:
            for event in yaml.parse(text, Loader=FAST_LOADER):
                builder.feed(event)
        except yaml.YAMLError:
            builder = _Builder(path)
            for event in yaml.parse(text, Loader=yaml.SafeLoader):
                builder.feed(event)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. NUL
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise YamlError(
            path,
            (line, column),
            f"the character U+{code:04X} is not allowed in YAML",
            "remove it (a file saved by a word processor may hold such characters)",
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlError(
            path,
            (line, col),
            f"YAML syntax: {problem}",
            "check indentation and quote text that contains ': ' or starts with a special character",
        ) from None
    except yaml.YAMLError as exc:
        raise YamlError(path, (1, 1), f"YAML: {exc}", "check the file is YAML text") from None
    return builder.root


def parse_yaml(text: str, path: Path):
    """The values of YAML ``text`` (a page's front matter) that came from ``path``; YamlError on any problem."""
    return _parse(text, path)


def load_yaml(path: Path, roots, single_link: bool = False, area: str = "the event folder"):
    """Load one YAML file from inside ``roots``; raise YamlError with a position on any problem."""
    path = Path(path)
    try:
        data = sandbox.read_bytes(path, roots, MAX_FILE_BYTES, single_link=single_link, area=area)
    except sandbox.Refused as exc:
        raise YamlError(path, (1, 1), exc.reason, exc.hint or "check the name and the permissions") from None
    except OSError as exc:
        raise YamlError(
            path, (1, 1), f"cannot read the file ({exc.strerror})", "check the name and the permissions"
        ) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(path, (1, 1), f"the file is not UTF-8 text (byte {exc.start})", "save it as UTF-8") from None
    return _parse(text, path)
