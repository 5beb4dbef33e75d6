from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

import pytest
from webtest import TestApp

from demo_server.app import create_app
from demo_server.settings import Settings
from demo_server.storage.database import Database, initialise
from tests.api_contract import ORIGIN
from tests.helpers import ROOT
from tests.mariadb_server import mariadb, mysql_url  # noqa: F401  (fixtures)
from tests.mongodb_server import mongodb, mongodb_url  # noqa: F401  (fixtures)
from tests.postgres_server import nginx, postgres, postgres_url  # noqa: F401  (fixtures)
from tests.site_builds import fill_build_cache, mkdocs_build


def pytest_configure(config: pytest.Config) -> None:
    """Point the reader's data folder (XDG_DATA_HOME, and LOCALAPPDATA on Windows) at a folder of
    this run's own, for the whole session and every process it starts: a `demo-server` started
    without `--db` then opens a throwaway list, never the reader's (`make serve` may be running on
    it, and a test must not change it). macOS ignores these variables: there, every test passes
    its own `--db`."""
    data = tempfile.mkdtemp(prefix="backend-basics-test-data-")
    os.environ["XDG_DATA_HOME"] = os.environ["LOCALAPPDATA"] = data
    config.add_cleanup(lambda: shutil.rmtree(data, ignore_errors=True))
    # The process that hands test files to pytest-xdist's workers (make test), before they start.
    workers = getattr(config.option, "numprocesses", None)
    if workers and not hasattr(config, "workerinput") and not os.environ.get(FAST):
        fill_build_cache()


#: The databases a module with EVERY_DATABASE runs on, and the fixture that gives a fresh,
#: empty one for a test (the SQLite file is the test's own, in tmp_path).
DATABASES = {
    "sqlite": None,
    "postgresql": "postgres_url",
    "mysql": "mysql_url",
    "mongodb": "mongodb_url",
}


#: Set by `make test-fast`: the edit loop's subset, no browser and no real process.
FAST = "BACKEND_BASICS_FAST_TESTS"
#: Fixtures that start real processes (a site build, PostgreSQL, nginx, a browser): a test that
#: takes one is marked `processes` without saying so itself.
PROCESS_FIXTURES = {
    "built_site",
    "site_url",
    "published_site_url",
    "postgres",
    "postgres_url",
    "mariadb",
    "mysql_url",
    "mongodb",
    "mongodb_url",
    "nginx",
    "browser",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if PROCESS_FIXTURES & set(getattr(item, "fixturenames", ())) or (
            DATABASES.get(params.get("database")) is not None
        ):
            item.add_marker(pytest.mark.processes)


@contextmanager
def _refusing_processes(item: pytest.Item) -> Iterator[None]:
    """For the length of one phase of `item`: starting a process fails, naming the test. So the
    fast subset stays fast: a test that starts one must say so with the `processes` marker."""
    real = subprocess.Popen

    def refused(*args, **kwargs):
        raise AssertionError(
            f"{item.nodeid} starts a process ({args[0] if args else kwargs.get('args')!r}) "
            "under make test-fast: mark it @pytest.mark.processes"
        )

    subprocess.Popen = refused  # type: ignore[misc, assignment]
    try:
        yield
    finally:
        subprocess.Popen = real  # type: ignore[misc]


def _guard(item: pytest.Item):
    if os.environ.get(FAST) and not item.get_closest_marker("processes"):
        return _refusing_processes(item)
    return nullcontext()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item):
    with _guard(item):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    with _guard(item):
        return (yield)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A module that sets EVERY_DATABASE runs each test that takes `settings` on each of
    DATABASES: one contract, every database."""
    if "database" in metafunc.fixturenames and getattr(metafunc.module, "EVERY_DATABASE", False):
        metafunc.parametrize("database", list(DATABASES), indirect=True)


@pytest.fixture
def database(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture
def settings(database: str, tmp_path: Path, request: pytest.FixtureRequest) -> Settings:
    """Settings for one test: its own, freshly seeded database (a SQLite file; a database on
    each server where the module asks for every one), and the docs' origin allowed (as
    `make serve` allows it)."""
    fixture = DATABASES[database]
    if fixture is None:
        chosen = Database.sqlite_file(tmp_path / "todos.sqlite3")
    else:
        chosen = Database.parse(request.getfixturevalue(fixture))
    settings = Settings(database=chosen, allowed_origins=(ORIGIN,))
    initialise(settings.database)
    return settings


@pytest.fixture
def app(settings: Settings):
    app = create_app(settings)
    yield app
    app.config["demo.store"].close_all()  # every thread's connection, before the files go


@pytest.fixture
def client(app) -> TestApp:
    return TestApp(app)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own site, built once per run exactly as CI builds it: --strict, never -q."""
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, "--strict", "--site-dir", str(out))
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    assert "WARNING" not in result.stderr, result.stderr
    return out


# Browser fixtures live with their helpers; importing them here shares them with every test.
from tests.browser_support import (  # noqa: E402, F401
    browser,
    published_site_url,
    screenshots,
    site_url,
)
