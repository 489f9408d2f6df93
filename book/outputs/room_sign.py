"""Room signs: for each room and day, its sessions in large type for the door.

Settings (event.yaml): ``room_signs: {paper: A4 landscape}``. Signs are in
the event's languages (bilingual when it has both), under the room's name as
large as the sheet allows and the event's name and logo. Each sign takes the
largest tier at which its day fits one page: sessions at 28 or 24 pt, then
20 pt, then in two columns at 17, 14 and 12 pt, so a room with twelve
sessions is still one sheet; a room that does not fit even then continues on
a second page, marked as continued.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import BuildError
from ..source.model import BILINGUAL, EDITIONS, editions_for, file_names, paper_mm
from ..source.settings import Block, Paper
from ..typeset import fonts
from ..typeset.css import category_css, page_css, token_css
from ..typeset.templates import Tier
from ..views.book import data_uri
from ..views.room_sign import room_days, sign_view
from ..wording import count
from .base import Job, Layout, OutputKind, Plan

# (name, time and title size, English size, small size, columns, room name):
# 24-28 pt in one column for a room's usual day; then two columns under a
# room name capped at ``ROOM_DENSE`` (book/views/room_sign.py), then smaller
# type, before a second page.
TIERS = [
    ("28 pt", 28, 20, 16, 1, "large"),
    ("24 pt", 24, 18, 14, 1, "large"),
    ("24 pt, 2 columns", 24, 18, 14, 2, "dense"),
    ("20 pt, 2 columns", 20, 16, 13, 2, "dense"),
    ("17 pt, 2 columns", 17, 14, 12, 2, "dense"),
    ("14 pt, 2 columns", 14, 12, 11, 2, "dense"),
    ("12 pt, 2 columns", 12, 11, 10, 2, "dense"),
]
MIN_PT = 12
SIDE_MM = 10  # the sheet's left and right margins (css/room_sign.css)
STYLESHEETS = ("css/tokens.css", "css/base.css", "css/room_sign.css")


class RoomSignKind(OutputKind):
    name = "room-sign"
    order = 40
    help = "room signs: one page per room and day, for the door"
    settings = Block("room_signs", (Paper("paper", "A4 landscape"),))

    def plan(self, event, ctx):
        notes = []
        unroomed = [s.id for s in event.sessions if not s.room]
        if unroomed:
            notes.append(
                f"room signs: {len(unroomed)} of {count(len(event.sessions), 'session')} {'has' if len(unroomed) == 1 else 'have'} no room, so no sign "
                "names them (give them `room:` in sessions.yaml and define the rooms in rooms.yaml)"
            )
        paper = event.settings["room_signs"]["paper"]
        edition = editions_for(event.languages, [BILINGUAL])[0]
        head = page_css(paper, category_css(event.categories.values()))
        tiers = tuple(
            Tier(
                name,
                f":root {{ --sign-size: {a}pt; --sign-pair: {b}pt; --sign-small: {c}pt;"
                f" --sign-pad: {2.5 if n == 1 else 1.2}mm; }}"
                f" .sign-room {{ font-size: var(--room-{room}); }}"
                # `columns` is set directly (book/outputs/day_sheet.py, tier_css: WeasyPrint and custom properties)
                + (f" .sign-list {{ columns: {n}; }}" if n > 1 else ""),
            )
            for name, a, b, c, n, room in TIERS
        )
        measure = (paper_mm(paper)[0] - 2 * SIDE_MM) * 72 / 25.4
        logo = {"src": data_uri(Path(event.logo[0]), [event.folder]), "width": event.logo[1]} if event.logo else None
        names = file_names(event.rooms)
        shaped = _shaper()
        jobs = [
            Job(
                self.name,
                f"rooms/{day.isoformat()}-{names[room]}.pdf",
                edition,
                {"date": day.isoformat(), "room": room},
                Layout(
                    "room_sign.html",
                    sign_view(
                        event, room, day, sessions, edition, ctx.when, measure, logo, shaped(event.rooms[room], edition)
                    ),
                    STYLESHEETS,
                    head_css=head,
                    theme_css=token_css(ctx.theme),
                    tiers=tiers,
                    max_pages=1,
                    overflow=True,
                ),
            )
            for room, day, sessions in room_days(event)
        ]
        return Plan(jobs, notes)


def _shaper():
    """(room, edition) → the shaped width in em of the room's name in the
    edition's first language, or None (then it is estimated) when the declared
    fonts cannot be read: the build reports that itself."""
    try:
        faces = fonts.resolve()
    except BuildError:
        return lambda room, edition: None

    def shaped(room, edition):
        return fonts.advance_em(room.name.get(EDITIONS[edition][0]) or "", faces)

    return shaped


KIND = RoomSignKind
