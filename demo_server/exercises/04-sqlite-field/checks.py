"""Checks for exercise 4: an optional "due" date on each to-do, kept in SQLite, and an INSERT
that takes its values as parameters."""

INJECTION = "x'), ('injected"


def check_due_returned(client):
    """POST /todos {"title": ..., "due": "2027-01-31"} answers the to-do with its due date

    Read data.get("due") and put it in the INSERT, and add "due" to as_json().
    """
    answer = client.post("/todos", json={"title": "Pay rent", "due": "2027-01-31"})
    assert answer.status == 201, f"POST /todos {answer}"
    assert answer.json().get("due") == "2027-01-31", f"POST /todos answered {answer.text}"


def check_due_optional(client):
    """A to-do without a due date has "due": null

    The column may be NULL: ALTER TABLE todos ADD COLUMN due TEXT (or add it to CREATE TABLE).
    """
    answer = client.post("/todos", json={"title": "Someday"})
    assert answer.status == 201, f"POST /todos {answer}"
    todo = answer.json()
    assert "due" in todo and todo["due"] is None, f"POST /todos answered {answer.text}"


def check_due_kept(client):
    """The due date is still there after the server restarts

    A restart builds a new app on the same database file: what is only in a Python variable is
    gone. Store "due" in a column of the todos table.
    """
    client.post("/todos", json={"title": "Pay rent", "due": "2027-01-31"})
    client.restart()
    todos = client.get("/todos").json()["todos"]
    assert [t.get("due") for t in todos] == ["2027-01-31"], f"after a restart: {todos}"


def check_due_is_a_date(client):
    """A due date that is not a date (YYYY-MM-DD) answers 400 and is not stored

    datetime.date.fromisoformat(text) raises ValueError for "tomorrow" and for 2027-02-30.
    """
    for due in ("tomorrow", "2027-02-30", 20270131):
        answer = client.post("/todos", json={"title": "Pay rent", "due": due})
        assert answer.status == 400, f"POST /todos with due {due!r} {answer}"
    assert client.get("/todos").json()["todos"] == [], "a refused to-do was stored"


def check_apostrophe(client):
    """A title with an apostrophe, "Don't panic", is stored as it is

    Pasting the title into the SQL text ends the string at the apostrophe: SQLite then reads the
    rest as SQL. Pass values as parameters: db.execute("... VALUES (?, ?)", (title, due)).
    """
    answer = client.post("/todos", json={"title": "Don't panic"})
    assert answer.status == 201, f'POST /todos {{"title": "Don\'t panic"}} {answer}'
    assert answer.json().get("title") == "Don't panic", answer.text


def check_injection_fails(client):
    """A title written to rewrite the SQL adds one to-do, with exactly that title

    With the title pasted into the SQL, "x'), ('injected" inserts two rows. With ? parameters
    SQLite never reads a value as SQL, whatever it holds.
    """
    client.post("/todos", json={"title": INJECTION})
    titles = [t["title"] for t in client.get("/todos").json()["todos"]]
    assert titles == [INJECTION], f"after one POST, GET /todos lists {titles}"
