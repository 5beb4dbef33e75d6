"""Where the to-dos live. Each module is imported by its own name; this package re-exports none.

- `interface.py`: the types, errors and limits, and the `Store` protocol the routes call.
- `database.py`: a `--db` value parsed into a `Database`, and the store and schema for it.
- `sql.py`: the queries the relational backends share.
- `sqlite.py`, `postgresql.py`: one backend each.
- `file_lock.py`: one demo-server per SQLite file.
"""
