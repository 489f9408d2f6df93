"""Room signs: for each room and day, its sessions in large type for the door.

Settings (event.yaml): ``room_signs: {paper: A4 landscape}``. Signs are in
the event's languages (bilingual when it has both). The signs of one day
share one type size: the largest at which every room of the day fits its
page, down to 14 pt; a room that still does not fit continues on a second
page, marked as continued.
"""

from __future__ import annotations

from ..source.model import BILINGUAL, editions_for, file_names
from ..source.settings import Block, Paper
from ..typeset.css import category_css, page_css, token_css
from ..typeset.templates import Tier
from ..views.room_sign import room_days, sign_view
from ..wording import count
from .base import Job, Layout, OutputKind, Plan

# (name, time and title size, English size, small size); nothing below 14 pt,
# which still reads from two metres.
TIERS = [("28 pt", 28, 20, 16), ("22 pt", 22, 17, 14), ("18 pt", 18, 15, 14), ("14 pt", 14, 14, 14)]
MIN_PT = 14
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
            Tier(name, f":root {{ --sign-size: {a}pt; --sign-pair: {b}pt; --sign-small: {c}pt; }}")
            for name, a, b, c in TIERS
        )
        names = file_names(event.rooms)
        jobs = [
            Job(
                self.name,
                f"rooms/{day.isoformat()}-{names[room]}.pdf",
                edition,
                {"date": day.isoformat(), "room": room},
                Layout(
                    "room_sign.html",
                    sign_view(event, room, day, sessions, edition, ctx.when),
                    STYLESHEETS,
                    head_css=head,
                    theme_css=token_css(ctx.theme),
                    tiers=tiers,
                    max_pages=1,
                    fit_group=f"room-signs-{day.isoformat()}",
                    overflow=True,
                ),
            )
            for room, day, sessions in room_days(event)
        ]
        return Plan(jobs, notes)


KIND = RoomSignKind
