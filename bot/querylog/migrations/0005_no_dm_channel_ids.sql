-- Schema version 5: a channel outside a server is a member's DM channel (one per member, a member
-- identifier in all but name): it is no longer stored, and the ones stored before are erased.

UPDATE questions SET channel_id = NULL WHERE guild_id IS NULL;
