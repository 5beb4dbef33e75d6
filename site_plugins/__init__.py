"""Backend Basics' own MkDocs plugins, one sub-package each, registered as entry points."""
