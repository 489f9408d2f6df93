"""The contact sheet's page: spreads of page images, the changed pages outlined, a self-reload."""

from __future__ import annotations

import html

from ..wording import count


def spreads(pages: int) -> list[tuple[int | None, int | None]]:
    """Page numbers two by two as the book opens: (None, 1), (2, 3) … (n, None)."""
    rows: list[tuple[int | None, int | None]] = [(None, 1)] if pages else []
    for left in range(2, pages + 1, 2):
        rows.append((left, left + 1 if left + 1 <= pages else None))
    return rows


def _ranges(numbers: list[int]) -> str:
    out, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            out.append(f"{start}" if start == n else f"{start}–{n}")
            start = None
    return ", ".join(out)


def sheet_html(
    names, sizes, changed: list[int] | None, version: str, title: str, when: str, version_file: str, switch, own: str
) -> str:
    """The sheet's page: every spread, the pages that changed outlined, links to the other sheets (``switch``),
    and a script that loads ``version_file`` every second and reloads when it says the sheet changed."""
    esc = html.escape
    rows = []
    for left, right in spreads(len(names)):
        cells = []
        for n in (left, right):
            if n is None:
                cells.append('<div class="page blank"></div>')
                continue
            w, h = sizes[n - 1]
            mark = " changed" if n in (changed or ()) else ""
            cells.append(
                f'<figure class="page{mark}" id="p{n}" data-page="{n}">'
                f'<img src="pages/{names[n - 1]}.png" alt="page {n}" style="aspect-ratio: {w:.2f} / {h:.2f}">'
                f"<figcaption>{n}</figcaption></figure>"
            )
        rows.append(f'<div class="spread">{"".join(cells)}</div>')
    note = (
        f'changed with the last build: <a href="#p{changed[0]}">pp. {_ranges(changed)}</a>'
        if changed
        else "no page changed with the last build"
        if changed == []
        else ""
    )
    links = (
        '<nav class="switch">'
        + " ".join(
            f'<b aria-current="page">{esc(label)}</b>' if href == own else f'<a href="{esc(href)}">{esc(label)}</a>'
            for label, href in switch
        )
        + "</nav>"
        if switch
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(title)} · contact sheet</title>
<style>
body {{ margin: 0; background: #3b3b3b; color: #eee; font: 14px/1.4 system-ui, sans-serif; }}
header {{ position: sticky; top: 0; background: #222; padding: 8px 16px; z-index: 1; }}
header a {{ color: #ffcf4a; }}
nav.switch {{ display: inline-block; margin-left: 1em; }}
nav.switch b, nav.switch a {{ margin-right: 0.8em; }}
main {{ display: flex; flex-wrap: wrap; gap: 28px 40px; padding: 20px; }}
.spread {{ display: flex; gap: 0; }}
.page {{ margin: 0; width: auto; height: 360px; position: relative; }}
.page img {{ height: 360px; display: block; background: #fff; box-shadow: 0 1px 4px #0008; }}
.page.blank {{ width: {360 * sizes[0][0] / sizes[0][1] if sizes else 254:.0f}px; }}
.page figcaption {{ text-align: center; font-size: 12px; color: #ccc; }}
.page.changed img {{ outline: 4px solid #ffcf4a; outline-offset: 2px; }}
.page.changed figcaption {{ color: #ffcf4a; font-weight: bold; }}
</style></head>
<body data-version="{version}">
<header><b>{esc(title)}</b> · {count(len(names), "page")} · {esc(when)} · <span class="note">{note}</span>{links}</header>
<main>
{chr(10).join(rows)}
</main>
<script>
(function () {{
  var current = document.body.dataset.version;
  window.previewVersion = function (v) {{ if (v !== current) {{ sessionStorage.setItem("y", window.scrollY); location.reload(); }} }};
  var y = sessionStorage.getItem("y");
  if (y !== null) {{ window.scrollTo(0, +y); sessionStorage.removeItem("y"); }}
  window.addEventListener("load", function () {{
    var shown = Array.prototype.filter.call(document.images, function (i) {{ return i.complete && i.naturalWidth > 0; }});
    document.body.dataset.loaded = shown.length;
  }});
  setInterval(function () {{
    var old = document.getElementById("poll");
    if (old) old.remove();
    var s = document.createElement("script");
    s.id = "poll";
    s.src = "{version_file}?" + Date.now();
    document.body.appendChild(s);
  }}, 1000);
}})();
</script>
</body></html>
"""
