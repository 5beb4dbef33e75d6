"""The plugin in real builds of a Notion-style export, against a local image host."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from mkdocs.config.base import load_config

from site_plugins.remote_images import vendored
from tests.remote_images.image_host import ImageHost
from tests.remote_images.projects import make_project, notion_export
from tests.site_builds import mkdocs_build

# Starts real processes (servers, site builds): not in make test-fast.
pytestmark = pytest.mark.processes

#: Anything that would let a stranger reuse or identify a signed link.
SIGNING_MARKERS = re.compile(
    r"X-Amz-|X-Goog-|AKIA[0-9A-Z]{4}|Signature=|[?&](amp;)?sig=|AWSAccessKeyId|GoogleAccessId", re.I
)


def assert_no_signing_anywhere(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", "replace")
            match = SIGNING_MARKERS.search(text)
            assert match is None, f"{path}: {text[max(0, match.start() - 80) : match.end() + 40]}"


@pytest.fixture
def project(tmp_path, image_host):
    return make_project(tmp_path, notion_export(image_host))


def test_signed_images_are_vendored_and_expired_ones_warn(project, image_host):
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    copies = sorted(p.name for p in (project / "docs" / "assets" / "remote").iterdir())
    assert len(copies) == 4, copies  # AWS V4, GCS V4, Azure SAS, AWS V2 (the expired one is not)
    assert any(name.endswith("-download.png") for name in copies)
    page = (project / "site" / "export" / "index.html").read_text(encoding="utf-8")
    for name in copies:
        assert f'"../assets/remote/{name}' in page or f"../assets/remote/{name} " in page, name
        assert (project / "site" / "assets" / "remote" / name).is_file()
    expired = [line for line in result.stderr.splitlines() if "expired" in line]
    assert len(expired) == 1
    assert re.fullmatch(
        r"WARNING\s+-\s+remote_images: export\.md: image files\.example\.invalid/…/download\.jpg "
        r"expired on 2024-10-21 14:07:58 UTC \(signed AWS SigV4 URL\); "
        r"put a copy at docs/assets/remote/[0-9a-f]{16}-download\.jpg to show it",
        expired[0],
    ), expired[0]
    assert "Image unavailable: An old picture whose link ran out" in page


def test_strict_build_fails_on_the_expired_image(project):
    result = mkdocs_build(project, "--strict")
    assert result.returncode != 0
    assert "expired on 2024-10-21 14:07:58 UTC" in result.stderr


def test_no_signing_parameter_reaches_the_site_or_the_log(project):
    result = mkdocs_build(project)
    assert_no_signing_anywhere(project / "site")
    assert SIGNING_MARKERS.search(result.stdout + result.stderr) is None
    page = (project / "site" / "export" / "index.html").read_text(encoding="utf-8")
    assert "notes.pdf" in page  # the link stays, without its signature
    assert "signed AWS SigV4 URL to 127.0.0.1/…/notes.pdf in a link" in result.stderr


def test_a_vendored_copy_is_used_offline_and_nothing_is_fetched_twice(project, image_host):
    assert mkdocs_build(project).returncode == 0
    first_hits = sum(ImageHost.hits.values())
    assert first_hits == 4
    # A fresh export: new dates and signatures, same files. And the host is gone now.
    page = notion_export(image_host).replace("0123456789abcdef", "fresh-signature")
    (project / "docs" / "export.md").write_text(page, encoding="utf-8")
    image_host.stop()
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "not vendored" not in result.stderr
    assert sum(ImageHost.hits.values()) == first_hits


def test_an_author_supplied_copy_of_an_expired_image_is_picked_up(project, image_host):
    first = mkdocs_build(project)
    target = re.search(r"put a copy at (\S+) to show it", first.stderr).group(1)
    shutil.copy(
        project
        / "docs"
        / "assets"
        / "remote"
        / sorted((project / "docs" / "assets" / "remote").iterdir())[0].name,
        project / target,
    )
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "expired" not in result.stderr
    page = (project / "site" / "export" / "index.html").read_text(encoding="utf-8")
    assert "Image unavailable" not in page
    assert Path(target).name in page


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("not-an-image.png", "not an image (Content-Type: text/html)"),
        ("huge-undeclared.png", "too large"),
        ("slow.png", "too slow (over 1 s)"),
        ("missing.png", "HTTP 404"),
    ],
)
def test_refused_downloads_warn_with_the_reason_and_never_hang(tmp_path, image_host, path, reason):
    page = (
        f"![Bad one](http://{image_host}/secure/1/2/{path}?X-Amz-Date=20991231T000000Z"
        "&X-Amz-Expires=60&X-Amz-Signature=abc&X-Amz-Credential=AKIAEXAMPLEKEY123456)\n"
    )
    project = make_project(tmp_path, page, "      timeout: 1\n      max_bytes: 100000\n")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    warning = [line for line in result.stderr.splitlines() if "not vendored" in line]
    assert len(warning) == 1 and reason in warning[0], result.stderr
    assert not (project / "docs" / "assets" / "remote").exists()
    assert_no_signing_anywhere(project / "site")


def test_urls_are_right_without_directory_urls(tmp_path, image_host):
    project = make_project(tmp_path, notion_export(image_host), extra="use_directory_urls: false\n")
    assert mkdocs_build(project).returncode == 0
    page = (project / "site" / "export.html").read_text(encoding="utf-8")
    names = [p.name for p in (project / "docs" / "assets" / "remote").iterdir()]
    for name in names:
        assert f"assets/remote/{name}" in page
        assert f"../assets/remote/{name}" not in page


def test_download_off_uses_only_committed_copies(tmp_path, image_host):
    page = f"![Logo](http://{image_host}/img/logo.png)\n"
    project = make_project(tmp_path, page, "      download: false\n")
    result = mkdocs_build(project)
    assert "downloads are off" in result.stderr
    folder = project / "docs" / "assets" / "remote"
    folder.mkdir(parents=True)
    vendored.expected_path(folder, f"http://{image_host}/img/logo.png").write_bytes(b"png")
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"timeout": "soon"}, "timeout"),
        ({"max_bytes": "big"}, "max_bytes"),
        ({"download": "sometimes"}, "download"),
    ],
)
def test_options_of_the_wrong_type_are_config_errors(options, message):
    from site_plugins.remote_images.plugin import RemoteImagesPlugin

    errors, warnings = RemoteImagesPlugin().load_config(options)
    assert [name for name, _ in errors] == [message]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("      dir: ../outside\n", "'dir' must be a folder inside docs_dir"),
        ("      timeout: 0\n", "'timeout' must be above 0"),
        ("      max_bytes: -1\n", "'max_bytes' must be above 0"),
    ],
)
def test_bad_option_values_stop_the_build_in_one_line(tmp_path, line, message):
    project = make_project(tmp_path, "# Page\n", line)
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_project_config_enables_the_plugin():
    from tests.helpers import ROOT

    config = load_config(str(ROOT / "mkdocs.yml"))
    assert "remote-images" in config.plugins
