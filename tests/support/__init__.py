"""Shared test harnesses: databases, the running bot and its local Bot API, factories."""
