"""A query said to SQLite FTS5: every user token quoted, so its syntax (NEAR, ^, *, col:) is only words."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from dipreader.model.query import UNSAFE_CHARACTERS, And, Node, Not, Or, Query, Words, iter_leaves


def fts_quote(text: str) -> str:
    """`text` as one FTS5 string: whatever it holds (NEAR, AND, ^, *, col:) is only words to it."""
    return '"' + UNSAFE_CHARACTERS.sub(" ", text).replace('"', '""') + '"'


def is_words_only(node: Node) -> bool:
    return all(isinstance(leaf, Words) for leaf in iter_leaves(node))


def fts_expression(node: Node) -> str | None:
    """An FTS5 MATCH expression for a tree of words, every user token quoted; None when the tree holds
    anything but words, or a negation FTS5 cannot say (it has no NOT without something before it)."""
    if isinstance(node, Words):
        return fts_quote(node.text) + (" *" if node.prefix else "")
    if isinstance(node, Not):
        return None
    parts = node.terms if isinstance(node, And | Or) else ()
    if not parts:
        return None
    if isinstance(node, Or):
        said = [fts_expression(term) for term in parts]
        return None if any(part is None for part in said) else "(" + " OR ".join(map(str, said)) + ")"
    wanted = [term for term in parts if not isinstance(term, Not)]
    unwanted = [term.term for term in parts if isinstance(term, Not)]
    return _with_exclusions([fts_expression(term) for term in wanted], [fts_expression(t) for t in unwanted])


def _with_exclusions(wanted: list[str | None], unwanted: list[str | None]) -> str | None:
    if not wanted or any(part is None for part in wanted) or any(part is None for part in unwanted):
        return None
    expression = "(" + " AND ".join(map(str, wanted)) + ")"
    if unwanted:
        expression = f"({expression} NOT ({' OR '.join(map(str, unwanted))}))"
    return expression


@dataclass(frozen=True, slots=True)
class TextPlan:
    """How to run a query over a full-text index.

    `match`: the FTS5 expression every result satisfies (the top-level words and the words they
    exclude), or None; `rest`: the top-level terms it does not cover, for the caller to apply;
    `rank`: the words not under a negation, OR-ed, to rank and highlight by (None without words).
    """

    match: str | None
    rest: tuple[Node, ...]
    rank: str | None


def plan_text(query: Query) -> TextPlan:
    """Split a query into its FTS5 part and the rest."""
    if query.root is None:
        return TextPlan(None, (), None)
    conjuncts = query.root.terms if isinstance(query.root, And) else (query.root,)
    wanted: list[str] = []
    unwanted: list[str] = []
    rest: list[Node] = []
    for term in conjuncts:
        said = fts_expression(term) if is_words_only(term) else None
        negated = fts_expression(term.term) if isinstance(term, Not) and is_words_only(term.term) else None
        if said is not None:
            wanted.append(said)
        elif negated is not None:
            unwanted.append(negated)
        else:
            rest.append(term)
    if not wanted:  # FTS5 cannot exclude without something to exclude from: leave it all to the caller
        return TextPlan(None, tuple(conjuncts), _rank(query.root))
    return TextPlan(_with_exclusions(list(wanted), list(unwanted)), tuple(rest), _rank(query.root))


def _rank(root: Node) -> str | None:
    positives = (fts_expression(leaf) for leaf in _positive_words(root))
    return " OR ".join(dict.fromkeys(str(part) for part in positives)) or None


def _positive_words(node: Node) -> Iterator[Words]:
    if isinstance(node, Words):
        yield node
    elif isinstance(node, And | Or):
        for term in node.terms:
            yield from _positive_words(term)
