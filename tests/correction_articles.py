"""A small library for the corrections tests: two people named Ahmed Ali, one name written two ways."""

from __future__ import annotations

from pathlib import Path

ARTICLES = {
    "cairo-finance": (
        "Egypt and Pakistan discuss trade",
        "2025-03-03",
        "CAIRO, 3 March 2025 — Egyptian Minister of Finance Ahmed Ali met Pakistani Ambassador Tariq Khan "
        "in Cairo on Monday.\n\nAli said the talks covered trade and investment between Egypt and Pakistan.",
    ),
    "islamabad-envoy": (
        "Pakistan envoy meets Japanese minister",
        "2025-03-10",
        "ISLAMABAD, 10 March 2025 — Ambassador of Pakistan Ahmed Ali met Japanese Foreign Minister Yoko "
        "Kamikawa in Islamabad on Monday.\n\nKamikawa said Japan and Pakistan would expand cooperation "
        "in energy.",
    ),
    "tokyo-dialogue": (
        "Japan and Korea hold talks in Tokyo",
        "2025-03-12",
        "TOKYO, 12 March 2025 — Japanese Foreign Minister Kamikawa Yoko received Foreign Minister Park Jin "
        "of the Republic of Korea in Tokyo on Wednesday.\n\nPark said the two countries would deepen "
        "cooperation in trade.",
    ),
}


def write_articles(folder: Path) -> Path:
    """The articles as Markdown files with front matter in `folder` (made); returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for article_id, (title, date, body) in ARTICLES.items():
        text = f"---\ntitle: {title}\ndate: {date}\nsource: Test Wire\n---\n{body}\n"
        (folder / f"{article_id}.md").write_text(text, encoding="utf-8")
    return folder
