"""Print the figures of docs/extraction.md, "Dates and chronology": python scripts/chronology_figures.py."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(ROOT / "tests" / "unit")]

from date_scoring import (  # noqa: E402
    FIXTURES,
    Score,
    heldout_publication_dates,
    load_expectations,
    score_genre,
    score_heldout,
    score_seeds,
)

from dipreader.extract.dates.pubdate import infer_publication_date  # noqa: E402


def _row(name: str, score: Score) -> str:
    return (
        f"| {name} | {score.found}/{score.expected} = {score.recall:.3f} "
        f"| {score.correct_events}/{score.events} = {score.precision:.3f} |"
    )


def _publication_dates() -> str:
    right = total = 0
    for article in load_expectations("seeds_dates.yaml"):
        date, _ = infer_publication_date((FIXTURES / "seeds" / article["file"]).read_text("utf-8"))
        gold = article["publication_date"]
        total += 1
        conservative = gold["method"] in ("inferred", "unknown") and date is None
        right += conservative or (date is not None and date.iso() == gold["value"])
    for name in ("expected.yaml", "heldout.yaml"):
        for article in load_expectations(f"genre_dates/{name}"):
            date, _ = infer_publication_date((FIXTURES / "genre_dates" / article["file"]).read_text("utf-8"))
            total += 1
            right += (date.iso() if date else None) == article["publication_date"]["value"]
    return f"Publication dates right (undated where the text cannot tell): {right}/{total}"


def main() -> None:
    scores = [
        ("sample articles, gold article date", score_seeds()),
        ("sample articles, article date from the text", score_seeds("inferred")),
        ("own genre articles (7)", score_genre()),
        ("held-out genre articles (3)", score_genre("heldout.yaml")),
        ("held-out agency set (13), gold article date", score_heldout()),
        ("held-out agency set (13), article date from the text", score_heldout(True)),
    ]
    print("| set | expressions found & normalised (recall) | events correct (precision) |")
    print("| --- | --- | --- |")
    for name, score in scores:
        print(_row(name, score))
    print()
    print(_publication_dates())
    right, total, wrong = heldout_publication_dates()
    print(f"Held-out agency set, publication dates right: {right}/{total}")
    for line in wrong:
        print(f"- {line}")
    for name, score in scores:
        for line in score.misses + score.wrong:
            print(f"- {name}: {line}")


if __name__ == "__main__":
    main()
