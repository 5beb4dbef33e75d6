"""Checks for exercise 3: POST /todos takes JSON, answers 201, and refuses bad input with 400."""

JSON = {"Content-Type": "application/json"}


def check_created(client):
    """POST /todos {"title": "Buy milk"} answers 201 Created with the new to-do

    200 means "here is what you asked for"; 201 says something new was made. Set
    response.status = 201 before returning the to-do.
    """
    answer = client.post("/todos", json={"title": "Buy milk"})
    assert answer.status == 201, f"POST /todos {answer}"
    todo = answer.json()
    assert todo.get("title") == "Buy milk" and todo.get("done") is False, answer.text
    assert isinstance(todo.get("id"), int), f"the new to-do has no id: {answer.text}"


def check_listed(client):
    """A to-do you add is in GET /todos afterwards

    Store the new to-do in todos before you answer.
    """
    client.post("/todos", json={"title": "Buy milk"})
    titles = [t["title"] for t in client.get("/todos").json()["todos"]]
    assert titles == ["Buy milk"], f"GET /todos lists {titles}"


def check_not_json(client):
    """A body that is not JSON answers 400 with a JSON error

    Bottle's request.json raises an HTTPError (an HTML page) for broken JSON. Read the body
    yourself inside try/except ValueError: json.loads(request.body.read()), and on failure
    set response.status = 400 and return {"error": "the body is not JSON"}.
    """
    answer = client.post("/todos", headers=JSON, body='{"title": "Buy milk"')
    assert answer.status == 400, f"POST /todos with broken JSON {answer}"
    assert "error" in answer.json(), f'the 400 answered {answer.text!r}, with no "error"'


def check_title_required(client):
    """{} answers 400 with an error naming 'title'

    data["title"] raises KeyError (a 500) when the field is missing: check for it first.
    """
    answer = client.post("/todos", json={})
    assert answer.status == 400, f"POST /todos {{}} {answer}"
    assert "title" in str(answer.json().get("error")), f"the 400 answered {answer.text!r}"


def check_title_is_text(client):
    """A title that is not text, or is only spaces, answers 400

    isinstance(title, str) and title.strip(): a number or "   " is no title.
    """
    for title in (42, "   ", None, ["Buy milk"]):
        answer = client.post("/todos", json={"title": title})
        assert answer.status == 400, f"POST /todos {{'title': {title!r}}} {answer}"


def check_object_required(client):
    """A JSON array, or JSON with no Content-Type saying so, answers 400, not 500

    request.json is None when the Content-Type is not application/json, and a list has no
    "title": make sure data is a dict before you look inside it.
    """
    answer = client.post("/todos", json=["Buy milk"])
    assert answer.status == 400, f"POST /todos [...] {answer}"
    answer = client.post("/todos", body='{"title": "Buy milk"}')
    assert answer.status in (400, 415), f"POST /todos without a Content-Type {answer}"


def check_refused_adds_nothing(client):
    """Refused input adds no to-do

    Check everything first, and store the to-do only when all of it is right.
    """
    client.post("/todos", json={})
    client.post("/todos", headers=JSON, body="not json")
    answer = client.get("/todos")
    assert answer.json()["todos"] == [], f"after two refused POSTs, GET /todos: {answer.text}"
