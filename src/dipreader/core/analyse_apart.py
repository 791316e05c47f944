"""One big article analysed in a child process, which its caller can stop at any moment."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

from dipreader.core.pool import real_standard_streams
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import Article

APART_CHARS = 128 * 1024
"""Bodies longer than this are analysed apart: seconds of extraction in a thread of the app would
hold the interpreter lock that drawing the screen and reading keys need."""
POLL_SECONDS = 0.05


def is_big(article: Article) -> bool:
    return len(article.body) > APART_CHARS


def analyse_apart(
    article: Article, user_knowledge: Path | None, cancelled: Callable[[], bool] = lambda: False
) -> ArticleAnalysis | None:
    """The analysis of `article` with the bundled knowledge and `user_knowledge`, computed in a
    spawned child process while this thread waits without holding the interpreter; None when
    `cancelled()` turns true first (the child is stopped) or the child fails."""
    context = multiprocessing.get_context("spawn")  # the caller is a threaded app: never fork
    receiver, sender = context.Pipe(duplex=False)
    with real_standard_streams():
        child = context.Process(
            target=_analyse_in_child,
            args=(sender, article, str(user_knowledge) if user_knowledge else None),
            daemon=True,
        )
        child.start()
    sender.close()
    try:
        while not cancelled():
            if receiver.poll(POLL_SECONDS):
                received = receiver.recv()
                return received if isinstance(received, ArticleAnalysis) else None
            if not child.is_alive() and not receiver.poll(0):
                return None
        return None
    except (EOFError, OSError):  # the child died while sending
        return None
    finally:
        receiver.close()
        if child.is_alive():
            child.terminate()
        child.join()


def _analyse_in_child(sender: Connection, article: Article, user_knowledge: str | None) -> None:
    from dipreader.extract.analysis import analyse
    from dipreader.model.knowledge import load_knowledge

    try:
        result: ArticleAnalysis | None = analyse(
            article, load_knowledge(Path(user_knowledge) if user_knowledge else None)
        )
    except Exception:  # the parent reads None as "no analysis"; no traceback on its screen
        result = None
    sender.send(result)
    sender.close()
