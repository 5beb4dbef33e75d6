import pytest

from demo_server.http import etag_matches, weak_etag


def test_weak_etag_is_the_one_express_sends_for_hello_world():
    # Taken from a real Express 5 answer to GET / of examples/express/app.js.
    assert weak_etag(b"Hello, World!") == 'W/"d-CgqfKmdylCVXq1NV12r0Qvj2XgE"'


def test_weak_etag_of_empty_body():
    assert weak_etag(b"") == 'W/"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk"'


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, False),
        ("", False),
        ('W/"d-abc"', True),
        ('"d-abc"', True),  # weak comparison ignores W/
        ('"other", W/"d-abc"', True),
        ("*", True),
        ('"d-abcd"', False),
        ('W/"d-ab"', False),
    ],
)
def test_etag_matches_uses_weak_comparison(header, expected):
    assert etag_matches(header, 'W/"d-abc"') is expected
