from datetime import datetime, timezone

import pytest

from site_plugins.remote_images.signed_urls import describe, identity, inspect, strip_signing

SEED_URL = (
    "https://prod-files-secure.s3.us-west-2.amazonaws.com/fa4ce485/94749a64/download.jpg"
    "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD"
    "&X-Amz-Credential=AKIAT73L2G45HZZMZUHI%2F20241021%2Fus-west-2%2Fs3%2Faws4_request"
    "&X-Amz-Date=20241021T130758Z&X-Amz-Expires=3600&X-Amz-Signature=d6540be5"
    "&X-Amz-SignedHeaders=host&x-id=GetObject"
)


def utc(*args):
    return datetime(*args, tzinfo=timezone.utc)


def test_aws_sigv4_expiry_is_date_plus_lifetime():
    signed = inspect(SEED_URL)
    assert signed.scheme == "AWS SigV4"
    assert signed.expires_at == utc(2024, 10, 21, 14, 7, 58)
    assert signed.expired(utc(2024, 10, 21, 14, 7, 58))
    assert not signed.expired(utc(2024, 10, 21, 14, 7, 57))


def test_aws_sigv2_expiry_is_the_epoch():
    signed = inspect(
        "https://b.s3.amazonaws.com/k.png?AWSAccessKeyId=AKIAX&Expires=1729519678&Signature=abc%3D"
    )
    assert signed.scheme == "AWS SigV2"
    assert signed.expires_at == utc(2024, 10, 21, 14, 7, 58)


def test_gcs_v4_expiry():
    url = (
        "https://storage.googleapis.com/b/o.png?X-Goog-Algorithm=GOOG4-RSA-SHA256"
        "&X-Goog-Credential=sa%40p.iam.gserviceaccount.com%2F20241021%2Fauto%2Fstorage%2Fgoog4_request"
        "&X-Goog-Date=20241021T130758Z&X-Goog-Expires=900&X-Goog-SignedHeaders=host&X-Goog-Signature=ab12"
    )
    signed = inspect(url)
    assert signed.scheme == "GCS V4"
    assert signed.expires_at == utc(2024, 10, 21, 13, 22, 58)


def test_azure_sas_expiry():
    url = (
        "https://acct.blob.core.windows.net/c/photo.png?sv=2022-11-02&st=2024-10-21T13%3A07%3A58Z"
        "&se=2024-10-21T14%3A07%3A58Z&sr=b&sp=r&sig=c2lnbmF0dXJl%3D"
    )
    signed = inspect(url)
    assert signed.scheme == "Azure SAS"
    assert signed.expires_at == utc(2024, 10, 21, 14, 7, 58)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/logo.png",
        "https://example.com/img.png?w=200&h=100",
        "https://example.com/search?q=signature",
    ],
)
def test_ordinary_urls_are_not_signed(url):
    assert inspect(url) is None
    assert strip_signing(url) == url


def test_stripping_removes_every_signing_parameter_and_keeps_the_rest():
    stripped = strip_signing(SEED_URL + "&width=300")
    assert stripped == (
        "https://prod-files-secure.s3.us-west-2.amazonaws.com/fa4ce485/94749a64/download.jpg?width=300"
    )


def test_azure_stripping_keeps_unrelated_parameters():
    url = "https://a.blob.core.windows.net/c/p.png?v=3&sv=2022-11-02&se=2030-01-01T00%3A00%3A00Z&sig=x"
    assert strip_signing(url) == "https://a.blob.core.windows.net/c/p.png?v=3"


def test_a_fresh_export_of_the_same_image_has_the_same_identity():
    fresh = SEED_URL.replace("20241021T130758Z", "20261124T090000Z").replace("d6540be5", "77aa")
    assert identity(fresh) == identity(SEED_URL)
    assert identity(SEED_URL.replace("94749a64", "0f01c268")) != identity(SEED_URL)


def test_describe_never_shows_the_query():
    text = describe(SEED_URL)
    assert text == "prod-files-secure.s3.us-west-2.amazonaws.com/…/download.jpg"
    assert "AKIA" not in text and "Signature" not in text


def test_unreadable_lifetime_is_signed_but_never_called_expired():
    signed = inspect("https://b.s3.amazonaws.com/k.png?X-Amz-Signature=abc&X-Amz-Date=garbage")
    assert signed.scheme == "AWS SigV4"
    assert signed.expires_at is None and not signed.expired()
