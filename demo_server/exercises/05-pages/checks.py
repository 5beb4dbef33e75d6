"""Checks for exercise 5: GET /todos answers a page of to-dos, `limit` long, `after` an id,
with a link to the next page. The app starts with 25 to-dos, ids 1 to 25."""


def ids(answer):
    return [todo["id"] for todo in answer.json()["todos"]]


def check_first_page(client):
    """GET /todos answers the first 10 to-dos

    Read request.query.get("limit", "10") and end the SQL with LIMIT ?.
    """
    answer = client.get("/todos")
    assert answer.status == 200, f"GET /todos {answer}"
    assert ids(answer) == list(range(1, 11)), f"GET /todos answered ids {ids(answer)}"


def check_after(client):
    """GET /todos?after=10 answers the to-dos after id 10: 11 to 20

    WHERE id > ? ORDER BY id LIMIT ?: the page starts after the last id the client saw (an
    OFFSET would skip or repeat rows when to-dos are added or deleted meanwhile).
    """
    answer = client.get("/todos?after=10")
    assert ids(answer) == list(range(11, 21)), f"GET /todos?after=10 answered ids {ids(answer)}"


def check_limit(client):
    """GET /todos?limit=3 answers 3 to-dos, and "next" is "/todos?after=3&limit=3"

    Add "next" to the answer: the path of the page after this one.
    """
    answer = client.get("/todos?limit=3")
    assert ids(answer) == [1, 2, 3], f"GET /todos?limit=3 answered ids {ids(answer)}"
    assert answer.json().get("next") == "/todos?after=3&limit=3", answer.text


def check_last_page(client):
    """The last page's "next" is null, even when it is exactly full

    GET /todos?after=15 has ids 16 to 25 and nothing after. To know whether there is more, ask
    the database for limit + 1 rows and answer limit of them.
    """
    answer = client.get("/todos?after=15")
    assert ids(answer) == list(range(16, 26)), f"GET /todos?after=15 answered ids {ids(answer)}"
    assert "next" in answer.json() and answer.json()["next"] is None, answer.text


def check_follow_next(client):
    """Following "next" from GET /todos?limit=7 visits every to-do once, in order

    "next" carries the same limit, and after= the last id of this page.
    """
    seen, path = [], "/todos?limit=7"
    for _ in range(10):
        answer = client.get(path)
        assert answer.status == 200, f"GET {path} {answer}"
        seen += ids(answer)
        path = answer.json().get("next")
        if path is None:
            break
    assert seen == list(range(1, 26)), f"the pages held ids {seen}"


def check_limit_range(client):
    """A limit that is not a whole number from 1 to 50 answers 400, naming 'limit'

    int("ten") raises ValueError (a 500): check text.isdigit() and the range, then answer
    400 with {"error": "'limit' must be a whole number from 1 to 50"}.
    """
    for limit in ("0", "51", "ten", "-1", "2.5"):
        answer = client.get(f"/todos?limit={limit}")
        assert answer.status == 400, f"GET /todos?limit={limit} {answer}"
        assert "limit" in str(answer.json().get("error")), answer.text


def check_after_is_a_number(client):
    """after=abc answers 400, naming 'after'

    The same check as for limit, with 0 as the lowest value.
    """
    answer = client.get("/todos?after=abc")
    assert answer.status == 400, f"GET /todos?after=abc {answer}"
    assert "after" in str(answer.json().get("error")), answer.text
