"""The autocomplete benchmark runs end to end on a small log (its timings are printed, never asserted)."""

import paths

from bot.bench.autocomplete import main


def test_the_autocomplete_benchmark_prints_its_figures(capsys):
    assert main(["--questions", "400", "--keystrokes", "50", "--eval-dir", str(paths.EVAL)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("400 logged questions; index:")
    assert out.count("p95") == 2
