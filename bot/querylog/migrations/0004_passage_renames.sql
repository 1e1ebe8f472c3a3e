-- Schema version 4: passage ids became stable ("doc#slug-hash" instead of "doc#n", the n-th passage).
-- Rows written before keep pointing at the same text: when the bot (or `logs replay`) opens the log with a
-- knowledge base at hand, each old "doc#n" still in `citations` is rewritten to the id of the passage that
-- is n-th in the document now, and the pair is kept here (bot.querylog.renames).

CREATE TABLE passage_renames (
    old_id      TEXT PRIMARY KEY,
    new_id      TEXT NOT NULL,
    ts          REAL NOT NULL               -- when the rows were rewritten
);
