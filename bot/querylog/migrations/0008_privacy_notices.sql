-- Schema version 8: the first reply to each member carries a one-line privacy notice (what is logged, for what,
-- how long, how to delete it). Who has had it is remembered by the member's keyed hash (as in `questions`), never
-- the id; /forget-me and `logs forget` delete the row (the notice is shown again), the retention purge too.

CREATE TABLE notices (
    user_hash   TEXT PRIMARY KEY,            -- HMAC-SHA256(secret, member id)
    ts          REAL NOT NULL                -- when the notice was shown
) WITHOUT ROWID;
