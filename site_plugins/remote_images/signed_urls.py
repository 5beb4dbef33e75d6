"""Recognising signed URLs (pre-signed S3, GCS, Azure SAS), when they expire, and their identity.

A signed URL is a capability: its query string holds a credential id and a signature, and it
stops working at a fixed time. Exports from Notion and similar tools are full of them. What
identifies the *file* is the URL without the signature, so that is what vendored copies are
keyed on; a fresh export of the same image then maps to the same copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that are part of a signature, by scheme (compared case-insensitively).
AWS_PREFIXES = ("x-amz-",)
AWS_NAMES = {"awsaccesskeyid", "signature", "expires", "x-id", "security-token"}
GCS_PREFIXES = ("x-goog-",)
GCS_NAMES = {"googleaccessid", "signature", "expires"}
AZURE_NAMES = {
    "sv",
    "ss",
    "srt",
    "sp",
    "se",
    "st",
    "spr",
    "sig",
    "sr",
    "si",
    "sip",
    "skoid",
    "sktid",
    "skt",
    "ske",
    "sks",
    "skv",
    "sdd",
    "rscc",
    "rscd",
    "rsce",
    "rscl",
    "rsct",
    "ses",
    "saoid",
    "suoid",
    "scid",
}


@dataclass(frozen=True)
class SignedUrl:
    """What a signed URL tells about itself."""

    scheme: str  # "AWS SigV4", "AWS SigV2", "GCS V4", "Azure SAS"
    expires_at: datetime | None  # None when the URL carries no readable lifetime

    def expired(self, now: datetime | None = None) -> bool:
        now = now or datetime.now(timezone.utc)
        return self.expires_at is not None and self.expires_at <= now


def _params(url: str) -> dict[str, str]:
    try:
        query = urlsplit(url).query
    except ValueError:  # not a URL after all ("http://[" in prose): nothing signed in it
        return {}
    return {key.lower(): value for key, value in parse_qsl(query, keep_blank_values=True)}


def _amz_date(value: str) -> datetime | None:
    try:
        return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def _iso_date(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _seconds(value: str) -> int | None:
    return int(value) if value.isdigit() else None


def _expiry_after(start: datetime | None, lifetime: int | None) -> datetime | None:
    if start is None or lifetime is None:
        return None
    return start + timedelta(seconds=lifetime)


def inspect(url: str) -> SignedUrl | None:
    """The signing scheme of `url` and when it expires, or None for an ordinary URL."""
    params = _params(url)
    if "x-amz-signature" in params or "x-amz-credential" in params:
        start = _amz_date(params.get("x-amz-date", ""))
        return SignedUrl(
            "AWS SigV4", _expiry_after(start, _seconds(params.get("x-amz-expires", "")))
        )
    if "x-goog-signature" in params or "x-goog-credential" in params:
        start = _amz_date(params.get("x-goog-date", ""))
        return SignedUrl("GCS V4", _expiry_after(start, _seconds(params.get("x-goog-expires", ""))))
    if "signature" in params and (
        "awsaccesskeyid" in params or "googleaccessid" in params or "expires" in params
    ):
        epoch = _seconds(params.get("expires", ""))
        expires = datetime.fromtimestamp(epoch, timezone.utc) if epoch is not None else None
        return SignedUrl("GCS V2" if "googleaccessid" in params else "AWS SigV2", expires)
    if "sig" in params and ("se" in params or "sv" in params):
        return SignedUrl("Azure SAS", _iso_date(params.get("se", "")))
    return None


def is_signing_param(name: str, scheme: str) -> bool:
    key = name.lower()
    if scheme.startswith("AWS"):
        return key.startswith(AWS_PREFIXES) or key in AWS_NAMES
    if scheme.startswith("GCS"):
        return key.startswith(GCS_PREFIXES) or key in GCS_NAMES
    return key in AZURE_NAMES


def strip_signing(url: str) -> str:
    """`url` with every signing parameter removed (other query parameters kept, in order)."""
    signed = inspect(url)
    if signed is None:
        return url
    parts = urlsplit(url)
    kept = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not is_signing_param(k, signed.scheme)
    ]
    return urlunsplit(parts._replace(query=urlencode(kept), fragment=parts.fragment))


def identity(url: str) -> str:
    """What names the file behind `url`: the URL without signature or fragment."""
    return urlunsplit(urlsplit(strip_signing(url))._replace(fragment=""))


def describe(url: str) -> str:
    """A loggable name for `url`: host and file name, never the query (it may hold a credential)."""
    parts = urlsplit(url)
    name = parts.path.rstrip("/").rsplit("/", 1)[-1] or "/"
    return (
        f"{parts.hostname or '?'}/…/{name}"
        if parts.path.count("/") > 1
        else f"{parts.hostname}/{name}"
    )


def format_utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
