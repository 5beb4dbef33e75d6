"""`author-loop`: the write-save-look loop of `mkdocs serve`, shorter and with nothing hidden.

Under `mkdocs serve` every warning and error of the last build shows in a panel on the page, a
failed build keeps the last good pages, a rebuild redoes only what changed (templates, page
renders and search entries are kept), a native file watcher replaces MkDocs' 0.5 s poll, and
the watched folders follow the pages' snippets.
"""
