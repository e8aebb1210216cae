"""Getting briefs in: read files, feeds and pages, validate, deduplicate, summarize, store."""
