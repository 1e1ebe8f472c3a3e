"""A Discord assistant that answers questions about the France–Japan joint
declaration on innovation and the digital economy (Paris, 13 July 2018)
with cited snippets from a curated corpus."""

__version__ = "0.1.0"
