"""Where briefs are read from: files, feeds and pages, one module each."""
