"""Search: text analysis, BM25 scoring, spelling, ranking with abstention, and snippets."""
