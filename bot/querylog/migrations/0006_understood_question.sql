-- Schema version 6: a follow-up ("and for Japan?") is answered as read with the previous question's subject;
-- the question as typed stays in `question`, the question as understood goes here (NULL when it stood alone).

ALTER TABLE questions ADD COLUMN understood TEXT;
