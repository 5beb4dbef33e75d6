"""`make build`: the published site in site/, built strictly, and a word when it cannot be whole.

Without `site_url` MkDocs writes a sitemap with no addresses and a 404 page whose links work only
at the root of a host (not under a project path such as GitHub Pages' /backend-basics/), and the
demo download trusts no origin. None of that fails a build, so it is said here, in one line.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", default="site")
    args = parser.parse_args(argv)
    config = load_config(str(ROOT / "mkdocs.yml"))
    if not config.site_url:
        print(
            "make build: WARNING: site_url is not set, so the sitemap is empty and the 404 page "
            "works only at the root of a host; build with the address you publish at, e.g. "
            "SITE_URL=https://you.github.io/backend-basics/ make build",
            file=sys.stderr,
        )
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", args.site_dir]
    return subprocess.call(command, cwd=ROOT)


if __name__ == "__main__":
    raise SystemExit(main())
