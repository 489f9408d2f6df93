"""Output kinds. Each module defines one :class:`~book.outputs.base.Output`
subclass (the programme book, day sheets, room signs…) over the shared event
model; :data:`KINDS` lists them in build order. Adding a kind means adding a
module here, a template and a stylesheet."""
from .book import BookOutput
from .day_sheet import DaySheetOutput
from .press import PressOutput
from .room_sign import RoomSignOutput

KINDS = [BookOutput, PressOutput, DaySheetOutput, RoomSignOutput]
