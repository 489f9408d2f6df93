"""Sponsors by tier (``sponsors.yaml``) and the staff lists (``staff.yaml``).

sponsors.yaml lists the tiers in rank order, the highest first::

    - tier: gold
      label: {ko: 골드, en: Gold}
      sponsors:
        - {name: Example Corp, logo: logos/example.svg, url: https://example.com,
           description: {ko: …, en: …}}

A sponsor without a logo is a warning: the book prints the name instead.
staff.yaml lists named groups, each a list of names (a name per language,
or one)::

    - group: {ko: 준비위원회, en: Organising Committee}
      names: [김하나, {ko: 박두리, en: PARK Duri}, Jane Roe]
"""

from __future__ import annotations

from .files import check_image, check_svg, image_path, list_file, unique
from .model import Sponsor, SponsorTier, StaffGroup, Text

SVG = ".svg"


def load_sponsors(folder, f, texts, langs) -> tuple[SponsorTier, ...]:
    r, items = list_file(folder, "sponsors.yaml", f, texts, langs, False)
    out, seen = [], {}
    for m in r.records(items, "a sponsor tier", ("tier", "label", "sponsors"), ("tier", "label", "sponsors")):
        ident = r.ident(m.get("tier"), "tier id")
        label = r.text(m.get("label"), "tier label")
        sponsors = []
        for node in r.seq(m.get("sponsors"), "sponsors"):
            s = r.mapping(node, "a sponsor")
            if s is None:
                continue
            r.keys(s, ("name", "logo", "url", "description"), ("name",), "a sponsor")
            name = r.text(s.get("name"), "sponsor name", translated=False)
            logo = image_path(r, folder, s["logo"], "logo") if "logo" in s else None
            if logo:
                (check_svg if logo.suffix.lower() == SVG else check_image)(r, s["logo"], logo)
            if "logo" not in s and name:
                r.warn(
                    s,
                    f"sponsor `{name.get('en') or name.get('ko')}` has no logo: the book prints the name instead",
                    "add `logo:` with an SVG, or a PNG or JPEG at 300 ppi",
                )
            url = r.url(s["url"], "url") if "url" in s else None
            description = r.text(s["description"], "sponsor description") if "description" in s else Text()
            if name:
                sponsors.append(Sponsor(name, str(logo) if logo else None, url, description))
        if unique(r, seen, ident, m, "tier") and label:
            out.append(SponsorTier(ident, label, tuple(sponsors)))
    return tuple(out)


def load_staff(folder, f, texts, langs) -> tuple[StaffGroup, ...]:
    r, items = list_file(folder, "staff.yaml", f, texts, langs, False)
    out = []
    for m in r.records(items, "a staff group", ("group", "names"), ("group", "names")):
        label = r.text(m.get("group"), "group name")
        names = tuple(n for n in (r.text(x, "name", translated=False) for x in r.seq(m.get("names"), "names")) if n)
        if label and names:
            out.append(StaffGroup(label, names))
    return tuple(out)
