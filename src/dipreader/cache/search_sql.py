"""A parsed query as SQL over the search index's tables, by the same field rules as the matcher."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from dipreader.model.query import And, DateBound, Field, Flag, Node, Not, Or, fts_expression, is_words_only
from dipreader.model.query_match import FactKind, ValueTest, Vocabulary, value_tests

MATCHES_TEXT = "d.id IN (SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?)"
HAS_NOTES = "EXISTS (SELECT 1 FROM docs n WHERE n.kind = 'note' AND n.article_id = d.article_id)"


@dataclass
class Conditions:
    """Turns query nodes into SQL conditions on `docs d`, collecting their parameters in order.

    `values(kind)` lists the distinct stored fact keys of a kind, so that a field is resolved in
    Python by the matcher's own test and applied in SQL as a set of keys.
    """

    values: Callable[[FactKind], Sequence[str]]
    vocabulary: Vocabulary
    noted_by_caller: bool
    params: list[object] = field(default_factory=list)

    def of(self, node: Node) -> str:
        if is_words_only(node):
            expression = fts_expression(node)
            if expression is not None:
                self.params.append(expression)
                return MATCHES_TEXT
        if isinstance(node, Not):
            return f"NOT ({self.of(node.term)})"
        if isinstance(node, And | Or):
            joiner = " AND " if isinstance(node, And) else " OR "
            return "(" + joiner.join(self.of(term) for term in node.terms) + ")"
        if isinstance(node, Field):
            return self.field(node)
        if isinstance(node, DateBound):
            self.params.append(
                node.first_day.toordinal() if node.name == "from" else node.last_day.toordinal()
            )
            return "IFNULL(d.day_to >= ?, 0)" if node.name == "from" else "IFNULL(d.day_from <= ?, 0)"
        if isinstance(node, Flag):
            return self.flag(node)
        raise AssertionError(f"words are matched above: {node!r}")  # pragma: no cover

    def field(self, leaf: Field) -> str:
        said = [part for test in value_tests(leaf, self.vocabulary) if (part := self.value_test(test))]
        return "(" + " OR ".join(said) + ")" if said else "0"

    def value_test(self, test: ValueTest) -> str | None:
        keys = [key for key in self.values(test.kind) if test(key)]
        if not keys:
            return None
        if test.kind == "tag":
            self.params.append(json.dumps(keys))
            return "d.id IN (SELECT doc FROM doc_tags WHERE value IN (SELECT value FROM json_each(?)))"
        if test.kind == "source":
            self.params.append(json.dumps(keys))
            return "IFNULL(d.source_key IN (SELECT value FROM json_each(?)), 0)"
        self.params.extend((test.kind, json.dumps(keys)))
        return (
            "d.article_id IN (SELECT article_id FROM facts"
            " WHERE kind = ? AND value IN (SELECT value FROM json_each(?)))"
        )

    def flag(self, flag: Flag) -> str:
        if flag.name == "read":
            return "dip_read(d.article_id)"
        if flag.name == "unread":
            return "NOT dip_read(d.article_id)"
        return "dip_noted(d.article_id)" if self.noted_by_caller else HAS_NOTES
