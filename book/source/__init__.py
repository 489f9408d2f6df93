"""Stage 1, the source: event folders in, the typed model and findings out.

``yamlsrc`` reads YAML safely with positions; ``reader`` and ``files`` turn
it into typed values with a finding for every mistake; ``event``,
``records`` and ``concept`` read the files of an event folder into the
:mod:`~book.source.model`; ``settings`` checks the blocks of event.yaml that
the output kinds declare; ``checks`` looks across records.
"""

__all__ = ["Loaded", "load_event"]


def __getattr__(name):  # the model and settings load without the readers of every file
    if name in __all__:
        from . import event

        return getattr(event, name)
    raise AttributeError(name)
