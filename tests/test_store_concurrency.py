"""Writers on one database from two stores at once (as two demo processes would be): the
list's cap is counted exactly and no id is given twice, on each database server. On MongoDB
this rests on one atomic `find_one_and_update` (demo_server/storage/mongodb.py); FerretDB 1.24
on SQLite, measured as the suite's MongoDB-protocol server, lost such concurrent updates."""

from __future__ import annotations

import threading

import pytest

from demo_server.storage.database import Database, initialise, open_store
from demo_server.storage.interface import SEED_TODOS, ListFull
from tests.conftest import DATABASES

# Starts real processes (the database servers): not in make test-fast.
pytestmark = pytest.mark.processes

SERVERS = [name for name, fixture in DATABASES.items() if fixture is not None]
CAP = 60
THREADS = 8
TRIES = 20  # per thread: 160 creates for the 56 places left


@pytest.fixture(params=SERVERS)
def database(request: pytest.FixtureRequest) -> Database:
    chosen = Database.parse(request.getfixturevalue(DATABASES[request.param]))
    initialise(chosen)
    return chosen


def test_two_stores_writing_at_once_fill_the_list_exactly_to_its_cap(database):
    stores = [open_store(database, max_todos=CAP, pool_size=THREADS) for _ in range(2)]
    created: list[int] = []
    refused: list[str] = []
    lock = threading.Lock()

    def write(store) -> None:
        for n in range(TRIES):
            try:
                todo = store.create(f"from {threading.get_ident()} #{n}", None)
            except ListFull as exc:
                with lock:
                    refused.append(str(exc))
            else:
                with lock:
                    created.append(todo.id)

    try:
        threads = [threading.Thread(target=write, args=(stores[i % 2],)) for i in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert len(created) == CAP - len(SEED_TODOS)
        assert len(set(created)) == len(created)  # no id given twice
        assert len(refused) == THREADS * TRIES - len(created)
        assert stores[0].count() == stores[1].count() == CAP
    finally:
        for store in stores:
            store.close_all()
