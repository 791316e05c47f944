"""A parsed query as SQL over the search index's tables, by the same field rules as the matcher."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from dipreader.model.query import And, DateBound, Field, Flag, Node, Not, Or, fts_expression, is_words_only
from dipreader.model.query_match import FactKind, ValueTest, Vocabulary, value_tests

# A field matching this many rows (or this share of all) is checked row by row, newest first, until
# the limit is reached; a rarer one is looked up and its few rows sorted.
DENSE_ROWS = 500
DENSE_SHARE = 50
MATCHES_TEXT = "d.id IN (SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?)"
HAS_NOTES = "EXISTS (SELECT 1 FROM docs n WHERE n.kind = 'note' AND n.article_id = d.article_id)"


@dataclass
class Conditions:
    """Turns query nodes into SQL conditions on `docs d`, collecting their parameters in order.

    `values(kind)` maps the stored fact keys of a kind to how many rows carry them: a field is
    resolved in Python by the matcher's own test and applied in SQL as a set of keys, written so
    that SQLite walks that set when it is small and the rows (newest first) when it is large.
    """

    values: Callable[[FactKind], Mapping[str, int]]
    rows: int
    vocabulary: Vocabulary
    noted_by_caller: bool
    params: list[object] = field(default_factory=list)

    def of(self, node: Node, negated: bool = False) -> str:
        """The condition for `node`; `negated` when a NOT is above it. Without one, a comparison with
        NULL (an undated article) may stay NULL, which WHERE takes as false, and SQLite can use an
        index; under a NOT it must be made false first, or the NOT would not make it true."""
        if is_words_only(node):
            expression = fts_expression(node)
            if expression is not None:
                self.params.append(expression)
                return MATCHES_TEXT
        if isinstance(node, Not):
            return f"NOT ({self.of(node.term, negated=True)})"
        if isinstance(node, And | Or):
            joiner = " AND " if isinstance(node, And) else " OR "
            return "(" + joiner.join(self.of(term, negated) for term in node.terms) + ")"
        if isinstance(node, Field):
            return self.field(node, negated)
        if isinstance(node, DateBound):
            self.params.append(
                node.first_day.toordinal() if node.name == "from" else node.last_day.toordinal()
            )
            comparison = "d.day_to >= ?" if node.name == "from" else "d.day_from <= ?"
            return f"IFNULL({comparison}, 0)" if negated else comparison
        if isinstance(node, Flag):
            return self.flag(node)
        raise AssertionError(f"words are matched above: {node!r}")  # pragma: no cover

    def field(self, leaf: Field, negated: bool) -> str:
        tests = value_tests(leaf, self.vocabulary)
        said = [part for test in tests if (part := self.value_test(test, negated))]
        return "(" + " OR ".join(said) + ")" if said else "0"

    def value_test(self, test: ValueTest, negated: bool) -> str | None:
        counts = self.values(test.kind)
        keys = [key for key in counts if test(key)]
        if not keys:
            return None
        dense = sum(counts[key] for key in keys) >= max(DENSE_ROWS, self.rows // DENSE_SHARE)
        chosen = "(SELECT value FROM json_each(?))"
        self.params.append(json.dumps(keys))
        if test.kind == "source":
            condition = f"{'+' if dense else ''}d.source_key IN {chosen}"
            return f"IFNULL({condition}, 0)" if negated else condition
        if test.kind == "tag":
            if dense:
                return f"EXISTS (SELECT 1 FROM doc_tags t WHERE t.doc = d.id AND t.value IN {chosen})"
            return f"d.id IN (SELECT doc FROM doc_tags WHERE value IN {chosen})"
        self.params.insert(len(self.params) - 1, test.kind)
        if dense:
            return (
                "EXISTS (SELECT 1 FROM facts f WHERE f.article_id = d.article_id"
                f" AND f.kind = ? AND f.value IN {chosen})"
            )
        return f"d.article_id IN (SELECT article_id FROM facts WHERE kind = ? AND value IN {chosen})"

    def flag(self, flag: Flag) -> str:
        if flag.name == "read":
            return "dip_read(d.article_id)"
        if flag.name == "unread":
            return "NOT dip_read(d.article_id)"
        return "dip_noted(d.article_id)" if self.noted_by_caller else HAS_NOTES
