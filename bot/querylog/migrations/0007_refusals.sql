-- Schema version 7: questions the bot refused before answering (a member over the rate limit, the same question
-- twice, an empty or too long message) are not logged as questions, but maintainers see how many there were:
-- a count per UTC hour, server and reason. No member, no text: nothing here says who was refused or for what.

CREATE TABLE refusals (
    hour        INTEGER NOT NULL,            -- start of the UTC hour (Unix seconds)
    guild_id    INTEGER NOT NULL DEFAULT 0,  -- the server; 0 outside one (a DM)
    reason      TEXT NOT NULL,               -- 'cooldown' | 'duplicate' | 'invalid'
    count       INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (hour, guild_id, reason)
) WITHOUT ROWID;
