"""Articles per second for extract_entities on a seeded synthetic corpus (median of repeated runs).

.venv/bin/python benchmarks/bench_extraction.py [--articles 10000] [--repeats 5] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time

from dipreader.extract.entities import extract_entities
from dipreader.model.knowledge import bundled_knowledge

_COUNTRIES = [
    ("Azerbaijan", "Azerbaijani", "BAKU"),
    ("Italy", "Italian", "ROME"),
    ("Kazakhstan", "Kazakh", "ASTANA"),
    ("Hungary", "Hungarian", "BUDAPEST"),
    ("Japan", "Japanese", "TOKYO"),
    ("Brazil", "Brazilian", "BRASILIA"),
    ("Egypt", "Egyptian", "CAIRO"),
    ("Georgia", "Georgian", "TBILISI"),
    ("France", "French", "PARIS"),
    ("Pakistan", "Pakistani", "ISLAMABAD"),
    ("Uzbekistan", "Uzbek", "TASHKENT"),
    ("Spain", "Spanish", "MADRID"),
]
_GIVEN = [
    "Murat",
    "Péter",
    "Hakan",
    "Giorgia",
    "Shalva",
    "Yuriko",
    "Mauro",
    "Badr",
    "Irakli",
    "Khalaf",
    "Susana",
    "Quirino",
    "Jean-Noël",
    "Bakhtiyor",
    "Fariz",
    "Sahib",
    "Luis",
    "Wael",
]
_FAMILY = [
    "Nurtleu",
    "Kövér",
    "Fidan",
    "Meloni",
    "Papuashvili",
    "Koike",
    "Vieira",
    "Abdelatty",
    "Kobakhidze",
    "Khalafov",
    "Sumelzo",
    "Ordaz Coppel",
    "Barrot",
    "Saidov",
    "Rzayev",
    "Mammadov",
    "García Montero",
    "Hamed",
    "de la Fuente",
]
_TITLES = [
    "Deputy Foreign Minister",
    "Minister of Foreign Affairs",
    "President of the {adj} Senate",
    "Prime Minister",
    "Minister of Economy",
    "Ambassador",
    "Speaker of Parliament",
]
_SECTORS = [
    "trade",
    "energy",
    "defense",
    "transport",
    "logistics",
    "culture",
    "education",
    "tourism",
    "agriculture",
    "health",
    "digital technologies",
    "humanitarian",
    "investment",
]


def synthetic_article(rng: random.Random) -> str:
    (home, home_adj, city), (guest, guest_adj, _) = rng.sample(_COUNTRIES, 2)
    host = f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}"
    visitor = f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}"
    title = rng.choice(_TITLES).format(adj=guest_adj)
    fields = ", ".join(rng.sample(_SECTORS, rng.randint(3, 7)))
    paragraphs = [
        f"{city}, {home}, May {rng.randint(1, 28)}. {home_adj} {rng.choice(_TITLES).format(adj=home_adj)} "
        f"{host} met with {title} of {guest} {visitor}, Trend reports.",
        f"The sides discussed cooperation in {fields} and other areas, as well as political dialogue.",
        f"{host.split()[-1]} noted the role of the Heydar Aliyev Foundation and of his {guest_adj} "
        f"counterpart. Mr. {visitor.split()[-1]} said energy cooperation was a priority.",
    ]
    filler = "The parties also exchanged views on regional and international issues. " * rng.randint(2, 8)
    return "\n\n".join([*paragraphs, filler.strip()])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args(argv)
    rng = random.Random(options.seed)
    corpus = [synthetic_article(rng) for _ in range(options.articles)]
    knowledge = bundled_knowledge()
    extract_entities(corpus[0], knowledge)  # warm the compiled patterns
    rates = []
    for _ in range(options.repeats):
        started = time.perf_counter()
        for text in corpus:
            extract_entities(text, knowledge)
        rates.append(len(corpus) / (time.perf_counter() - started))
    characters = sum(len(text) for text in corpus) / len(corpus)
    print(
        f"{options.articles} synthetic articles (~{characters:.0f} characters each), "
        f"{options.repeats} runs: median {statistics.median(rates):,.0f} articles/second "
        f"(min {min(rates):,.0f}, max {max(rates):,.0f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
