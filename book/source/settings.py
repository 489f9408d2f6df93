"""Settings blocks of ``event.yaml``, declared by the output kinds.

An output kind that has settings (``day_sheets: {paper: A4}``) declares its
block as a :class:`Block` of fields; the event reader checks every block it
is given, with the same findings as any other key, and stores the values in
``Event.settings[block.key]``. The field types here do the checking, so a
kind only says which fields it has and their defaults.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import sandbox
from .files import image_path
from .model import EDITIONS, PAPER_MM, Text
from .reader import Reader


@dataclass(frozen=True)
class Field:
    """One setting: its key, its default, and how its value is read."""

    key: str
    default: Any

    def read(self, r: Reader, node, what: str, folder: Path) -> Any:
        """The value, or the default after a finding."""
        raise NotImplementedError


@dataclass(frozen=True)
class Choice(Field):
    allowed: tuple[str, ...] = ()  # "none" reads as None

    def read(self, r, node, what, folder):
        value = r.string(node, what)
        if value not in self.allowed:
            r.err(node, f"{what} `{value}` is not one of {', '.join(self.allowed)}", f"use {' or '.join(self.allowed)}")
            return self.default
        return None if value == "none" else value


@dataclass(frozen=True)
class PageSize(Field):
    def read(self, r, node, what, folder):
        value = r.string(node, what) or self.default
        if value not in PAPER_MM:
            r.err(node, f"unknown page size `{value}`", "use one of " + ", ".join(PAPER_MM))
            return self.default
        return value


@dataclass(frozen=True)
class Paper(Field):
    """A paper size, optionally followed by its orientation: ``A4 landscape``."""

    def read(self, r, node, what, folder):
        value = r.string(node, what) or self.default
        size, _, orientation = value.partition(" ")
        if size not in PAPER_MM or orientation not in ("", "portrait", "landscape"):
            r.err(node, f"unknown paper `{value}`", "use A3, A4, A5, B5 or letter, optionally followed by landscape")
            return self.default
        return value


@dataclass(frozen=True)
class Editions(Field):
    def read(self, r, node, what, folder):
        eds = tuple(str(x) for x in r.seq(node, what))
        for ed in eds:
            if ed not in EDITIONS:
                r.err(node, f"unknown edition `{ed}`", "use ko+en, ko or en")
        return tuple(ed for ed in eds if ed in EDITIONS) or self.default


@dataclass(frozen=True)
class Number(Field):
    low: float = 0
    high: float = 1

    def read(self, r, node, what, folder):
        value = r.number(node, what, self.low, self.high)
        return self.default if value is None else value


@dataclass(frozen=True)
class Flag(Field):
    hint: str = ""

    def read(self, r, node, what, folder):
        value = str(node).lower()
        if value not in ("true", "false", "yes", "no"):
            r.err(node, f"{what} must be true or false", self.hint or f"write `{self.key}: false` or `true`")
            return self.default
        return value in ("true", "yes")


@dataclass(frozen=True)
class EventFile(Field):
    """A file inside the event folder (its absolute path as text)."""

    def read(self, r, node, what, folder):
        path = image_path(r, folder, node, what)
        return str(path) if path else self.default


ICC_LIMIT = 64 * sandbox.MB  # the largest profiles (device links) are a few MB


@dataclass(frozen=True)
class IccProfile(EventFile):
    """A CMYK output profile inside the event folder (a print shop's .icc)."""

    def read(self, r, node, what, folder):
        path = super().read(r, node, what, folder)
        if path is None:
            return path
        from PIL import ImageCms

        try:  # read as the build reads it
            profile = ImageCms.ImageCmsProfile(io.BytesIO(sandbox.read_bytes(path, [folder], ICC_LIMIT)))
            space = profile.profile.xcolor_space.strip()
        except sandbox.Refused as exc:
            r.err(node, exc.reason, exc.hint)
            return self.default
        except (ImageCms.PyCMSError, OSError, ValueError) as exc:
            r.err(node, f"{what} `{node}` is not an ICC profile ({exc})", "ask the print shop for its .icc file")
            return self.default
        try:  # a profile whose header is right and body is not opens, and fails only here
            if space == "CMYK":
                ImageCms.buildTransform(ImageCms.createProfile("sRGB"), profile, "RGB", "CMYK")
        except ImageCms.PyCMSError:
            r.err(
                node,
                f"{what} `{node}` is damaged: its header reads as a CMYK profile, but no colour can be converted with it",
                "ask the print shop for its .icc file again",
            )
            return self.default
        if space != "CMYK":
            r.err(
                node,
                f"{what} `{node}` is an {space} profile, not a CMYK one",
                "the press needs the print shop's CMYK output profile (FOGRA39, Japan Color…)",
            )
            return self.default
        return path


@dataclass(frozen=True)
class Translated(Field):
    """A text per language, ``{ko: …, en: …}``."""

    default: Text = Text()

    def read(self, r, node, what, folder):
        return r.text(node, what)


@dataclass(frozen=True)
class Block:
    """One top-level key of event.yaml and its fields."""

    key: str
    fields: tuple[Field, ...]

    def defaults(self) -> dict:
        return {f.key: f.default for f in self.fields}

    def read(self, r: Reader, node, folder: Path) -> dict:
        values = self.defaults()
        if node is None or r.mapping(node, self.key) is None:
            return values
        r.keys(node, tuple(f.key for f in self.fields), (), self.key)
        for f in self.fields:
            if f.key in node:
                values[f.key] = f.read(r, node[f.key], f"{self.key}.{f.key}", folder)
        return values
