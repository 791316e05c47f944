"""Regenerate screenshots/*.svg from the running app on the sample articles."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "ui")]

from apphelpers import make_app, wait_for_index  # noqa: E402

SHOTS: dict[str, tuple[str, ...]] = {
    "reader": ("enter", "right_square_bracket"),
    "chronology": ("2",),
    "who": ("3",),
    "notes": ("4",),
    "relations": ("5",),
    "help": ("question_mark",),
}


def add_sample_note(data_dir: Path) -> None:
    """A note on the first sentence of the newest sample article, so the Notes tab has something."""
    from samples import load_corpus

    from dipreader.model.anchoring import make_annotation
    from dipreader.paths import sample_articles_dir, store_path
    from dipreader.store import Store

    article = load_corpus(sample_articles_dir()).articles[0]
    end = article.body.index(".", article.body.index("On November 27")) + 1
    start = article.body.index("On November 27")
    data_dir.mkdir(parents=True, exist_ok=True)
    with Store.open(store_path(data_dir)) as store:
        store.add_annotation(
            make_annotation(
                article.id,
                article.body,
                article.meta.content_hash,
                start,
                end,
                note="First meeting of the Rome visit; compare with the Senate meeting the day before.",
                tags=("visit", "follow-up"),
            )
        )


async def take(name: str, keys: tuple[str, ...], data_dir: Path) -> None:
    if name == "notes":
        add_sample_note(data_dir)
    app = make_app(data_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_index(pilot, app)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        app.save_screenshot(str(ROOT / "screenshots" / f"{name}.svg"))


def main() -> None:
    (ROOT / "screenshots").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        # The app reads settings and knowledge from the config dir: the defaults, not this user's.
        os.environ["DIPREADER_CONFIG_DIR"] = str(Path(tmp) / "config")
        for name, keys in SHOTS.items():
            asyncio.run(take(name, keys, Path(tmp) / name))
            print(f"screenshots/{name}.svg")


if __name__ == "__main__":
    main()
