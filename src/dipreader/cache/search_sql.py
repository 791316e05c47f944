"""A parsed query as SQL over the search index's tables, by the same field rules as the matcher."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from dipreader.model.query import And, DateBound, Field, Flag, Node, Not, Or
from dipreader.model.query_fts import fts_expression, is_words_only
from dipreader.model.query_match import FactKind, ValueTest, Vocabulary, value_tests

# A field this many rows have (or this share of all) is common: where rows are checked one by one
# (newest first to a limit, or the few that match some words), it is looked up per row; otherwise,
# and for a rarer one always, its rows are listed once.
DENSE_ROWS = 500
DENSE_SHARE = 50
MATCHES_TEXT = "d.id IN (SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?)"
HAS_NOTES = "EXISTS (SELECT 1 FROM docs n WHERE n.kind = 'note' AND n.article_id = d.article_id)"


@dataclass
class Conditions:
    """Turns query nodes into SQL conditions on `docs d`, collecting their parameters in order.

    `values(kind)` maps the stored fact keys of a kind to how many rows carry them: a field is
    resolved in Python by the matcher's own test and applied in SQL as a set of keys. `few_checked`:
    SQLite will look at few rows (a limit on the newest, or a rare word), so a common field is best
    tested on each of them; otherwise a field's rows are listed once.
    """

    values: Callable[[FactKind], Mapping[str, int]]
    rows: int
    vocabulary: Vocabulary
    noted_by_caller: bool
    few_checked: bool
    params: list[object] = field(default_factory=list)
    _keys: dict[ValueTest, list[str]] = field(default_factory=dict)

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

    def keys(self, test: ValueTest) -> list[str]:
        if test not in self._keys:
            self._keys[test] = [key for key in self.values(test.kind) if test(key)]
        return self._keys[test]

    def rows_of(self, test: ValueTest) -> int:
        counts = self.values(test.kind)
        return sum(counts[key] for key in self.keys(test))

    def dense(self, rows: int) -> bool:
        return rows >= max(DENSE_ROWS, self.rows // DENSE_SHARE)

    def narrows(self, node: Node) -> bool:
        """Whether `node` is a field few rows have (found through an index faster than words are)."""
        return isinstance(node, Field) and not self.dense(
            sum(self.rows_of(test) for test in value_tests(node, self.vocabulary))
        )

    def value_test(self, test: ValueTest, negated: bool) -> str | None:
        keys = self.keys(test)
        if not keys:
            return None
        dense = self.dense(self.rows_of(test))
        per_row = dense and self.few_checked
        chosen = "(SELECT value FROM json_each(?))"
        self.params.append(json.dumps(keys))
        if test.kind == "source":
            condition = f"{'+' if dense else ''}d.source_key IN {chosen}"
            return f"IFNULL({condition}, 0)" if negated else condition
        # In the per-row forms "+" keeps SQLite from seeking once per key: it reads the row's few facts.
        if test.kind == "tag":
            if per_row:
                return f"EXISTS (SELECT 1 FROM doc_tags t WHERE t.doc = d.id AND +t.value IN {chosen})"
            return f"d.id IN (SELECT doc FROM doc_tags WHERE value IN {chosen})"
        self.params.insert(len(self.params) - 1, test.kind)
        if per_row:
            return (
                "EXISTS (SELECT 1 FROM facts f WHERE f.article_id = d.article_id"
                f" AND f.kind = ? AND +f.value IN {chosen})"
            )
        return f"d.article_id IN (SELECT article_id FROM facts WHERE kind = ? AND value IN {chosen})"

    def flag(self, flag: Flag) -> str:
        if flag.name == "read":
            return "dip_read(d.article_id)"
        if flag.name == "unread":
            return "NOT dip_read(d.article_id)"
        return "dip_noted(d.article_id)" if self.noted_by_caller else HAS_NOTES
