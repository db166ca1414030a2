"""Measurements taken inside the browser page, shared by the browser tests."""

from __future__ import annotations

import re

from playwright.sync_api import Page


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the document is wider than the viewport (0 when it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def draws_distinct_chinese_glyphs(page: Page, selector: str) -> bool:
    """Whether the font of ``selector`` draws 法 and 治 as different, non-empty glyphs.

    Without a Chinese font both come out as the same empty box (tofu), so the two drawings are
    identical; with one they differ.
    """
    return page.evaluate(
        """(selector) => {
            const family = getComputedStyle(document.querySelector(selector)).fontFamily;
            const canvas = document.createElement("canvas");
            canvas.width = canvas.height = 48;
            const ctx = canvas.getContext("2d");
            const draw = (character) => {
                ctx.clearRect(0, 0, 48, 48);
                ctx.font = `32px ${family}`;
                ctx.fillText(character, 4, 36);
                return ctx.getImageData(0, 0, 48, 48).data;
            };
            const a = draw("法"), b = draw("治");
            const inked = a.some((value) => value !== 0);
            return inked && a.some((value, i) => value !== b[i]);
        }""",
        selector,
    )


def focused_element(page: Page) -> dict:
    """The focused element: tag, id, text, whether :focus-visible applies, and its outline."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {
                tag: el.tagName.toLowerCase(),
                id: el.id,
                text: (el.innerText || "").trim(),
                focusVisible: el.matches(":focus-visible"),
                outlineStyle: style.outlineStyle,
                outlineWidth: parseFloat(style.outlineWidth),
                outlineColor: style.outlineColor,
            };
        }"""
    )


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast of two computed CSS colours (``rgb(…)``/``rgba(…)``, opaque)."""

    def luminance(colour: str) -> float:
        red, green, blue = (int(part) for part in re.findall(r"\d+", colour)[:3])
        linear = [
            c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4
            for c in (red, green, blue)
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
