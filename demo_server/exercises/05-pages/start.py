"""Exercise 5: a long list, answered one page at a time."""

import sqlite3

from bottle import Bottle


def create_app(db_path: str = "todos.sqlite3") -> Bottle:
    db = sqlite3.connect(db_path, check_same_thread=False)
    db.row_factory = sqlite3.Row
    with db:
        db.execute("CREATE TABLE IF NOT EXISTS todos (id INTEGER PRIMARY KEY, title TEXT)")
        if db.execute("SELECT count(*) FROM todos").fetchone()[0] == 0:
            titles = [(f"Step {n}",) for n in range(1, 26)]
            db.executemany("INSERT INTO todos (title) VALUES (?)", titles)
    app = Bottle()

    @app.get("/todos")
    def list_todos() -> dict:
        rows = db.execute("SELECT id, title FROM todos ORDER BY id").fetchall()
        return {"todos": [dict(row) for row in rows]}

    return app
