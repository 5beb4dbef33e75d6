"""A fresh virtual environment, as a reader makes one, to install the site's wheel into."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


class Venv:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.bin = folder / ("Scripts" if os.name == "nt" else "bin")
        self.python = self.bin / "python"

    def command(self, name: str) -> Path:
        return self.bin / name

    def pip_install(self, *args: str | Path) -> None:
        result = subprocess.run(
            [str(self.python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
            + [str(arg) for arg in args],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, f"pip install failed:\n{result.stdout}\n{result.stderr}"

    def run_python(self, code: str) -> str:
        # In the venv's folder: `-c` puts the current folder on sys.path, and a checkout there
        # would answer the imports instead of what is installed.
        return subprocess.run(
            [str(self.python), "-c", code],
            cwd=self.folder,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
            env=environment(),
        ).stdout.strip()


def environment() -> dict[str, str]:
    """This process's environment without anything that would put the checkout on sys.path."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}


def make_venv(folder: Path) -> Venv:
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, timeout=300)
    return Venv(folder)
