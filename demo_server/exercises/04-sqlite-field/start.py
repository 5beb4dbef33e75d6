"""Exercise 4: a new field, stored in SQLite, and SQL that input cannot rewrite."""

import sqlite3

from bottle import Bottle, request, response


def create_app(db_path: str = "todos.sqlite3") -> Bottle:
    db = sqlite3.connect(db_path, check_same_thread=False)
    db.row_factory = sqlite3.Row
    db.execute(
        "CREATE TABLE IF NOT EXISTS todos ("
        " id INTEGER PRIMARY KEY, title TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0)"
    )
    app = Bottle()

    def as_json(row: sqlite3.Row) -> dict:
        return {"id": row["id"], "title": row["title"], "done": bool(row["done"])}

    @app.get("/todos")
    def list_todos() -> dict:
        rows = db.execute("SELECT * FROM todos ORDER BY id").fetchall()
        return {"todos": [as_json(row) for row in rows]}

    @app.post("/todos")
    def create_todo() -> dict:
        data = request.json
        if not isinstance(data, dict) or not isinstance(data.get("title"), str):
            response.status = 400
            return {"error": 'send {"title": "..."} as JSON'}
        with db:  # one transaction: committed when the block ends
            cursor = db.execute(f"INSERT INTO todos (title) VALUES ('{data['title']}')")
        row = db.execute("SELECT * FROM todos WHERE id = ?", (cursor.lastrowid,)).fetchone()
        response.status = 201
        return as_json(row)

    return app
