"""Briefs, digests and alerts as Telegram HTML message parts (escaped, split under the limit)."""
