"""`make bench`: the demo server against Express (and nginx as a ceiling), side by side."""
