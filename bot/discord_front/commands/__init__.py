"""Slash commands and mentions, one module per audience: members, moderators (kb), maintainers (logs)."""
