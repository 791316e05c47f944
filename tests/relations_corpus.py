"""A small mixed library for the Relations tests: two pairs, an article about one country, a summit."""

from __future__ import annotations

from pathlib import Path

ARTICLES = {
    "a1": """---
title: Azerbaijan and Italy sign energy memorandum
date: 2024-05-10
---
BAKU, Azerbaijan, May 10. Azerbaijani Foreign Minister Jeyhun Bayramov met Italian Foreign Minister Antonio Tajani in Baku on May 9, 2024.

The ministers discussed cooperation in energy and transport.

A memorandum of understanding on energy was signed by the two countries in Rome in 2023.

President Ilham Aliyev will visit Italy in September 2024.
""",
    "a2": """---
title: Deputy foreign ministers of Azerbaijan and Italy hold consultations
date: 2025-03-04
---
Azerbaijani Deputy Foreign Minister Fariz Rzayev and Italian Deputy Minister Edmondo Cirielli held political consultations in Rome on March 3, 2025.

The sides discussed cooperation in the fields of education and culture.

The diplomatic relations between the two countries were established on May 8, 1992.
""",
    "a3": """---
title: Japan and Italy discuss technology cooperation
date: 2025-06-03
---
Japanese Foreign Minister Yoko Kamikawa met Deputy Prime Minister Antonio Tajani of Italy in Tokyo on June 2, 2025.

The two ministers discussed cooperation in technology and tourism.
""",
    "a4": """---
title: Italian parliament approves the budget
date: 2025-01-15
---
The Italian parliament approved the budget on January 14, 2025. Speaker Lorenzo Fontana of Italy praised the vote.
""",
    "a5": """---
title: Leaders of Azerbaijan, Türkiye and Kazakhstan meet in Astana
date: 2025-10-07
---
President Ilham Aliyev of Azerbaijan and President Kassym-Jomart Tokayev of Kazakhstan met in Astana on October 6, 2025.
""",
}
AZ_IT = ("Azerbaijan", "Italy")
IT_JP = ("Italy", "Japan")


def write_corpus(root: Path, names: tuple[str, ...] = tuple(ARTICLES)) -> Path:
    """The articles (all by default) as files under `root`."""
    root.mkdir(parents=True, exist_ok=True)
    for name in names:
        (root / f"{name}.md").write_text(ARTICLES[name], encoding="utf-8")
    return root
