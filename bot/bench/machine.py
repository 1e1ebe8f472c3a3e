"""What a benchmark ran on: library versions, the CPU and the SIMD code numpy chose, cores, the load average.

Wall-time figures on a shared machine are only as good as what is known of the run, and a peer's latency can move
with the machine rather than the code: numpy 2's ``np.partition`` / ``np.argpartition`` dispatch to x86-simd-sort's
AVX-512 selection on a CPU that has it, which on this project's AMD EPYC (Zen 4) machine takes 20-40 ms on score
arrays with many zeros where numpy 1.26's introselect (or the AVX2 path) takes ~1 ms; bm25s picks its top k that
way. So every product bench records these beside its figures (docs/PERFORMANCE.md, session 16).
"""

from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path

from bot.children import usable_cores

__all__ = ["environment", "load_average"]

PEERS = ("numpy", "bm25s", "PyStemmer", "rank-bm25")


def load_average() -> float | None:
    """The machine's 1-minute load average (None where the system does not give it)."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _numpy_simd() -> list[str]:
    """The SIMD targets numpy dispatches to on this CPU (beyond its baseline), e.g. ``AVX512_ICL``: which sort and
    selection code ran. Read from numpy's private module; empty when it is not there."""
    try:
        from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__
    except ImportError:
        return []
    return [name for name in __cpu_dispatch__ if __cpu_features__.get(name)]


def environment() -> dict:
    """Python and the peers' versions, the CPU, numpy's SIMD targets, the CPUs and those this process may use."""
    return {
        "python": platform.python_version(),
        **{package: _version(package) for package in PEERS},
        "numpy_simd": _numpy_simd(),
        "cpu": _cpu_model(),
        "cpu_count": os.cpu_count(),
        "usable_cpus": usable_cores(),
        "load_average": load_average(),
    }
