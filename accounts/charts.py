"""Charts drawn on the server as inline SVG: no JavaScript, identical in browser and PDF.

Each function takes plain numbers and labels and returns SVG markup marked safe. Every
label is escaped here, since labels come from the data (organisation kinds, day titles).
Colours are attributes rather than CSS so the charts look the same wherever they land.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .languages import format_percent

INK = "#1d2b36"
MUTED = "#5b6b78"
GRID = "#dde3e8"
ACCENT = "#0f5c8c"
SERIES = {
    "woman": "#0f8b8d",
    "man": "#0f3d5c",
    "another": "#e0a030",
    "undisclosed": "#b7c2cb",
    "not_recorded": "#dde3e8",
}
FONT = "Noto Sans, Noto Sans Khmer, sans-serif"


def _svg(width, height, body, *, title):
    return mark_safe(
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="{FONT}" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>{body}</svg>"
    )


def _text(x, y, content, *, size=11, anchor="start", fill=INK, weight="normal"):
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{fill}" font-weight="{weight}">{escape(content)}</text>'
    )


def attendance_chart(days):
    """Vertical bars, one per day. `days`: [(label, sublabel, count)]."""
    if not days:
        return ""
    width, height = 360, 200
    top, bottom, left, right = 24, 44, 12, 12
    plot_height = height - top - bottom
    peak = max(count for _label, _sub, count in days) or 1
    slot = (width - left - right) / len(days)
    bar_width = min(64, slot * 0.55)
    parts = [
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" '
        f'y2="{height - bottom}" stroke="{GRID}" stroke-width="1"/>'
    ]
    for index, (label, sublabel, count) in enumerate(days):
        centre = left + slot * index + slot / 2
        bar_height = plot_height * count / peak
        y = height - bottom - bar_height
        parts.append(
            f'<rect x="{centre - bar_width / 2:.1f}" y="{y:.1f}" width="{bar_width:.1f}" '
            f'height="{bar_height:.1f}" rx="3" fill="{ACCENT}"/>'
        )
        parts.append(_text(centre, y - 6, str(count), size=13, anchor="middle", weight="bold"))
        parts.append(_text(centre, height - bottom + 16, label, anchor="middle"))
        parts.append(
            _text(centre, height - bottom + 31, sublabel, size=10, anchor="middle", fill=MUTED)
        )
    return _svg(width, height, "".join(parts), title=_("Attendance per day"))


def gender_chart(rows, legend):
    """100% stacked horizontal bars. `rows`: [(label, [(key, percent, count)])];
    `legend`: [(key, label)] in drawing order."""
    if not rows:
        return ""
    label_width, bar_left, width = 150, 158, 520
    bar_width = width - bar_left - 8
    row_height, bar_height = 34, 22
    legend_height = 26
    height = legend_height + row_height * len(rows) + 4
    parts = []
    x = bar_left
    for key, label in legend:
        parts.append(
            f'<rect x="{x}" y="6" width="10" height="10" rx="2" fill="{SERIES.get(key, GRID)}"/>'
        )
        parts.append(_text(x + 14, 15, label, size=10, fill=MUTED))
        x += 14 + round(5.4 * len(str(label))) + 16
    for index, (label, segments) in enumerate(rows):
        y = legend_height + index * row_height
        parts.append(_text(label_width, y + bar_height / 2 + 4, label, anchor="end"))
        total = sum(percent for _key, percent, _count in segments)
        if not total:
            parts.append(
                f'<rect x="{bar_left}" y="{y}" width="{bar_width}" '
                f'height="{bar_height}" rx="3" fill="{GRID}"/>'
            )
            parts.append(
                _text(bar_left + 8, y + bar_height / 2 + 4, _("No data yet"), size=10, fill=MUTED)
            )
            continue
        offset = bar_left
        for key, percent, _count in segments:
            if not percent:
                continue
            segment_width = bar_width * percent / total
            colour = SERIES.get(key, GRID)
            parts.append(
                f'<rect x="{offset:.1f}" y="{y}" width="{segment_width:.1f}" '
                f'height="{bar_height}" fill="{colour}"/>'
            )
            if segment_width > 34:
                text_fill = INK if key in ("another", "undisclosed", "not_recorded") else "#fff"
                parts.append(
                    _text(
                        offset + segment_width / 2,
                        y + bar_height / 2 + 4,
                        format_percent(percent),
                        anchor="middle",
                        fill=text_fill,
                        weight="bold",
                    )
                )
            offset += segment_width
    return _svg(width, height, "".join(parts), title=_("Gender balance"))


def horizontal_bar_chart(rows, *, title, stacked=False):
    """Horizontal bars with counts. `rows`: [(label, count)], drawn in the given order.

    `stacked`: each label on its own line above its bar, the whole width for both: narrow
    enough for a phone's column without shrinking the text (Khmer labels above all)."""
    if not rows:
        return ""
    if stacked:
        return _stacked_bar_chart(rows, title=title)
    label_width, bar_left, width = 196, 204, 520
    bar_space = width - bar_left - 40
    row_height, bar_height = 24, 15
    height = row_height * len(rows) + 6
    peak = max(count for _label, count in rows) or 1
    parts = []
    for index, (label, count) in enumerate(rows):
        y = 4 + index * row_height
        bar_width = max(2, bar_space * count / peak)
        parts.append(_text(label_width, y + bar_height - 3, label, anchor="end"))
        parts.append(
            f'<rect x="{bar_left}" y="{y}" width="{bar_width:.1f}" '
            f'height="{bar_height}" rx="2" fill="{ACCENT}"/>'
        )
        parts.append(_text(bar_left + bar_width + 6, y + bar_height - 3, str(count), weight="bold"))
    return _svg(width, height, "".join(parts), title=title)


def _stacked_bar_chart(rows, *, title):
    width, row_height, label_height, bar_height = 360, 40, 17, 14
    bar_space = width - 40
    height = row_height * len(rows) + 4
    peak = max(count for _label, count in rows) or 1
    parts = []
    for index, (label, count) in enumerate(rows):
        y = 2 + index * row_height
        bar_width = max(2, bar_space * count / peak)
        parts.append(_text(0, y + label_height - 4, label, size=12))
        bar_top = y + label_height
        parts.append(
            f'<rect x="0" y="{bar_top}" width="{bar_width:.1f}" '
            f'height="{bar_height}" rx="2" fill="{ACCENT}"/>'
        )
        parts.append(
            _text(bar_width + 6, bar_top + bar_height - 3, str(count), size=12, weight="bold")
        )
    return _svg(width, height, "".join(parts), title=title)
