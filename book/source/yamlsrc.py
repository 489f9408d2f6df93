"""Safe YAML loading that keeps source positions.

Every scalar comes back as a string (``LStr``), every mapping as ``LDict``
and every sequence as ``LList``, each carrying the (line, column) where it
starts, so later checks can point into the file the user edited. Nothing is
typed implicitly: ``17:30`` stays the string "17:30" (YAML 1.1 would read it
as the number 1050) and dates are parsed by the loader's checks, with a
position, instead of by YAML.

Only YAML's safe node types are composed: no Python objects. Alias bombs and
huge files are refused before they can exhaust memory.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import BuildError

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
# Tags YAML itself gives plain values; anything else (!!python/…, !foo) is refused.
PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp",
                                                  "merge", "binary")}


# libyaml composes about 4× faster (1,000 sessions: 0.25 s instead of 1.1 s)
# with the same nodes, tags and positions; errors are reported by the Python
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


def _mark(node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Converter:
    def __init__(self, path: Path):
        self.path = path
        self.count = 0

    def convert(self, node):
        if node.tag not in PLAIN_TAGS:
            raise YamlError(self.path, _mark(node), f"the YAML tag `{node.tag}` is not allowed",
                            "write plain text, lists and mappings; remove the `!` tag")
        self.count += 1
        if self.count > MAX_NODES:
            raise YamlError(self.path, (1, 1), f"too many YAML nodes (over {MAX_NODES:,}): the file may use "
                            "aliases to blow up in memory (a 'billion laughs' file)",
                            "remove the anchors (&) and aliases (*), or split the file")
        if isinstance(node, yaml.ScalarNode):
            value = LStr(node.value)
            value.pos = _mark(node)
            return value
        if isinstance(node, yaml.SequenceNode):
            out = LList(self.convert(item) for item in node.value)
            out.pos = _mark(node)
            return out
        if isinstance(node, yaml.MappingNode):
            out = LDict()
            out.pos = _mark(node)
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise YamlError(self.path, _mark(key_node), "a key must be plain text",
                                    "write `name: value`, not a list or mapping before the colon")
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise YamlError(self.path, _mark(key_node), "merge keys (<<) are not supported",
                                    "write the keys out in full")
                key = LStr(key_node.value)
                key.pos = _mark(key_node)
                if key in out:
                    raise YamlError(self.path, key.pos, f"the key '{key}' appears twice in one block",
                                    "keep one of them")
                out[key] = self.convert(value_node)
                out.key_pos[key] = key.pos
            return out
        raise YamlError(self.path, (1, 1), "unsupported YAML node", "use text, lists and mappings")


def load_yaml(path: Path):
    """Load one YAML file; raise YamlError with a position on any problem."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise YamlError(path, (1, 1), f"cannot read the file ({exc.strerror})",
                        "check the name and the permissions") from None
    if size > MAX_FILE_BYTES:
        raise YamlError(path, (1, 1), f"the file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit",
                        "split it, or check it is the right file")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(path, (1, 1), f"the file is not UTF-8 text (byte {exc.start})", "save it as UTF-8") from None
    try:
        try:
            node = yaml.compose(text, Loader=FAST_LOADER)
        except yaml.YAMLError:  # parse again for PyYAML's own wording and position
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlError(path, (line, col), f"YAML syntax: {problem}",
                        "check indentation and quote text that contains ': ' or starts with a special character") from None
    except yaml.YAMLError as exc:
        raise YamlError(path, (1, 1), f"YAML: {exc}", "check the file is YAML text") from None
    if node is None:
        return None
    return _Converter(path).convert(node)
