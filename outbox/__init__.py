"""The outbox: delivery workers that send queued messages to Telegram, paced and crash-safe."""
