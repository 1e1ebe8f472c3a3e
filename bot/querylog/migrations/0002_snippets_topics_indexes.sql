-- Schema version 2: the snippet shown with each citation (for `logs feedback`), a topic key grouping
-- near-duplicate questions (filled by the bot; backfilled for older rows by the migration runner),
-- and indexes for the reports' queries.

ALTER TABLE citations ADD COLUMN snippet TEXT NOT NULL DEFAULT '';
ALTER TABLE questions ADD COLUMN topic TEXT;

CREATE INDEX questions_answered_ts ON questions (answered, ts);
CREATE INDEX questions_user ON questions (user_hash);
CREATE INDEX questions_topic ON questions (topic, ts);
CREATE INDEX citations_passage ON citations (passage_id);
CREATE INDEX votes_value ON votes (value, qid);
CREATE INDEX votes_user ON votes (user_hash);
