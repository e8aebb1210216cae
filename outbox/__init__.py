"""The outbox: delivery workers that send queued messages to Telegram, paced and crash-safe,
through the one send path (:mod:`outbox.send`) command replies use too."""
