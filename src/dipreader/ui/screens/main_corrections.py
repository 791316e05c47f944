"""Mixed into the main screen: the correction form on the official under the cursor, and what follows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import TabbedContent
from textual.worker import get_current_worker

from dipreader.core.corrections import CorrectionError, apply_correction
from dipreader.model.article import OfficialMention
from dipreader.model.corrections import Correction
from dipreader.ui.widgets.reader.reader import ArticleReader

if TYPE_CHECKING:
    from collections.abc import Mapping

    from textual.worker import Worker

    from dipreader.core.context import Context
    from dipreader.core.indexer import Indexer
    from dipreader.core.library import Library
    from dipreader.model.article import Article
    from dipreader.ui.screens.correction import CorrectionTarget
    from dipreader.ui.widgets.common.index_view import IndexView

REFEED_BATCH = 200
CORRECTION_BINDINGS = [
    Binding(
        "C", "correct_official", "Correct the official under the cursor", show=False, id="correct_official"
    ),
]


class CorrectionActions(Screen[None]):
    """`C` on an official: the form, the correction saved to knowledge.yaml, and everything it
    changes shown again (the reader, the who's who and relations; the search index's facts re-fed)."""

    if TYPE_CHECKING:
        context: Context
        library: Library | None
        current: Article | None
        indexer: Indexer
        keymap: Mapping[str, str]

        def set_status(self, text: str) -> None: ...
        def redeliver_index(self, kinds: tuple[type[IndexView], ...]) -> None: ...
        def refresh_saved_searches(self) -> Worker[None]: ...
        def analyse_article(self, article: Article) -> Worker[None]: ...

    def _correct_key(self) -> str:
        from dipreader.ui.keys import keys_for, own_bindings

        return keys_for("correct_official", own_bindings(type(self)), self.keymap)

    def action_correct_official(self) -> None:
        from dipreader.ui.screens.correction import CorrectionScreen

        mention = self.query_one(ArticleReader).current_mention()
        current = self.current
        on_article = self.query_one(TabbedContent).active == "tab-article"
        if current is None or not on_article or not isinstance(mention, OfficialMention):
            self.set_status(
                f"Move onto an official in the reader (] and [), then {self._correct_key()} corrects it"
            )
            return
        target = self._target(current, mention)
        self.app.push_screen(
            CorrectionScreen(target), lambda made: self._correction_made(made, mention.start)
        )

    def _target(self, current: Article, mention: OfficialMention) -> CorrectionTarget:
        from dipreader.model.countries import country_by_word
        from dipreader.ui.screens.correction import CorrectionTarget

        return CorrectionTarget(
            mention,
            current.id,
            current.title,
            self._other_people(current, mention),
            sorted(set(country_by_word().values())),
        )

    def _other_people(self, current: Article, mention: OfficialMention) -> list[str]:
        """The who's-who names this official may be merged with (their own person left out); before
        the who's who is built, the knowledge base's people and the article's other officials."""
        from dipreader.model.corrections import name_key
        from dipreader.ui.widgets.who.view import WhoView

        whos = list(self.query(WhoView))
        people = whos[0].people if whos else []
        if people:
            own = whos[0].find_person(mention.name)
            return sorted({person.name for person in people if person is not own})
        entities = self.query_one(ArticleReader).entities
        named = {known.name for known in self.context.knowledge.people}
        named |= {official.name for official in (entities.officials if entities else ())}
        return sorted(name for name in named if name_key(name) != name_key(mention.name))

    def _correction_made(self, correction: Correction | None, at: int) -> None:
        from dipreader.ui.widgets.relations.view import RelationsView
        from dipreader.ui.widgets.who.view import WhoView

        if correction is None:
            return
        try:
            apply_correction(self.context, correction)
        except CorrectionError as error:
            self.notify(str(error), title="Correction not saved", severity="error")
            return
        self.indexer.knowledge_changed()
        done = f"Corrected: {correction.describe()} (saved in {self.context.user_knowledge_file.name})"
        self.notify(done, title="Correction")
        self._show_corrected(at, done)
        self.redeliver_index((WhoView, RelationsView))
        if self.library is not None:
            self.refeed_search(self.library)

    @work(thread=True, exclusive=True, group="corrections", exit_on_error=False, description="refeed_search")
    def refeed_search(self, library: Library) -> None:
        """The search index's persons and countries again, from the corrected analyses (its key has
        the corrections, so every article's facts are rewritten; no text is analysed again), in
        batches a newer correction stops; then the saved searches' counts."""
        from dipreader.core.search import SearchFeed

        worker = get_current_worker()
        feed = SearchFeed(self.context.search_index, library, self.context.salt)
        ids = [meta.id for meta in library.articles]
        for start in range(0, len(ids), REFEED_BATCH):
            if worker.is_cancelled:
                return
            feed.feed(ids[start : start + REFEED_BATCH], self.context.analysis_cache.lookup)
        self.app.call_from_thread(self._search_refed, library)

    def _search_refed(self, library: Library) -> None:
        if library is self.library:
            self.refresh_saved_searches()

    def _show_corrected(self, at: int, done: str) -> None:
        """The open article again with its corrected officials, the cursor where it was."""
        current = self.current
        reader = self.query_one(ArticleReader)
        if current is None:
            return
        analysis = self.context.analysis_cache.lookup(current.meta)
        if analysis is None:  # not in the cache after all: analysed again, shown when ready
            reader.set_entities(None)
            self.analyse_article(current)
            self.set_status(done)
            return
        self.indexer.remember(analysis)
        reader.set_entities(analysis.entities)
        mentions = reader.mentions()
        here = next((index for index, mention in enumerate(mentions) if mention.start == at), None)
        self.set_status(done)
        if here is not None:  # the cursor stays on the official, which the status line now describes
            reader.entity_index = here
            reader.rerender()
            reader.describe_cursor()
