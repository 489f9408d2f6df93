"""What a build is asked to do: the command line's options, made once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BuildOptions:
    only: tuple[str, ...] = ()  # output kinds to build; empty: every kind
    editions: tuple[str, ...] = ()  # editions to build; empty: every edition
    html: bool = False  # also keep the rendered HTML under out/<event>/html/
    force: bool = False  # rebuild outputs whose inputs did not change

    @classmethod
    def of(cls, only=None, editions=None, html=False, force=False) -> BuildOptions:
        return cls(tuple(sorted(only or ())), tuple(sorted(editions or ())), bool(html), bool(force))

    def key(self) -> dict:
        """The options that change what a build makes (for the no-op check)."""
        return {"only": list(self.only), "editions": list(self.editions), "html": self.html}
