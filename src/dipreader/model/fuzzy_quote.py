"""Approximate search for a quote in a text: near a hint first, then around shared words."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

NEAR_SLACK = 256
MIN_FUZZY_CHARS = 8
MAX_TOKEN_HITS = 200
MAX_SEED_WORDS = 12
SEED_REGIONS = 6
SCAN_LIMIT = 50_000
SURE_ENOUGH = 0.9
_WORD = re.compile(r"\w{4,}")
_TOKEN = re.compile(r"\w+|[^\w\s]")
MAX_EDGE_WORDS = 3


@dataclass(frozen=True)
class QuoteMatch:
    start: int
    end: int
    similarity: float


@dataclass(frozen=True)
class QuoteShape:
    """The quote and whether it began and ended on word boundaries in its original text."""

    exact: str
    starts_word: bool
    ends_word: bool


def find_similar(shape: QuoteShape, body: str, hint: int | None, threshold: float) -> QuoteMatch | None:
    """The span of `body` most similar to the quote, if at least `threshold` similar.

    Looks in a bounded window around `hint` first; then in windows around places where
    the quote's longer words occur; short bodies are scanned whole. Work stays bounded by
    the quote's length times a handful of windows, whatever the body's length.
    """
    size = len(shape.exact)
    if size < MIN_FUZZY_CHARS or not body:
        return None
    best: QuoteMatch | None = None
    if hint is not None and hint >= 0:
        low = max(0, hint - size - NEAR_SLACK)
        high = min(len(body), hint + 2 * size + NEAR_SLACK)
        best = _align(shape, body, low, high)
        if best is not None and best.similarity >= SURE_ENOUGH:
            return best
    for low, high in _candidate_windows(shape.exact, body):
        found = _align(shape, body, low, high)
        if found is not None and (best is None or found.similarity > best.similarity):
            best = found
    if best is None or best.similarity < threshold:
        return None
    return best


def _candidate_windows(exact: str, body: str) -> Iterator[tuple[int, int]]:
    size = len(exact)
    if len(body) <= 3 * size + 2 * NEAR_SLACK:
        yield 0, len(body)
        return
    seeded = list(_seeded_windows(exact, body))
    if seeded:
        yield from seeded
    elif len(body) <= SCAN_LIMIT:
        step = size + NEAR_SLACK
        for low in range(0, len(body), step):
            yield low, min(len(body), low + 2 * step)


def _seeded_windows(exact: str, body: str) -> Iterator[tuple[int, int]]:
    """Windows where many distinct words of the quote occur at about the right distance."""
    size = len(exact)
    bucket_size = max(32, size // 2)
    votes: defaultdict[int, set[str]] = defaultdict(set)
    first_offsets: dict[str, int] = {}
    for match in _WORD.finditer(exact):
        first_offsets.setdefault(match.group(), match.start())
    # The longest words are the rarest: a dozen of them place the quote as well as all.
    seeds = sorted(first_offsets, key=len, reverse=True)[:MAX_SEED_WORDS]
    for word in seeds:
        offset = first_offsets[word]
        hits = _word_hits(body, word, MAX_TOKEN_HITS + 1)
        if len(hits) > MAX_TOKEN_HITS:
            continue  # too common to say where the quote is
        for hit in hits:
            votes[(hit - offset) // bucket_size].add(word)
    if not votes:
        return
    merged = {
        bucket: len(votes[bucket] | votes.get(bucket - 1, set()) | votes.get(bucket + 1, set()))
        for bucket in votes
    }
    ranked = sorted(merged, key=lambda bucket: (-merged[bucket], bucket))[:SEED_REGIONS]
    for bucket in ranked:
        low = max(0, (bucket - 1) * bucket_size - NEAR_SLACK // 4)
        high = min(len(body), (bucket + 2) * bucket_size + size + NEAR_SLACK // 4)
        yield low, high


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _word_hits(body: str, word: str, limit: int) -> list[int]:
    """Where `word` occurs as a whole word, up to `limit` places (str.find: fast on long text)."""
    hits: list[int] = []
    at = body.find(word)
    while at != -1 and len(hits) < limit:
        before = body[at - 1] if at else " "
        after = body[at + len(word) : at + len(word) + 1] or " "
        if not before.isalnum() and before != "_" and not after.isalnum() and after != "_":
            hits.append(at)
        at = body.find(word, at + len(word))
    return hits


def _align(shape: QuoteShape, body: str, low: int, high: int) -> QuoteMatch | None:
    """The best approximate span of the quote inside body[low:high], aligned word by word.

    Words rather than characters keep the alignment cheap for long quotes, and the span
    always starts and ends on whole words.
    """
    quote = _tokens(shape.exact)
    region = _tokens(body[low:high])
    if not quote or not region:
        return None
    matcher = SequenceMatcher(None, [t.text for t in quote], [t.text for t in region], autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    if not blocks:
        return None
    # Keep the run of blocks around the longest one; stray matches far away are dropped.
    slack = max(3, len(quote) // 4)
    first = last = max(range(len(blocks)), key=lambda index: blocks[index].size)
    while first > 0:
        prev, cur = blocks[first - 1], blocks[first]
        if cur.b - (prev.b + prev.size) > cur.a - (prev.a + prev.size) + slack:
            break
        first -= 1
    while last < len(blocks) - 1:
        cur, nxt = blocks[last], blocks[last + 1]
        if nxt.b - (cur.b + cur.size) > nxt.a - (cur.a + cur.size) + slack:
            break
        last += 1
    kept = blocks[first : last + 1]
    matched = sum(len(quote[block.a + i].text) for block in kept for i in range(block.size))
    text = body[low:high]
    # Words edited at the quote's edges: take as many region words as the quote lost there.
    start_index = _extend(region, text, kept[0].b, -min(kept[0].a, MAX_EDGE_WORDS))
    end_index = _extend(
        region,
        text,
        kept[-1].b + kept[-1].size - 1,
        min(len(quote) - (kept[-1].a + kept[-1].size), MAX_EDGE_WORDS),
    )
    span = region[start_index : end_index + 1]
    quote_chars = sum(len(t.text) for t in quote)
    span_chars = sum(len(t.text) for t in span)
    similarity = 2.0 * matched / (quote_chars + span_chars)
    return QuoteMatch(low + span[0].start, low + span[-1].end, min(1.0, similarity))


def _extend(region: list[_Token], text: str, index: int, steps: int) -> int:
    """Move `steps` words left (negative) or right from `index`, never across a line break."""
    direction = 1 if steps > 0 else -1
    for _ in range(abs(steps)):
        nxt = index + direction
        if not 0 <= nxt < len(region):
            break
        left, right = (region[index], region[nxt]) if direction > 0 else (region[nxt], region[index])
        if "\n" in text[left.end : right.start]:
            break
        index = nxt
    return index
