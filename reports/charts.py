"""Small inline SVG charts drawn on the server: a sparkline and a horizontal bar chart (wide and narrow).

Pure functions: numbers and labels in, an SVG string out (marked safe for templates). No
scripts, no external fonts or images, so the charts work offline and in any browser. Every
chart is ``role="img"`` with an ``aria-label`` and a ``<title>`` that state the values in words,
and every piece of text is escaped. A missing value (``None``) is never drawn as 0: the
sparkline leaves a gap and the bar chart says 未报告 without a bar.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

Number = int | float | Decimal
MISSING_TEXT = "未报告"


def _fmt(value: float) -> str:
    """Coordinates with at most two decimals and no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def sparkline(
    points: Sequence[tuple[str, Number | None]],
    *,
    label: str,
    width: int = 120,
    height: int = 32,
    unit: str = "",
    texts: Sequence[str] | None = None,
    breaks: Collection[int] = (),
) -> SafeString:
    """A line through the points (x = position, y = value) with a dot on each present value.

    ``points`` are ``(label, value)`` in order, e.g. ``[("2021年", 12), ("2022年", None)]``;
    a ``None`` breaks the line (no figure that year), it is not drawn as zero; so does an index
    in ``breaks``, whose point is drawn but not joined to the one before (another measure).
    ``texts``, when given, say each point in words for the title (as the table cell does:
    1300余人, 全覆盖(100%)).
    """
    pad = 4.0
    present = [float(value) for _, value in points if value is not None]
    if texts is None:
        texts = [MISSING_TEXT if value is None else _number_text(value) + unit for _, value in points]
    words = "、".join(f"{name} {text}" for (name, _), text in zip(points, texts, strict=True))
    title = f"{label}:{words}" if points else f"{label}:无数据"
    parts = [
        f'<svg class="chart chart--sparkline" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    if present:
        low, high = min(present), max(present)
        span = high - low
        step = (width - 2 * pad) / max(len(points) - 1, 1)

        def y_of(value: float) -> float:
            if span == 0:
                return height / 2
            return pad + (high - value) / span * (height - 2 * pad)

        runs: list[list[tuple[float, float]]] = [[]]
        dots: list[tuple[float, float]] = []
        for index, (_, value) in enumerate(points):
            x = pad + index * step if len(points) > 1 else width / 2
            if value is None:
                runs.append([])
                continue
            if index in breaks:
                runs.append([])
            point = (x, y_of(float(value)))
            runs[-1].append(point)
            dots.append(point)
        for run in runs:
            if len(run) > 1:
                coords = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in run)
                parts.append(f'<polyline class="chart__line" fill="none" points="{coords}"/>')
        for x, y in dots:
            parts.append(f'<circle class="chart__dot" cx="{_fmt(x)}" cy="{_fmt(y)}" r="2.5"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text piece above went through escape()


@dataclass(frozen=True)
class Bar:
    """One bar: its label (an agency and year), value (None: 未报告), the text shown, a link."""

    label: str
    value: Number | None
    text: str = ""
    href: str = ""


def bar_chart(
    bars: Sequence[Bar],
    *,
    label: str,
    width: int = 520,
    bar_height: int = 18,
    gap: int = 6,
    label_width: int = 220,
    label_chars: int = 18,
    scale: tuple[float, float] | None = None,
) -> SafeString:
    """Horizontal bars, one per row, scaled from 0 (or the lowest negative value) to the highest.

    Labels longer than ``label_chars`` are shortened with … (the full label stays in the bar's
    ``<title>``). A bar with an ``href`` is a link. The SVG scales down to its container's width,
    so its text shrinks with it: on a narrow screen ``narrow_bar_chart`` is the one to show.
    ``scale`` is ``_scale(bars)`` when the caller has it already.
    """
    low, span = scale or _scale(bars)
    text_room = 80
    plot = width - label_width - text_room
    # a bar past the scale (an outlier: 各级合计 5045次 beside 22次) ends at its end, broken
    zero_x = label_width + (0 - low) / span * plot
    height = max(len(bars), 1) * (bar_height + gap) + gap
    parts = [
        f'<svg class="chart chart--bars chart--bars-wide" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'preserveAspectRatio="xMinYMin meet" '
        f"{_image_label(bars, label)}",
    ]
    for index, bar in enumerate(bars):
        top = gap + index * (bar_height + gap)
        middle = top + bar_height / 2
        short = bar.label if len(bar.label) <= label_chars else bar.label[: label_chars - 1] + "…"
        shown = bar.text or _value_text(bar.value)
        group = [f"<title>{escape(bar.label)}:{escape(shown)}</title>"]
        group.append(
            f'<text class="chart__label" x="{label_width - 6}" y="{_fmt(middle)}" text-anchor="end" '
            f'dominant-baseline="middle">{escape(short)}</text>'
        )
        if bar.value is None:
            group.append(
                f'<text class="chart__missing" x="{_fmt(zero_x + 4)}" y="{_fmt(middle)}" '
                f'dominant-baseline="middle">{MISSING_TEXT}</text>'
            )
        else:
            x_end = label_width + min(float(bar.value) - low, span) / span * plot
            left, right = sorted((zero_x, x_end))
            group.append(
                f'<rect class="chart__bar" x="{_fmt(left)}" y="{top}" width="{_fmt(max(right - left, 1))}" '
                f'height="{bar_height}"/>'
            )
            if _past_scale(bar.value, low, span):
                group.append(_break_mark(right - 14, top, bar_height))
            room = (width - right - 4) / WIDE_FONT_PX  # a value in words (无…败诉(0%)) may be long
            group.append(
                f'<text class="chart__value" x="{_fmt(right + 4)}" y="{_fmt(middle)}" '
                f'dominant-baseline="middle">{escape(_shorten(shown, room, keep_end=True))}</text>'
            )
        row = f'x="0" y="{_fmt(top - gap / 2)}" width="{width}" height="{bar_height + gap}"'
        parts.append(_bar_group(bar, group, row))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text piece above went through escape()


WIDE_FONT_PX = 12  # the stylesheet's size of the wide chart's text, in its own units

# The narrow chart's text is never scaled, so it must fit the narrowest container it is shown
# in: a 320 px phone leaves 288 px, 22 characters of 13 px; one is kept spare.
NARROW_LINE_EM = 21
NARROW_LABEL_MIN_EM = 13  # a long value is cut rather than the label: the year and 8 characters of name


def narrow_bar_chart(
    bars: Sequence[Bar],
    *,
    label: str,
    line_height: int = 18,
    bar_height: int = 12,
    gap: int = 10,
    scale: tuple[float, float] | None = None,
) -> SafeString:
    """The bar chart for a narrow screen: each bar's label and value on a line above its bar.

    The SVG has no ``viewBox``: it is as wide as its container and its text keeps the size the
    stylesheet gives it (13 px), never scaled down. Bars are drawn in percentages of the width,
    so they span it whatever it is. The value is at the right end of the label's line, and the
    label is shortened with … so that both fit ``NARROW_LINE_EM`` characters: no value is cut
    off. Same text alternative and links as ``bar_chart`` (and the same ``scale``).
    """
    low, span = scale or _scale(bars)
    zero = (0 - low) / span * 100
    row = line_height + bar_height + gap
    height = max(len(bars), 1) * row
    parts = [
        f'<svg class="chart chart--bars chart--bars-narrow" xmlns="http://www.w3.org/2000/svg" '
        f'width="100%" height="{height}" {_image_label(bars, label)}',
    ]
    for index, bar in enumerate(bars):
        top = index * row
        baseline = top + line_height - 5
        shown = bar.text or _value_text(bar.value)
        value = _shorten(shown, NARROW_LINE_EM - 1 - NARROW_LABEL_MIN_EM, keep_end=True)
        short = _shorten(bar.label, NARROW_LINE_EM - 1 - _width_em(value))
        group = [
            f"<title>{escape(bar.label)}:{escape(shown)}</title>",
            f'<text class="chart__label" x="0" y="{baseline}">{escape(short)}</text>',
            f'<text class="{"chart__missing" if bar.value is None else "chart__value"}" x="100%" '
            f'y="{baseline}" text-anchor="end">{escape(value)}</text>',
        ]
        if bar.value is not None:
            end = min(float(bar.value) - low, span) / span * 100
            left, right = sorted((zero, end))
            group.append(
                f'<rect class="chart__bar" x="{_fmt(left)}%" y="{top + line_height}" '
                f'width="{_fmt(max(right - left, 0.5))}%" height="{bar_height}"/>'
            )
            if _past_scale(bar.value, low, span):  # an outlier: broken near its end
                group.append(
                    f'<rect class="chart__break" x="{_fmt(right - 5)}%" y="{top + line_height - 1}" '
                    f'width="1.5%" height="{bar_height + 2}"/>'
                )
        parts.append(_bar_group(bar, group, f'x="0" y="{top}" width="100%" height="{row}"'))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text piece above went through escape()


# Said under a chart with bars drawn broken past its scale.
BROKEN_NOTE = "有缺口的条形数值远大于其他条形，长度未按比例画出，以所标数字为准。"


def bar_charts(bars: Sequence[Bar], *, label: str) -> SafeString:
    """Both layouts of a bar chart, wide then narrow (the stylesheet shows one for the
    screen), and a note when outliers are drawn broken."""
    scale = _scale(bars)
    broken = any(bar.value is not None and _past_scale(bar.value, *scale) for bar in bars)
    note = f'<p class="chart__note">{BROKEN_NOTE}</p>' if broken else ""
    wide = bar_chart(bars, label=label, scale=scale)
    return mark_safe(wide + narrow_bar_chart(bars, label=label, scale=scale) + note)


# An outlier is at least this many times the next value, and at most this many are broken;
# the scale then ends this far past the largest other value, where the broken bars end.
_OUTLIER_RATIO = 4
_MAX_BROKEN = 2
_ROOM_FOR_BROKEN = 1.25


def _scale(bars: Sequence[Bar]) -> tuple[float, float]:
    """The lowest value drawn (at most 0) and the span from it to the highest (at least 0), or
    to the highest value that is no outlier: one or two values many times all others (武汉's
    各级合计 5045次 beside 22次…13次) would leave every other bar a pixel wide, so they are drawn
    broken past the scale's end, their numbers written beside them as every bar's are."""
    values = [float(bar.value) for bar in bars if bar.value is not None]
    low, high = min([0.0, *values]), max([0.0, *values])
    if low == 0:
        ordered = sorted(values, reverse=True)
        # the most bars that are all outliers to the next (5045次, 360余次, then 63次: both)
        for broken in range(min(_MAX_BROKEN, len(ordered) - 2), 0, -1):
            if ordered[broken] > 0 and ordered[broken - 1] > _OUTLIER_RATIO * ordered[broken]:
                high = ordered[broken] * _ROOM_FOR_BROKEN
                break
    return low, (high - low) or 1.0


def _past_scale(value: Number, low: float, span: float) -> bool:
    """Whether ``value`` is an outlier drawn broken past the scale's end."""
    return float(value) - low > span


def _break_mark(x: float, top: float, bar_height: int) -> str:
    """A gap across a bar drawn past the scale: its length there is not to scale."""
    return f'<rect class="chart__break" x="{_fmt(x)}" y="{top - 1}" width="5" height="{bar_height + 2}"/>'


def _image_label(bars: Sequence[Bar], label: str) -> str:
    """The chart's ``role``, ``aria-label`` and ``<title>``: every bar's label and value in words."""
    summary = "、".join(f"{bar.label} {bar.text or _value_text(bar.value)}" for bar in bars)
    title = f"{label}:{summary}" if bars else f"{label}:无数据"
    return f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'


def _bar_group(bar: Bar, group: list[str], row: str) -> str:
    """A bar's ``<title>`` and then its texts and shapes; with an ``href``, a link over its whole
    ``row`` (the attributes of the rectangle it spans): an invisible area under the texts and the
    bar takes a tap anywhere on it, between the label and the bar too."""
    title, *body = group
    if bar.href:
        # Out of the Tab order: the table beside the chart holds the same links, and the chart is
        # one image to a screen reader (role="img"); a pointer still opens a figure from its bar.
        opening = f'<a class="chart__link" href="{escape(bar.href)}" tabindex="-1">'
        return f'{opening}{title}<rect class="chart__hit" {row}/>{"".join(body)}</a>'
    return f"<g>{title}{''.join(body)}</g>"


def _width_em(text: str) -> float:
    """Roughly how wide ``text`` is drawn, in em: a Chinese character 1, any ASCII one 0.6."""
    return sum(0.6 if ord(char) < 128 else 1.0 for char in text)


def _shorten(text: str, room_em: float, *, keep_end: bool = False) -> str:
    """``text`` if it fits ``room_em``, else its start and … within it (at least 4 characters);
    with ``keep_end``, … and its end: the end of a value in words is its number (…败诉(0%))."""
    if _width_em(text) <= room_em:
        return text
    kept = ""
    for char in reversed(text) if keep_end else text:
        if _width_em(kept + char) + 1 > room_em and len(kept) >= 4:
            break
        kept = char + kept if keep_end else kept + char
    return "…" + kept if keep_end else kept + "…"


def _number_text(value: Number) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return format(Decimal(str(value)).normalize(), "f")


def _value_text(value: Number | None) -> str:
    return MISSING_TEXT if value is None else _number_text(value)
