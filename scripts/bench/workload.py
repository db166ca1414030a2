"""Query terms per class, chosen by their measured document frequency in the corpus."""

from __future__ import annotations

import random
from dataclasses import dataclass

from .common import COMMON_MIN_DF, GENERAL_WORDS, MEDIUM_DF, RARE_MAX_DF


@dataclass
class Workload:
    queries: dict[str, list[dict[str, object]]]  # class → [{"q", "terms", "filters", "df"}]
    sample_sections: int


def sample_sections(size: int, rng: random.Random) -> list[str]:
    from django.db import connection

    from reports.models import Report, Section

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT max(id) FROM {Section._meta.db_table}")
        (max_id,) = cursor.fetchone()
        ids = sorted({rng.randint(1, max_id) for _ in range(size)})
        cursor.execute(
            f"SELECT s.heading || ' ' || s.body FROM {Section._meta.db_table} s "
            f"JOIN {Report._meta.db_table} r ON r.id = s.report_id "
            f"WHERE s.id = ANY(%s) AND r.is_current",
            [ids],
        )
        return [row[0] for row in cursor.fetchall()]


def document_frequency(term: str, texts: list[str]) -> float:
    return sum(term in text for text in texts) / len(texts)


def choose_workload(per_class: int, seed: int) -> Workload:
    """Query terms for each class, chosen by their document frequency in a sample of sections."""
    from django.db.models import Count

    from reports.ingest.sections import TAXONOMY
    from reports.models import Region, Report

    rng = random.Random(seed)
    texts = sample_sections(30_000, rng)
    candidates = sorted({k for keywords in TAXONOMY.values() for k in keywords} | set(GENERAL_WORDS))
    df = {term: document_frequency(term, texts) for term in candidates}

    places = list(
        Region.objects.filter(level="county", agencies__reports__is_synthetic=True)
        .values_list("name", flat=True)
        .distinct()
    )
    rng.shuffle(places)
    rare = []
    for name in places[:400]:
        share = document_frequency(name, texts)
        if 0 < share <= RARE_MAX_DF and len(name) >= 3:
            rare.append((name, share))
        if len(rare) >= per_class:
            break

    medium = [(t, f) for t, f in df.items() if MEDIUM_DF[0] <= f <= MEDIUM_DF[1] and len(t) >= 2]
    rng.shuffle(medium)
    common = sorted(((t, f) for t, f in df.items() if f >= COMMON_MIN_DF), key=lambda item: -item[1])
    if len(common) < per_class:
        common = sorted(df.items(), key=lambda item: -item[1])[: max(per_class, 3)]

    # Phrases: 6-character runs of Han characters from sampled text, kept if moderately frequent.
    phrases: list[tuple[str, float]] = []
    for _ in range(2000):
        text = rng.choice(texts)
        if len(text) < 20:
            continue
        start = rng.randrange(0, len(text) - 6)
        window = text[start : start + 6]
        if all("\u4e00" <= c <= "\u9fff" for c in window):
            share = document_frequency(window, texts[:5000])
            if MEDIUM_DF[0] / 2 <= share <= MEDIUM_DF[1]:
                phrases.append((window, share))
        if len(phrases) >= per_class:
            break

    pairs = []
    for index in range(per_class):
        if len(medium) >= 2:
            a, b = medium[(2 * index) % len(medium)], medium[(2 * index + 1) % len(medium)]
            both = sum(a[0] in t and b[0] in t for t in texts) / len(texts)
            pairs.append(((a[0], b[0]), both))

    top_province = (
        Report.objects.filter(is_synthetic=True, year=2023)
        .values(
            "agency__region__parent__parent__code", "agency__region__parent__code", "agency__region__code"
        )
        .annotate(n=Count("pk"))
    )
    province_counts: dict[str, int] = {}
    for row in top_province:
        code = next(
            (
                c
                for c in (
                    row["agency__region__parent__parent__code"],
                    row["agency__region__parent__code"],
                    row["agency__region__code"],
                )
                if c and c.endswith("0000")
            ),
            None,
        )
        if code:
            province_counts[code] = province_counts.get(code, 0) + row["n"]
    provinces = sorted(province_counts, key=lambda c: -province_counts[c])

    def query(terms: tuple[str, ...], share: float, filters: dict[str, str] | None = None, phrase=False):
        text = " ".join(f'"{t}"' if phrase else t for t in terms)
        return {"q": text, "terms": list(terms), "filters": filters or {}, "df": round(share, 5)}

    queries = {
        "rare": [query((t,), f) for t, f in rare[:per_class]],
        "medium": [query((t,), f) for t, f in medium[:per_class]],
        "common": [query((t,), f) for t, f in common[:per_class]],
        "and": [query(ts, f) for ts, f in pairs],
        "phrase": [query((t,), f, phrase=True) for t, f in phrases[:per_class]],
        "filtered": [
            query((t,), f, {"province": provinces[i % len(provinces)], "year": "2023"})
            for i, (t, f) in enumerate(common[:per_class])
        ]
        if provinces
        else [],
    }
    return Workload(queries, len(texts))
