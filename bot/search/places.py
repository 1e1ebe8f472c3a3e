"""Where each passage sits: its document's translation family and its position in the document, and the passage
at the same place in another language (the same fact, translated).

Built at every start for the whole corpus, so it reads runs of passages, not passages: a document's passages
follow each other (the loader adds file by file), and a run is found by comparing neighbouring document ids.
A corpus where one document's passages do not form one run of one language (hand-built knowledge bases in
tests) takes the general path, a table of every place (as it always did: 0.2 s at 100,000 passages).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

import numpy as np


class Places:
    """``place(i)`` and ``translation(i, language)`` for passages of ``doc_ids`` and ``languages`` (one per passage);
    ``families``: document id -> its translation family (a document not in it is its own)."""

    __slots__ = ("_doc_ids", "_families", "_parallel", "_positions", "_runs")

    def __init__(self, doc_ids: Sequence[str], languages: Sequence[str], families: Mapping[str, str]) -> None:
        self._doc_ids = doc_ids
        self._families = families
        n = len(doc_ids)
        starts = [0, *(i for i in range(1, n) if doc_ids[i] != doc_ids[i - 1] or languages[i] != languages[i - 1])]
        starts = starts if n else []
        ends = [*starts[1:], n] if n else []
        self._parallel: dict[tuple[str, int], dict[str, int]] | None = None
        self._runs: dict[str, list[tuple[str, int, int]]] = defaultdict(list)  # family -> (language, start, end)
        if len({doc_ids[s] for s in starts}) == len(starts):  # each document one run of one language
            positions = np.arange(n, dtype=np.int64) - np.repeat(np.array(starts, np.int64), np.diff([*starts, n]))
            self._positions: list[int] = positions.tolist()
            for start, end in zip(starts, ends, strict=True):
                self._runs[self._family(doc_ids[start])].append((languages[start], start, end))
            return
        seen: dict[str, int] = defaultdict(int)
        self._positions = []
        self._parallel = defaultdict(dict)  # place -> language -> the first passage there
        for i, (doc_id, language) in enumerate(zip(doc_ids, languages, strict=True)):
            self._positions.append(seen[doc_id])
            seen[doc_id] += 1
            self._parallel[self.place(i)].setdefault(language, i)

    def _family(self, doc_id: str) -> str:
        return self._families.get(doc_id, doc_id)

    def place(self, i: int) -> tuple[str, int]:
        """Passage ``i`` as (its document's translation family, its position in the document)."""
        return self._family(self._doc_ids[i]), self._positions[i]

    def translation(self, i: int, language: str) -> int | None:
        """The first passage of ``language`` at passage ``i``'s place in its family's documents, None if none."""
        family, position = self.place(i)
        if self._parallel is not None:
            return self._parallel.get((family, position), {}).get(language)
        for run_language, start, end in self._runs.get(family, ()):
            if run_language == language and position < end - start:
                return start + position
        return None
