-- Schema version 3: a fingerprint of the log secret, so the bot and the tools can tell when the secret that
-- keys the member hashes was lost or replaced (issue 12 item 11); and topic keys recomputed with the search
-- analysis (set to NULL here, refilled in Python by the migration runner).

CREATE TABLE meta (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

UPDATE questions SET topic = NULL;
