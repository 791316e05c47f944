"""Back and forward through the articles and passages visited, as a browser does."""

from __future__ import annotations

from dataclasses import dataclass

MAX_PLACES = 200


@dataclass(frozen=True)
class Place:
    """An article and the body offset shown at the top of the reader."""

    article_id: str
    offset: int


class History:
    """Places left behind (back) and places gone back from (forward)."""

    def __init__(self, limit: int = MAX_PLACES) -> None:
        self.limit = limit
        self._back: list[Place] = []
        self._forward: list[Place] = []

    def visit(self, leaving: Place) -> None:
        """Going somewhere new from `leaving`: it can be gone back to; forward is forgotten."""
        if not self._back or self._back[-1] != leaving:
            self._back.append(leaving)
            del self._back[: -self.limit]
        self._forward.clear()

    def back(self, here: Place | None) -> Place | None:
        """The place before; `here` becomes the way forward. None at the start."""
        if not self._back:
            return None
        if here is not None:
            self._forward.append(here)
        return self._back.pop()

    def forward(self, here: Place | None) -> Place | None:
        """The place gone back from; `here` becomes the way back. None at the end."""
        if not self._forward:
            return None
        if here is not None:
            self._back.append(here)
        return self._forward.pop()

    @property
    def can_go_back(self) -> bool:
        return bool(self._back)

    @property
    def can_go_forward(self) -> bool:
        return bool(self._forward)
