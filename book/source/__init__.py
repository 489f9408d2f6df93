"""Stage 1, the source: event folders in, the typed model and findings out.

``yamlsrc`` reads YAML safely with positions; ``reader`` and ``files`` turn
it into typed values with a finding for every mistake; ``event``,
``records`` and ``concept`` read the files of an event folder into the
:mod:`~book.source.model`; ``settings`` checks the blocks of event.yaml that
the output kinds declare; ``checks`` looks across records.
"""
from .event import Loaded, load_event

__all__ = ["Loaded", "load_event"]
