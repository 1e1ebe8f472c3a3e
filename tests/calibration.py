"""Cross-validated calibration of the abstention constants on the blind dev sets (a script, not a test).

For each direction (tune on A → check on B, tune on B → check on A) the grid below is searched on the
tuning set for the best balanced score (mean of in-scope hit@3 and out-of-scope abstention); the chosen
values are then scored once on the other set. The spread between the two directions is what the note reports.

    python tests/calibration.py            # both directions, with the shipped values for comparison
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS.parent))
sys.path.insert(0, str(TESTS))

import evaluation  # noqa: E402

from bot.knowledge.loader import load_knowledge  # noqa: E402
from bot.search import frequency, retriever  # noqa: E402

GRID = {
    "COMMON_ZIPF": (4.5, 5.0, 5.5, 6.0, 6.5),
    "RARE_ZIPF": (2.0, 2.5, 3.0, 3.5),
    "MIN_COVERAGE": (0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70),
}
HOMES = {"COMMON_ZIPF": frequency, "RARE_ZIPF": frequency, "MIN_COVERAGE": retriever}


def apply(values: dict[str, float]) -> None:
    for name, value in values.items():
        setattr(HOMES[name], name, value)


def score(engine, items) -> tuple[float, float, float]:
    result = evaluation.evaluate(evaluation.detected(engine), items)
    hit, oos = evaluation.ratio(result.hit()), evaluation.ratio(result.abstention())
    return (hit + oos) / 2, hit, oos


def main() -> int:
    sets = evaluation.available_sets()
    if "blind-a" not in sets or "blind-b" not in sets:
        print("needs tests/eval/blind-a.yaml and blind-b.yaml")
        return 1
    engine = retriever.Retriever(load_knowledge(TESTS.parent / "knowledge"))
    shipped = {name: getattr(HOMES[name], name) for name in GRID}
    for tune, check in (("blind-a", "blind-b"), ("blind-b", "blind-a")):
        best = None
        for combo in itertools.product(*GRID.values()):
            values = dict(zip(GRID, combo, strict=True))
            if values["RARE_ZIPF"] >= values["COMMON_ZIPF"]:
                continue
            apply(values)
            found = score(engine, sets[tune])
            if best is None or found[0] > best[0][0]:
                best = (found, values)
        assert best is not None
        apply(best[1])
        held = score(engine, sets[check])
        print(f"tune on {tune}: {best[1]} -> {tune} balanced {best[0][0]:.3f} (hit {best[0][1]:.3f}, "
              f"OOS {best[0][2]:.3f}); held-out {check}: balanced {held[0]:.3f} (hit {held[1]:.3f}, OOS {held[2]:.3f})")
    apply(shipped)
    for name in ("blind-a", "blind-b", "orig"):
        if name in sets:
            found = score(engine, sets[name])
            print(f"shipped {shipped} on {name}: balanced {found[0]:.3f} (hit {found[1]:.3f}, OOS {found[2]:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
