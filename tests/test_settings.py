"""Settings travel whole from the command line into the server's worker processes."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from demo_server.settings import SETTINGS_ENV, Settings, default_sqlite_file
from demo_server.storage.database import Database

#: One value per field, none the default. A field added to Settings without a value here fails
#: the round trip below, so no field can be left out of what reaches the workers.
NOT_DEFAULT = {
    "host": "::1",
    "port": 3101,
    "database": Database.parse("postgresql://demo@db.example.test:5433/todos"),
    "allowed_origins": ("https://docs.example.com", "http://localhost:8001"),
    "allowed_hosts": ("demo.example.test",),
    "max_todos": 50,
    "pool_size": 4,
    "app_file": "/home/reader/hello.py",
}


def test_every_field_round_trips_through_one_variable():
    missing = [f.name for f in fields(Settings) if f.name not in NOT_DEFAULT]
    assert not missing, f"give NOT_DEFAULT a value for the new field(s) {missing}"
    settings = Settings(**NOT_DEFAULT)
    defaults = Settings(database=Database.sqlite_file(Path("/default.sqlite3")))
    for f in fields(Settings):
        assert getattr(settings, f.name) != getattr(defaults, f.name), f.name
    environ = settings.to_environ()
    assert list(environ) == [SETTINGS_ENV]
    back = Settings.from_environ(dict(environ))
    assert back == settings
    for f in fields(Settings):  # the same types too: a tuple stays a tuple, a Path a Path
        assert type(getattr(back, f.name)) is type(getattr(settings, f.name)), f.name


def test_the_variable_is_plain_json_of_every_field():
    settings = Settings(**NOT_DEFAULT)
    assert json.loads(settings.to_environ()[SETTINGS_ENV]) == {
        "host": "::1",
        "port": 3101,
        "database": "postgresql://demo@db.example.test:5433/todos",
        "allowed_origins": ["https://docs.example.com", "http://localhost:8001"],
        "allowed_hosts": ["demo.example.test"],
        "max_todos": 50,
        "pool_size": 4,
        "app_file": "/home/reader/hello.py",
    }


def test_without_the_variable_the_defaults_apply():
    assert Settings.from_environ({}) == Settings()


def test_a_field_settings_does_not_have_is_refused():
    with pytest.raises(ValueError, match="unknown settings: colour"):
        Settings.from_json(json.dumps({"port": 3000, "colour": "blue"}))


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS keeps app data where XDG says nothing")
def test_the_suite_never_opens_the_readers_own_database():
    """A demo-server the suite starts without --db lands in this run's own data folder."""
    data = Path(os.environ["XDG_DATA_HOME"])
    assert data.name.startswith("backend-basics-test-data-")
    assert default_sqlite_file().is_relative_to(data)


def test_a_sqlite_file_round_trips_as_its_path():
    settings = Settings(database=Database.sqlite_file(Path("/elsewhere/work.sqlite3")))
    assert json.loads(settings.to_json())["database"] == str(Path("/elsewhere/work.sqlite3"))
    assert Settings.from_json(settings.to_json()) == settings
