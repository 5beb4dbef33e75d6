"""Checks for exercise 7: GET /todos/<id> sends an ETag; a GET that sends it back in
If-None-Match, while the to-do is unchanged, answers 304 with no body."""


def tag(answer):
    value = answer.header("ETag")
    assert value, f"the answer has no ETag header: {answer.headers}"
    return value


def check_etag_sent(client):
    """GET /todos/1 sends an ETag, in double quotes

    An ETag names this version of the body. A hash of the bytes does it:
    '"' + hashlib.sha256(body.encode()).hexdigest()[:16] + '"' (the quotes are part of it).
    """
    answer = client.get("/todos/1")
    assert answer.status == 200, f"GET /todos/1 {answer}"
    value = tag(answer)
    assert value.startswith('"') and value.endswith('"') and len(value) > 2, (
        f"the ETag is {value!r}: it goes in double quotes"
    )


def check_same_body_same_tag(client):
    """Two GETs of an unchanged to-do send the same ETag

    Make the tag from the body alone (no time, no random number, no counter).
    """
    assert tag(client.get("/todos/1")) == tag(client.get("/todos/1")), "the ETag changed"


def check_not_modified(client):
    """If-None-Match with that ETag answers 304 Not Modified, with no body

    Compare request.get_header("If-None-Match") with the tag before you answer; when they
    match, return HTTPResponse(status=304) with the ETag header and no body.
    """
    value = tag(client.get("/todos/1"))
    answer = client.get("/todos/1", headers={"If-None-Match": value})
    assert answer.status == 304, f"GET /todos/1 with If-None-Match: {value} {answer}"
    assert answer.body == b"", f"the 304 has a body: {answer.text[:80]!r}"
    assert answer.header("ETag") == value, "the 304 does not repeat the ETag"


def check_one_of_several(client):
    """If-None-Match may list several tags: "a", "b"; a match among them is a 304

    Split the header at commas and strip each tag (and a W/ before it, a "weak" tag).
    """
    value = tag(client.get("/todos/1"))
    answer = client.get("/todos/1", headers={"If-None-Match": f'"old", {value}'})
    assert answer.status == 304, f'GET /todos/1 with If-None-Match: "old", {value} {answer}'


def check_other_tag(client):
    """A tag that does not match answers 200 with the body

    Only a tag equal to the current one is a 304; any other gets the to-do.
    """
    answer = client.get("/todos/1", headers={"If-None-Match": '"not-this-one"'})
    assert answer.status == 200, f"GET /todos/1 with a stale tag {answer}"
    assert answer.json().get("id") == 1, answer.text


def check_changed(client):
    """After PATCH /todos/1 changes it, the old tag gets a 200 with the new body and a new tag

    The tag follows the body: a new body is a new hash.
    """
    old = tag(client.get("/todos/1"))
    assert client.patch("/todos/1", json={"done": True}).status == 200, "PATCH /todos/1 failed"
    answer = client.get("/todos/1", headers={"If-None-Match": old})
    assert answer.status == 200, f"GET /todos/1 with the tag from before the PATCH {answer}"
    assert answer.json().get("done") is True, answer.text
    assert tag(answer) != old, "the ETag did not change with the to-do"


def check_missing_is_404(client):
    """GET /todos/9 still answers 404

    Look the to-do up (find()) before making its tag.
    """
    answer = client.get("/todos/9")
    assert answer.status == 404, f"GET /todos/9 {answer}"
