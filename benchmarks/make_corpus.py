"""Seeded generator of agency-style articles on bilateral diplomacy, for benchmarks.

Usage: python benchmarks/make_corpus.py DIR --count N [--seed S]

The same seed and count always give the same files (names and bytes). About one
file in eight has no front matter (title on the first line, date in a dateline).
Lengths follow a long tail: most articles are a few hundred words, a few reach 5,000.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from pathlib import Path

COUNTRIES = [
    ("Azerbaijan", "Azerbaijani", "Baku"),
    ("Italy", "Italian", "Rome"),
    ("Turkey", "Turkish", "Ankara"),
    ("Georgia", "Georgian", "Tbilisi"),
    ("Kazakhstan", "Kazakh", "Astana"),
    ("Uzbekistan", "Uzbek", "Tashkent"),
    ("France", "French", "Paris"),
    ("Germany", "German", "Berlin"),
    ("Japan", "Japanese", "Tokyo"),
    ("China", "Chinese", "Beijing"),
    ("India", "Indian", "New Delhi"),
    ("Brazil", "Brazilian", "Brasilia"),
    ("Egypt", "Egyptian", "Cairo"),
    ("Poland", "Polish", "Warsaw"),
    ("Hungary", "Hungarian", "Budapest"),
    ("Pakistan", "Pakistani", "Islamabad"),
    ("Indonesia", "Indonesian", "Jakarta"),
    ("Mexico", "Mexican", "Mexico City"),
    ("Kenya", "Kenyan", "Nairobi"),
    ("Spain", "Spanish", "Madrid"),
    ("Serbia", "Serbian", "Belgrade"),
    ("Qatar", "Qatari", "Doha"),
    ("Vietnam", "Vietnamese", "Hanoi"),
    ("Argentina", "Argentine", "Buenos Aires"),
]
AGENCIES = [
    "Trend",
    "Anadolu",
    "Xinhua",
    "AzerTag",
    "Kazinform",
    "ANSA",
    "Reuters",
    "TASS",
    "Kyodo",
    "MENAFN",
]
TITLES = [
    "Foreign Minister",
    "Deputy Foreign Minister",
    "Prime Minister",
    "President",
    "Minister of Economy",
    "Minister of Energy",
    "Defense Minister",
    "Ambassador",
    "Speaker of Parliament",
    "Deputy Prime Minister",
    "Minister of Culture",
    "Trade Minister",
]
FIRST_NAMES = [
    "Fariz",
    "Edmondo",
    "Jeyhun",
    "Antonio",
    "Mukhtar",
    "Bakhtiyor",
    "Catherine",
    "Annalena",
    "Yoko",
    "Wang",
    "Subrahmanyam",
    "Mauro",
    "Sameh",
    "Radoslaw",
    "Peter",
    "Ishaq",
    "Retno",
    "Marcelo",
    "Musalia",
    "Jose",
    "Marko",
    "Mohammed",
    "Bui",
    "Santiago",
    "Nodir",
    "Elena",
]
SURNAMES = [
    "Rzayev",
    "Cirielli",
    "Bayramov",
    "Tajani",
    "Tileuberdi",
    "Saidov",
    "Colonna",
    "Baerbock",
    "Kamikawa",
    "Yi",
    "Jaishankar",
    "Vieira",
    "Shoukry",
    "Sikorski",
    "Szijjarto",
    "Dar",
    "Marsudi",
    "Ebrard",
    "Mudavadi",
    "Albares",
    "Djuric",
    "Al Thani",
    "Thanh Son",
    "Cafiero",
    "Kholmatov",
    "Petrova",
]
SECTORS = [
    "trade-economic",
    "energy",
    "defense and security",
    "transport",
    "logistics",
    "humanitarian",
    "culture",
    "education",
    "technology",
    "tourism",
    "environment",
    "agriculture",
    "health",
    "reconstruction",
    "investment",
    "green energy",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
RELATIVE = [
    "last year",
    "next month",
    "yesterday",
    "on Monday",
    "earlier this year",
    "last week",
    "September of this year",
    "next year",
]
LINKING = [
    "Meanwhile",
    "Additionally",
    "Earlier",
    "In addition",
    "At the same time",
    "Notably",
    "According to the ministry",
    "It was noted that",
    "The sides stressed that",
]


@dataclass(frozen=True)
class Story:
    """The cast of one article: two countries, a date, officials and the agency."""

    home: tuple[str, str, str]
    guest: tuple[str, str, str]
    year: int
    month: int
    day: int
    officials: tuple[str, ...]
    agency: str


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def _story(rng: random.Random) -> Story:
    home, guest = rng.sample(COUNTRIES, 2)
    officials = tuple(
        f"{adjective} {rng.choice(TITLES)} {_person(rng)}"
        for adjective in (home[1], guest[1], rng.choice((home[1], guest[1])))
    )
    return Story(
        home,
        guest,
        rng.randint(2000, 2025),
        rng.randint(1, 12),
        rng.randint(1, 28),
        officials,
        rng.choice(AGENCIES),
    )


def _sentence(rng: random.Random, story: Story) -> str:
    home, guest = story.home[0], story.guest[0]
    official = rng.choice(story.officials)
    surname = official.split()[-1]
    sector, other = rng.sample(SECTORS, 2)
    month = MONTHS[rng.randrange(12)]
    when = rng.choice(
        [
            f"on {month} {rng.randint(1, 28)}",
            f"in {month} {story.year - rng.randint(0, 3)}",
            rng.choice(RELATIVE),
            f"in {story.year - rng.randint(1, 30)}",
        ]
    )
    templates = [
        f"{official} met with the delegation of {guest} {when} to discuss {sector} cooperation.",
        f"The parties discussed the prospects of {sector} and {other} ties between {home} and {guest}.",
        f"{surname} noted that the trade turnover between the two countries grew {when}.",
        f"{rng.choice(LINKING)}, the intergovernmental commission on {sector} will meet {when}.",
        f"A memorandum on {sector} was signed {when} in {rng.choice((story.home, story.guest))[2]}.",
        f"{official} thanked his counterpart for the hospitality and invited him to visit {home}.",
        f"The relations between {home} and {guest} have reached the level of strategic partnership.",
        f"{rng.choice(LINKING)}, {surname} stressed the importance of {other} projects.",
    ]
    return rng.choice(templates)


def _body(rng: random.Random, story: Story, words: int, dateline: bool) -> str:
    paragraphs: list[str] = []
    if dateline:
        city, country = story.home[2].upper(), story.home[0]
        lead = (
            f"{city}, {country}, {MONTHS[story.month - 1]} {story.day}. {story.officials[0]} "
            f"held talks with {story.officials[1]} on {MONTHS[story.month - 1]} {story.day}, "
            f"{story.year}, {story.agency} reports."
        )
    else:
        lead = (
            f"{story.officials[0]} held talks with {story.officials[1]} on "
            f"{MONTHS[story.month - 1]} {story.day}, {story.agency} reports."
        )
    paragraphs.append(lead)
    count = len(lead.split())
    while count < words:
        sentences = [_sentence(rng, story) for _ in range(rng.randint(2, 5))]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs) + "\n"


def article_length(rng: random.Random) -> int:
    """Words in an article: a long tail from about 120 to 5,000."""
    return min(5000, int(120 + rng.paretovariate(1.6) * 120))


def article_text(rng: random.Random, words: int, front_matter: bool = True) -> tuple[str, str]:
    """(slug, file text) of one generated article of about `words` words."""
    story = _story(rng)
    home, guest = story.home, story.guest
    title = rng.choice(
        [
            f"{home[0]} and {guest[0]} discuss {rng.choice(SECTORS)} cooperation",
            f"{home[1]} and {guest[1]} foreign ministers meet in {home[2]}",
            f"{guest[0]} and {home[0]} hold political consultations",
            f"{story.officials[0]} receives {guest[1]} delegation",
        ]
    )
    slug = "-".join(title.lower().replace("'", "").split())[:60]
    body = _body(rng, story, words, dateline=not front_matter)
    if not front_matter:
        return slug, f"{title}\n\n{body}"
    date = f"{story.year:04d}-{story.month:02d}-{story.day:02d}"
    front = (
        f"---\ntitle: {title}\ndate: {date}\nsource: {story.agency}\n"
        f"place: {home[2]}\ntags: [{rng.choice(('visit', 'consultations', 'talks'))}]\n---\n"
    )
    return slug, front + body


def make_corpus(root: Path, count: int, seed: int = 7) -> list[Path]:
    """Write `count` articles under `root` (one folder per 1,000); return their paths in order."""
    rng = random.Random(seed)
    written: list[Path] = []
    for index in range(count):
        front_matter = rng.random() >= 0.125
        slug, text = article_text(rng, article_length(rng), front_matter)
        folder = root / f"{index // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        suffix = ".md" if front_matter else ".txt"
        path = folder / f"{index:06d}-{slug}{suffix}"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def ensure_corpus(root: Path, count: int, seed: int = 7) -> Path:
    """Generate the corpus once and reuse it: a marker file records the count and seed."""
    marker = root / ".complete"
    wanted = f"{count} {seed}\n"
    if marker.exists() and marker.read_text() == wanted:
        return root
    make_corpus(root, count, seed)
    marker.write_text(wanted)
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    ensure_corpus(args.root, args.count, args.seed)
    print(f"{args.count} articles in {args.root}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
