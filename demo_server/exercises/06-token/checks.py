"""Checks for exercise 6: POST and DELETE need `Authorization: Bearer <token>`: none, or one
the server does not know, is 401; a known token that may only read is 403."""

READER = {"Authorization": "Bearer reader-token-5f2a"}
WRITER = {"Authorization": "Bearer writer-token-9c41"}
NEW = {"title": "Change the locks"}


def check_reading_is_open(client):
    """GET /todos needs no token

    Only the routes that change the list check the token.
    """
    answer = client.get("/todos")
    assert answer.status == 200, f"GET /todos without a token {answer}"


def check_no_token(client):
    """POST /todos without a token answers 401 Unauthorized

    Read request.get_header("Authorization") at the start of create_todo; when it is missing,
    set response.status = 401 and return {"error": "..."}.
    """
    answer = client.post("/todos", json=NEW)
    assert answer.status == 401, f"POST /todos without a token {answer}"


def check_401_says_how(client):
    """The 401 says how to authenticate: WWW-Authenticate: Bearer

    HTTP requires a 401 to carry a WWW-Authenticate header naming the scheme the client should
    use: response.set_header("WWW-Authenticate", "Bearer").
    """
    answer = client.post("/todos", json=NEW)
    scheme = answer.header("WWW-Authenticate", "")
    assert scheme.split(" ")[0].lower() == "bearer", f"the 401's WWW-Authenticate is {scheme!r}"


def check_unknown_token(client):
    """A token the server does not know, or another scheme, answers 401

    The header is "Bearer " and then the token: split it off and look the token up in TOKENS.
    """
    for value in ("Bearer not-a-token", "Basic d3JpdGVyOjEyMzQ=", "writer-token-9c41", "Bearer"):
        answer = client.post("/todos", json=NEW, headers={"Authorization": value})
        assert answer.status == 401, f"POST /todos with Authorization: {value} {answer}"


def check_read_only_token(client):
    """The reader's token may not write: 403 Forbidden

    401 means "who are you?"; 403 means "I know who you are, and you may not". A token whose
    TOKENS value is not "write" gets a 403.
    """
    answer = client.post("/todos", json=NEW, headers=READER)
    assert answer.status == 403, f"POST /todos with the reader's token {answer}"


def check_writer_writes(client):
    """With the writer's token POST answers 201 and DELETE 204

    A token whose TOKENS value is "write" goes on to the route's work.
    """
    answer = client.post("/todos", json=NEW, headers=WRITER)
    assert answer.status == 201, f"POST /todos with the writer's token {answer}"
    answer = client.delete("/todos/1", headers=WRITER)
    assert answer.status == 204, f"DELETE /todos/1 with the writer's token {answer}"


def check_delete_needs_token(client):
    """DELETE /todos/1 without a token answers 401, with the reader's 403, and deletes nothing

    Check the token in delete_todo too (or in one function both routes call).
    """
    assert client.delete("/todos/1").status == 401, "DELETE without a token was not a 401"
    assert client.delete("/todos/1", headers=READER).status == 403, (
        "DELETE with the reader's token was not a 403"
    )
    titles = [t["title"] for t in client.get("/todos").json()["todos"]]
    assert titles == ["Keep the list safe"], f"after refused DELETEs, GET /todos lists {titles}"


def check_refused_adds_nothing(client):
    """A refused POST adds nothing

    Check the token before anything is stored: return (or raise) the 401 or 403 first.
    """
    client.post("/todos", json=NEW)
    client.post("/todos", json=NEW, headers=READER)
    titles = [t["title"] for t in client.get("/todos").json()["todos"]]
    assert titles == ["Keep the list safe"], f"after refused POSTs, GET /todos lists {titles}"
