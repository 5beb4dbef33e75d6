"""`page-checks`: author mistakes MkDocs or its extensions let through, or crash on, as warnings."""
