"""Checks for exercise 1: the answer, its content type, and a first JSON answer."""


def check_answer(client):
    """GET / answers "Hello, reader!"

    Change the string the hello() route returns; the client sees exactly what it returns.
    """
    answer = client.get("/")
    assert answer.status == 200, f"GET / {answer}"
    assert answer.text == "Hello, reader!", f"GET / answered {answer.text!r}"


def check_plain_text(client):
    """GET / says its answer is plain text

    The Content-Type header tells the client what the bytes are: set response.content_type to
    "text/plain; charset=utf-8" (text/html makes a browser read it as a web page).
    """
    kind = client.get("/").header("Content-Type", "")
    assert kind.split(";")[0].strip() == "text/plain", f"the Content-Type is {kind!r}"


def check_charset(client):
    """GET / names its character set, UTF-8

    Without a charset a client has to guess how to decode the text: add "; charset=utf-8".
    """
    kind = client.get("/").header("Content-Type", "")
    assert "charset=utf-8" in kind.lower().replace(" ", ""), f"the Content-Type is {kind!r}"


def check_json_version(client):
    """GET /version answers the JSON {"version": 1}

    Add a route for /version that returns a dict: Bottle turns a dict into JSON and sets the
    Content-Type to application/json for you.
    """
    answer = client.get("/version")
    assert answer.status == 200, f"GET /version {answer}"
    kind = answer.header("Content-Type", "")
    assert kind.startswith("application/json"), f"the Content-Type is {kind!r}"
    assert answer.json() == {"version": 1}, f"GET /version answered {answer.text!r}"
