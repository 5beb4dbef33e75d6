"""`theme-script`: Material's page behaviour in one small script of ours, not Material's bundle.

Measured side by side (mobile Lighthouse, interleaved runs of the same build with and without
the bundle's script tag): with Material's bundle the pages scored 89-99, its evaluation and
start-up being their long tasks; without it, 100 in every run. The theme stays Material
(templates, CSS, search worker); docs/authors/live-examples.md says what the script does.
"""
