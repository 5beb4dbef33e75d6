import time

import pytest

from site_plugins.remote_images.fetch import FetchError, download
from tests.remote_images.image_host import PNG


def test_an_image_is_downloaded(image_host):
    fetched = download(f"http://{image_host}/img/a.png", timeout=5, max_bytes=1000)
    assert fetched.body == PNG and fetched.content_type == "image/png"


def test_redirects_are_followed(image_host):
    assert download(f"http://{image_host}/redirect.png", timeout=5, max_bytes=1000).body == PNG


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/not-an-image.png", "not an image (Content-Type: text/html)"),
        ("/huge-declared.png", "too large"),
        ("/huge-undeclared.png", "too large (over 100000 bytes)"),
        ("/missing.png", "HTTP 404"),
        ("/loop.png", "HTTP 302"),
    ],
)
def test_bad_responses_are_refused_with_a_reason(image_host, path, reason):
    with pytest.raises(FetchError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        download(f"http://{image_host}{path}", timeout=5, max_bytes=100_000)


def test_a_trickling_server_cannot_hold_the_build(image_host):
    started = time.monotonic()
    with pytest.raises(FetchError, match="too slow"):
        download(f"http://{image_host}/slow.png", timeout=1, max_bytes=100_000)
    assert time.monotonic() - started < 5


def test_an_unreachable_host_is_a_clean_error():
    with pytest.raises(FetchError, match="unreachable"):
        download("http://127.0.0.1:9/x.png", timeout=2, max_bytes=1000)
