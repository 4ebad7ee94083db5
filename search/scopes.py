"""Where a query compiler stands in the tree: what it compiles there is matched, but is it scored
and highlighted? Both backends' compilers ask the same two questions of the same rules.

* inside an exclusion (``-word``): matched only, never scored nor highlighted;
* inside a group's requirement (a typed name's words side by side, :mod:`search.expansion`):
  matched and highlighted (they are the words typed), never scored, as the group's own words
  score already;
* a group with a requirement's own words: matched and scored, never highlighted: a name is marked
  where its words stand side by side (the requirement's phrases), not wherever each stands (the
  ملك of بالملك, ملوك for «عبد الملك»).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext


class Scopes:
    """Depths of the unscored and hidden parts the compiler is in (they nest)."""

    def __init__(self) -> None:
        self.unscored = 0
        self.hidden = 0

    @contextmanager
    def unscored_part(self, shown: bool = False) -> Iterator[None]:
        """Within: nothing is scored (nor counted by the lead factor); nothing is highlighted
        unless ``shown``."""
        self.unscored += 1
        self.hidden += not shown
        try:
            yield
        finally:
            self.unscored -= 1
            self.hidden -= not shown

    @contextmanager
    def unshown_part(self) -> Iterator[None]:
        """Within: scored as ever, highlighted never."""
        self.hidden += 1
        try:
            yield
        finally:
            self.hidden -= 1

    def group_items(self, required: bool) -> AbstractContextManager[None]:
        """The scope of a group's own items: unshown when the group has a requirement (a name)."""
        return self.unshown_part() if required else nullcontext()
