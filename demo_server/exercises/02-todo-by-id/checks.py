"""Checks for exercise 2: GET /todos/<id>, and 404 for an id with no to-do."""


def check_one_todo(client):
    """GET /todos/2 answers to-do 2 as JSON

    Add a route with the id in its path: @app.get("/todos/<todo_id:int>") passes it to your
    function as an int; return that to-do (a dict).
    """
    answer = client.get("/todos/2")
    assert answer.status == 200, f"GET /todos/2 {answer}"
    assert answer.json() == {"id": 2, "title": "Answer with JSON", "done": False}, answer.text


def check_each_id(client):
    """GET /todos/1 answers to-do 1, not the same to-do for every id

    Look the to-do up by the id in the path: TODOS[todo_id].
    """
    answer = client.get("/todos/1")
    assert answer.status == 200, f"GET /todos/1 {answer}"
    assert answer.json().get("id") == 1, f"GET /todos/1 answered {answer.text!r}"


def check_missing_is_404(client):
    """GET /todos/7 answers 404 Not Found: there is no to-do 7

    Without a check, TODOS[7] raises KeyError and the client gets a 500 (the server's fault).
    Set response.status = 404 when the id is not in TODOS.
    """
    answer = client.get("/todos/7")
    assert answer.status == 404, f"GET /todos/7 {answer}"


def check_404_says_why(client):
    """The 404 says in JSON which to-do was not found

    Return a dict such as {"error": "no to-do with id 7"} with the 404: a client can show it.
    """
    answer = client.get("/todos/7")
    kind = answer.header("Content-Type", "")
    assert kind.startswith("application/json"), f"the 404's Content-Type is {kind!r}"
    error = answer.json().get("error", "")
    assert "7" in str(error), f'the 404 answered {answer.text!r}, with no "error" naming 7'


def check_not_a_number(client):
    """GET /todos/abc answers 404, not 500

    An id that is not a number names no to-do either. The :int filter in the route's path
    makes Bottle skip the route (404) for such paths; int("abc") in your code raises instead.
    """
    answer = client.get("/todos/abc")
    assert answer.status == 404, f"GET /todos/abc {answer}"


def check_list_still_works(client):
    """GET /todos still lists both to-dos

    Keep the list route as it was: the new route goes beside it.
    """
    answer = client.get("/todos")
    assert answer.status == 200, f"GET /todos {answer}"
    assert [t["id"] for t in answer.json()["todos"]] == [1, 2], answer.text
