"""Benchmarks: speed and memory beside rank-bm25, and the BEIR SciFact score."""
