"""Room signs: for each room and day, its sessions in large type."""
from __future__ import annotations

from ..render import category_css, page_css
from ..views.room_sign import room_days, sign_view
from .base import Job, Output

# (name, time and title size, English size, small size); nothing below 14 pt,
# which still reads from two metres.
TIERS = [("28 pt", 28, 20, 16), ("22 pt", 22, 17, 14), ("18 pt", 18, 15, 14), ("14 pt", 14, 14, 14)]
MIN_PT = 14


class RoomSignOutput(Output):
    kind = "room-sign"

    def jobs(self, event, settings):
        unroomed = [s.id for s in event.sessions if not s.room]
        if unroomed:
            settings.setdefault("notes", []).append(
                f"room signs: {len(unroomed)} of {len(event.sessions)} sessions have no room, so no sign names them "
                "(give them `room:` in sessions.yaml and define the rooms in rooms.yaml)")
        head = page_css(event.room_signs["paper"], category_css(event.categories.values()))
        tiers = [(name, f":root {{ --sign-size: {a}pt; --sign-pair: {b}pt; --sign-small: {c}pt; }}", "")
                 for name, a, b, c in TIERS]
        return [Job(
            kind=self.kind, path=f"rooms/{day.isoformat()}-{room}.pdf", template="room_sign.html",
            view=sign_view(event, room, day, sessions, settings),
            stylesheets=["css/tokens.css", "css/base.css", "css/room_sign.css"], head_css=head,
            manifest={"date": day.isoformat(), "room": room, "lang": "+".join(event.languages)},
            tiers=tiers, max_pages=1,
            fit_error=(f"the sign for room `{room}` on {day.isoformat()} ({len(sessions)} sessions) does not fit on one "
                       f"{event.room_signs['paper']} page at {MIN_PT} pt or larger: use room_signs.paper: A3"),
        ) for room, day, sessions in room_days(event)]
