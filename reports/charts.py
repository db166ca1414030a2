"""Small inline SVG charts drawn on the server: a sparkline and a horizontal bar chart.

Pure functions: numbers and labels in, an SVG string out (marked safe for templates). No
scripts, no external fonts or images, so the charts work offline and in any browser. Every
chart is ``role="img"`` with an ``aria-label`` and a ``<title>`` that state the values in words,
and every piece of text is escaped. A missing value (``None``) is never drawn as 0: the
sparkline leaves a gap and the bar chart says 未报告 without a bar.
"""

from __future__ import annotations

from collections.abc import Sequence
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
) -> SafeString:
    """A line through the points (x = position, y = value) with a dot on each present value.

    ``points`` are ``(label, value)`` in order, e.g. ``[("2021年", 12), ("2022年", None)]``;
    a ``None`` breaks the line (no figure that year), it is not drawn as zero. ``texts``, when
    given, say each point in words for the title (as the table cell does: 1300余人, 全覆盖(100%)).
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
) -> SafeString:
    """Horizontal bars, one per row, scaled from 0 (or the lowest negative value) to the highest.

    Labels longer than ``label_chars`` are shortened with … (the full label stays in the bar's
    ``<title>``). A bar with an ``href`` is a link. The SVG scales down to its container's width.
    """
    values = [float(bar.value) for bar in bars if bar.value is not None]
    low, high = min([0.0, *values]), max([0.0, *values])
    span = (high - low) or 1.0
    text_room = 80
    plot = width - label_width - text_room
    zero_x = label_width + (0 - low) / span * plot
    height = max(len(bars), 1) * (bar_height + gap) + gap
    summary = "、".join(f"{bar.label} {bar.text or _value_text(bar.value)}" for bar in bars)
    title = f"{label}:{summary}" if bars else f"{label}:无数据"
    parts = [
        f'<svg class="chart chart--bars" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" preserveAspectRatio="xMinYMin meet" role="img" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
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
            x_end = label_width + (float(bar.value) - low) / span * plot
            left, right = sorted((zero_x, x_end))
            group.append(
                f'<rect class="chart__bar" x="{_fmt(left)}" y="{top}" width="{_fmt(max(right - left, 1))}" '
                f'height="{bar_height}"/>'
            )
            group.append(
                f'<text class="chart__value" x="{_fmt(right + 4)}" y="{_fmt(middle)}" '
                f'dominant-baseline="middle">{escape(shown)}</text>'
            )
        body = "".join(group)
        if bar.href:
            parts.append(f'<a class="chart__link" href="{escape(bar.href)}">{body}</a>')
        else:
            parts.append(f"<g>{body}</g>")
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text piece above went through escape()


def _number_text(value: Number) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return format(Decimal(str(value)).normalize(), "f")


def _value_text(value: Number | None) -> str:
    return MISSING_TEXT if value is None else _number_text(value)
