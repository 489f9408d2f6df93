"""Write a synthetic but realistic event folder, for tests and benchmarks.

    python benchmarks/synthetic.py OUT_DIR --sessions 1000 --days 5 --rooms 12 --people 600

Sessions get bilingual titles from word lists, rooms without double booking,
and moderators and speakers who are never in two places at once.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

import yaml

KO_WORDS = (
    "인권",
    "도시",
    "지방정부",
    "시민",
    "참여",
    "평등",
    "차별",
    "기후",
    "위기",
    "교육",
    "청년",
    "노인",
    "장애",
    "이주민",
    "주거",
    "노동",
    "평화",
    "기억",
    "연대",
    "정책",
    "협력",
    "지역",
    "회복력",
    "포용",
)
EN_WORDS = (
    "Human Rights",
    "Cities",
    "Local Government",
    "Citizens",
    "Participation",
    "Equality",
    "Discrimination",
    "Climate",
    "Crisis",
    "Education",
    "Youth",
    "Older Persons",
    "Disability",
    "Migrants",
    "Housing",
    "Labour",
    "Peace",
    "Memory",
    "Solidarity",
    "Policy",
    "Cooperation",
    "Regions",
    "Resilience",
    "Inclusion",
)
FAMILY = (
    "KIM",
    "LEE",
    "PARK",
    "CHOI",
    "JUNG",
    "KANG",
    "CHO",
    "YOON",
    "JANG",
    "LIM",
    "Smith",
    "Garcia",
    "Müller",
    "Rossi",
    "Dubois",
    "Nowak",
    "Silva",
    "Okafor",
    "Tanaka",
    "Nguyen",
)
GIVEN = ("Minji", "Jiho", "Seoyeon", "Hyun", "Ana", "Lucas", "Marie", "Kenji", "Amina", "Olga", "Tomás", "Lena")
CATS = [
    ("plenary", "전체회의", "Plenary Session", "#B5472F"),
    ("thematic", "주제회의", "Thematic Session", "#2E7D6B"),
    ("special", "특별회의", "Special Session", "#6A4C93"),
    ("network", "네트워크 회의", "Network Session", "#C08A1E"),
]


def _title(rng, lo=3, hi=7):
    n = rng.randint(lo, hi)
    idx = [rng.randrange(len(KO_WORDS)) for _ in range(n)]
    return " ".join(KO_WORDS[i] for i in idx), " ".join(EN_WORDS[i] for i in idx)


def event_data(sessions=100, days=5, rooms=12, people=60, seed=1, start=date(2030, 5, 6), day=None):
    """The event as plain YAML-ready data. ``day``: put every session on that day index."""
    rng = random.Random(seed)
    dates = [start + timedelta(days=i) for i in range(days)]
    room_ids = [f"room-{i + 1:02d}" for i in range(rooms)]
    person_ids = [f"p{i:04d}" for i in range(people)]
    busy_room = {(d, r): [] for d in dates for r in room_ids}
    busy_person = {(d, p): [] for d in dates for p in person_ids}
    out = []

    def free(intervals, a, b):
        return all(b <= x or a >= y for x, y in intervals)

    for n in range(sessions):
        d = dates[day] if day is not None else dates[n % days]
        for _ in range(200):
            length = rng.choice((60, 90, 120))
            begin = rng.randrange(9 * 60, 21 * 60 - length + 1, 30)
            room = rng.choice(room_ids)
            if free(busy_room[(d, room)], begin, begin + length):
                break
        else:
            room = None
        if room:
            busy_room[(d, room)].append((begin, begin + length))
        ko, en = _title(rng)
        cat = CATS[n % len(CATS)][0]
        item = {
            "id": f"s{n:04d}",
            "category": cat,
            "short": {"ko": f"세션 {n + 1}", "en": f"Session {n + 1}"},
            "title": {"ko": ko, "en": en},
            "date": d.isoformat(),
            "start": f"{begin // 60:02d}:{begin % 60:02d}",
            "end": f"{(begin + length) // 60:02d}:{(begin + length) % 60:02d}",
        }
        if room:
            item["room"] = room
        roles = {}
        for role, count in (("moderator", 1), ("speaker", rng.randint(1, 4))):
            chosen = [
                p
                for p in rng.sample(person_ids, min(len(person_ids), count + 3))
                if free(busy_person[(d, p)], begin, begin + length)
            ][:count]
            for p in chosen:
                busy_person[(d, p)].append((begin, begin + length))
            if chosen:
                roles[role] = chosen
        if roles:
            item["people"] = roles
        if n % 7 == 0:
            item["online_url"] = f"https://example.org/live/s{n:04d}"
        out.append(item)
    return {
        "event.yaml": {
            "id": "synthetic",
            "edition": 1,
            "name": {"ko": "합성 인권도시 포럼", "en": "Synthetic Human Rights Cities Forum"},
            "short_name": {"ko": "합성 포럼", "en": "Synthetic Forum"},
            "theme": {"ko": "규모 시험", "en": "Testing at Scale"},
            "venue": {"ko": "컨벤션센터", "en": "Convention Center"},
            "city": {"ko": "광주", "en": "Gwangju"},
            "timezone": "Asia/Seoul",
            "languages": ["ko", "en"],
            "period": {"start": dates[0].isoformat(), "end": dates[-1].isoformat()},
            "data_version": start.isoformat(),
            "hosts": [{"ko": "광주광역시", "en": "Gwangju Metropolitan City"}],
            "organisers": [{"ko": "광주국제교류센터", "en": "Gwangju International Center"}],
        },
        "categories.yaml": [{"id": c, "label": {"ko": ko, "en": en}, "colour": col} for c, ko, en, col in CATS],
        "rooms.yaml": [
            {"id": r, "name": {"ko": f"{i + 1}회의실", "en": f"Room {i + 1}"}} for i, r in enumerate(room_ids)
        ],
        "people.yaml": [
            {
                "id": p,
                "name": {"en": f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"},
                "affiliation": {"en": f"{rng.choice(EN_WORDS)} Institute"},
            }
            for p in person_ids
        ],
        "sessions.yaml": out,
    }


def write_event(folder: Path, **kwargs) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in event_data(**kwargs).items():
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--days", type=int, default=5)
    parser.add_argument("--rooms", type=int, default=12)
    parser.add_argument("--people", type=int, default=600)
    parser.add_argument("--seed", type=int, default=1)
    a = parser.parse_args()
    write_event(Path(a.out), sessions=a.sessions, days=a.days, rooms=a.rooms, people=a.people, seed=a.seed)
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
