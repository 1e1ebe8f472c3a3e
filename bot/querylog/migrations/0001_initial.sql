-- Query log, schema version 1: questions, the passages each answer cited, the members' votes.
-- Times are Unix seconds (UTC). Members appear only as HMAC-SHA256 hashes, never as raw ids.

CREATE TABLE questions (
    qid         TEXT PRIMARY KEY,            -- uuid4 hex made by the front end (buttons carry it)
    ts          REAL NOT NULL,               -- when the question was asked
    frontend    TEXT NOT NULL,               -- 'cli' | 'discord'
    user_hash   TEXT,                        -- HMAC-SHA256(secret, member id); NULL when unknown
    guild_id    INTEGER,
    channel_id  INTEGER,
    question    TEXT NOT NULL,
    language    TEXT NOT NULL,
    answered    INTEGER NOT NULL CHECK (answered IN (0, 1)),
    reason      TEXT NOT NULL DEFAULT '',    -- why it abstained ('no-match', 'low-score', …)
    latency_ms  REAL NOT NULL
);

CREATE TABLE citations (
    qid         TEXT NOT NULL REFERENCES questions (qid) ON DELETE CASCADE,
    rank        INTEGER NOT NULL,            -- 1 = first citation of the answer
    passage_id  TEXT NOT NULL,
    score       REAL NOT NULL,
    PRIMARY KEY (qid, rank)
);

CREATE TABLE votes (
    qid         TEXT NOT NULL REFERENCES questions (qid) ON DELETE CASCADE,
    user_hash   TEXT NOT NULL,
    value       INTEGER NOT NULL CHECK (value IN (-1, 1)),
    ts          REAL NOT NULL,
    PRIMARY KEY (qid, user_hash)
);

CREATE INDEX questions_ts ON questions (ts);
