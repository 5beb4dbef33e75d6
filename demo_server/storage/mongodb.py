"""The store on MongoDB (or a server that speaks its protocol): the to-dos as documents.

pymongo, the official driver, with its own pool per process (as large as the threads). Each
to-do is one document in `todos`, its id as `_id`:

    {"_id": 4, "title": "sub thing now", "done": false, "parent_id": 3,
     "ancestors": [3], "created_at": "2026-12-07T20:00:00Z"}

Sub-tasks are kept as MongoDB's own guide to trees keeps them, an array of ancestors: where
SQL walks the tree with a recursive query, here a to-do carries the ids above it. How deep it
sits is that array's length, and deleting a to-do with all its sub-tasks is one `delete_many`
on the indexed array. Not nested inside their parent: the API reads, pages and changes every
to-do by its id, and a document nested 32 levels deep could only be found by walking it.

There is no transaction: the writes that SQL makes take turns, MongoDB makes atomic on one
document. The `meta` document `counter` holds the next id and how many to-dos there are, and
a create first reserves both in one `find_one_and_update` that succeeds only while the count
is below the cap: exact across processes, and an id is never given twice. A create whose
parent went meanwhile removes what it wrote (a delete of the parent removes it too).
Acknowledged writes are journalled (`j: true`).
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from demo_server.storage.interface import (
    MAX_ID,
    MAX_LEVELS,
    MAX_TODOS,
    SEED_TODOS,
    ListFull,
    Refused,
    Todo,
    Unavailable,
    first_line,
    guarded,
    now,
)
from demo_server.storage.outage import Outage

try:
    import pymongo
    import pymongo.errors
    from pymongo import ReturnDocument
except ImportError:  # the demo's SQLite default needs none of it
    pymongo = None  # type: ignore[assignment]

INSTALL_HINT = (
    "MongoDB needs the pymongo package: pip install pymongo "
    "(or pip install 'backend-basics[mongodb]')"
)
DEFAULT_PORT = 27017
#: Milliseconds to wait for a server (pymongo waits 30 s by default), and for an answer.
CONNECT_TIMEOUT_MS = 3000
SOCKET_TIMEOUT_MS = 30_000
#: The document that holds the next id and the count, and the one that says the list was seeded.
COUNTER = "counter"
SEEDED = "seeded"
SCHEMA_VERSION = 1


def todo_from(document: dict[str, Any]) -> Todo:
    return Todo(
        document["_id"],
        document["title"],
        bool(document["done"]),
        document.get("parent_id"),
        document["created_at"],
    )


def missing_driver() -> str | None:
    return INSTALL_HINT if pymongo is None else None


def _require_pymongo() -> None:
    if pymongo is None:
        raise RuntimeError(INSTALL_HINT)


def client_for(url: str, pool_size: int = 4) -> Any:
    _require_pymongo()
    return pymongo.MongoClient(
        url,
        maxPoolSize=max(1, pool_size),
        serverSelectionTimeoutMS=CONNECT_TIMEOUT_MS,
        connectTimeoutMS=CONNECT_TIMEOUT_MS,
        socketTimeoutMS=SOCKET_TIMEOUT_MS,
        journal=True,
        retryWrites=False,  # a write is acknowledged or it is a 503, never done twice
        tz_aware=False,
    )


def failures() -> tuple[type[BaseException], ...]:
    """What means "the server cannot answer now": no server, a lost connection, a timeout."""
    return (pymongo.errors.ConnectionFailure, OSError)


def addresses(url: str) -> list[tuple[str, int]]:
    """The hosts a mongodb:// URL names (it may list several: host1,host2:27018)."""
    netloc = urlsplit(url).netloc.rpartition("@")[2]
    found = []
    for part in netloc.split(","):
        host, _, port = (
            part.rpartition(":") if part.rfind(":") > part.rfind("]") else (part, "", "")
        )
        found.append((host.strip("[]") or "localhost", int(port or DEFAULT_PORT)))
    return found


def reachable(url: str) -> None:
    """Connect to a host of the URL (OSError if none accepts): on loopback a refused
    connection says "down" in a millisecond, where the driver would wait its whole timeout."""
    error: OSError | None = None
    for host, port in addresses(url):
        try:
            socket.create_connection((host, port), timeout=CONNECT_TIMEOUT_MS / 1000).close()
            return
        except OSError as exc:
            error = exc
    assert error is not None
    raise OSError(f"cannot reach the MongoDB server at {url_without_password(url)}: {error}")


class MongoStore:
    """The store on a MongoDB database, shared by every demo process that names it."""

    def __init__(self, url: str, max_todos: int = MAX_TODOS, pool_size: int = 4):
        _require_pymongo()
        self.max_todos = max_todos
        self.failures = failures()
        self.bugs = (pymongo.errors.OperationFailure,)
        self.client = client_for(url, pool_size)
        database = self.client.get_default_database()
        self.todos = database["todos"]
        self.meta = database["meta"]
        self.outage = Outage(lambda: reachable(url), (OSError,))

    def _call(self, work: Callable[[], Any]) -> Any:
        """`work()`, or `Unavailable` at once while the server is down: when the driver knows
        no server it could write to (not yet found, or lost), a look at the server's port
        (`Outage`) says whether to wait for the driver or answer 503 now. The driver would
        wait its whole CONNECT_TIMEOUT_MS for a server that is not there."""
        if self.outage.reason is not None or not self._server_known():
            self.outage.check()
        try:
            return work()
        except self.failures as exc:
            self.outage.reason = first_line(exc)
            raise

    def _server_known(self) -> bool:
        return bool(self.client.topology_description.has_writable_server())

    @guarded
    def healthy(self) -> None:
        self.count()

    @guarded
    def list(self, after: int = 0, limit: int = MAX_TODOS) -> list[Todo]:
        # --8<-- [start:list]
        def page() -> list[Todo]:
            found = self.todos.find({"_id": {"$gt": after}}).sort("_id", 1).limit(limit)
            return [todo_from(d) for d in found]
            # --8<-- [end:list]

        return self._call(page)

    @guarded
    def children(self, parent_id: int) -> list[Todo]:
        def below() -> list[Todo]:
            found = self.todos.find({"parent_id": parent_id}).sort("_id", 1)
            return [todo_from(d) for d in found]

        return self._call(below)

    @guarded
    def count(self) -> int:
        return int(self._call(lambda: self.todos.count_documents({})))

    @guarded
    def get(self, todo_id: int) -> Todo | None:
        if not 0 < todo_id <= MAX_ID:
            return None
        document = self._call(lambda: self.todos.find_one({"_id": todo_id}))
        return None if document is None else todo_from(document)

    @guarded
    def create(self, title: str, parent_id: int | None) -> Todo:
        return self._call(lambda: self._create(title, parent_id))

    def _create(self, title: str, parent_id: int | None) -> Todo:
        ancestors: list[int] = []
        if parent_id is not None:
            parent = self.todos.find_one({"_id": parent_id}, {"ancestors": 1})
            if parent is None:
                raise Refused(f"'parent_id': no to-do with id {parent_id}")
            if len(parent["ancestors"]) + 1 >= MAX_LEVELS:
                raise Refused(
                    f"'parent_id': to-do {parent_id} is already {MAX_LEVELS} levels deep, "
                    "the deepest sub-tasks go"
                )
            ancestors = [*parent["ancestors"], parent_id]
        # --8<-- [start:reserve]
        counter = self.meta.find_one_and_update(
            {"_id": COUNTER, "count": {"$lt": self.max_todos}},
            {"$inc": {"count": 1, "last_id": 1}},
            return_document=ReturnDocument.AFTER,
        )
        # --8<-- [end:reserve]
        if counter is None:
            raise ListFull(
                f"the list is full: it holds {self.max_todos} to-dos, the most this demo "
                "keeps; delete some first"
            )
        # --8<-- [start:insert]
        document = {
            "_id": counter["last_id"],
            "title": title,
            "done": False,
            "parent_id": parent_id,
            "ancestors": ancestors,
            "created_at": now(),
        }
        self.todos.insert_one(document)
        # --8<-- [end:insert]
        if parent_id is not None and self.todos.find_one({"_id": parent_id}, {"_id": 1}) is None:
            self._remove({"_id": document["_id"]})  # its parent was deleted meanwhile
            raise Refused(f"'parent_id': no to-do with id {parent_id}")
        return todo_from(document)

    @guarded
    def update(self, todo_id: int, changes: dict[str, Any]) -> Todo | None:
        if not 0 < todo_id <= MAX_ID:
            return None
        fields = {name: changes[name] for name in ("title", "done") if name in changes}
        document = self._call(
            lambda: self.todos.find_one_and_update(
                {"_id": todo_id}, {"$set": fields}, return_document=ReturnDocument.AFTER
            )
        )
        return None if document is None else todo_from(document)

    @guarded
    def delete(self, todo_id: int) -> bool:
        if not 0 < todo_id <= MAX_ID:
            return False
        # --8<-- [start:delete]
        removed = self._call(
            lambda: self._remove({"$or": [{"_id": todo_id}, {"ancestors": todo_id}]})
        )
        # --8<-- [end:delete]
        return removed > 0

    def _remove(self, query: dict[str, Any]) -> int:
        removed = self.todos.delete_many(query).deleted_count
        if removed:
            self.meta.update_one({"_id": COUNTER}, {"$inc": {"count": -removed}})
        return removed

    @guarded
    def level(self, todo_id: int) -> int:
        document = self._call(lambda: self.todos.find_one({"_id": todo_id}, {"ancestors": 1}))
        return 0 if document is None else len(document["ancestors"]) + 1

    def close_all(self) -> None:
        self.client.close()


def open_store(url: str, max_todos: int = MAX_TODOS, pool_size: int = 4) -> MongoStore:
    return MongoStore(url, max_todos, pool_size)


def initialise(url: str, reset: bool = False) -> None:
    """The indexes, the counter and the seed list, once, whichever process gets there first
    (the seeding is claimed by an upsert: one process wins it).

    Also counts the to-dos again: a demo killed between reserving a place and writing its
    to-do left the count one too high, which would fill the list early."""
    _require_pymongo()
    client = client_for(url, 1)
    try:
        database = client.get_default_database()
        todos, meta = database["todos"], database["meta"]
        if reset:
            todos.drop()
            meta.drop()
        todos.create_index("parent_id")
        todos.create_index("ancestors")
        meta.update_one(
            {"_id": COUNTER},
            {"$setOnInsert": {"last_id": 0, "count": 0, "schema_version": SCHEMA_VERSION}},
            upsert=True,
        )
        claimed = meta.update_one({"_id": SEEDED}, {"$setOnInsert": {"at": now()}}, upsert=True)
        if claimed.upserted_id is not None:
            seed(todos, meta)
        meta.update_one({"_id": COUNTER}, {"$set": {"count": todos.count_documents({})}})
    except failures() as exc:
        raise Unavailable(first_line(exc)) from None
    finally:
        client.close()


def seed(todos: Any, meta: Any) -> None:
    """The pages' list, once: a list its reader emptied stays empty."""
    ids: list[int] = []
    for title, parent in SEED_TODOS:
        counter = meta.find_one_and_update(
            {"_id": COUNTER},
            {"$inc": {"last_id": 1}},
            return_document=ReturnDocument.AFTER,
        )
        ancestors = [] if parent is None else [ids[parent]]
        todos.insert_one(
            {
                "_id": counter["last_id"],
                "title": title,
                "done": False,
                "parent_id": None if parent is None else ids[parent],
                "ancestors": ancestors,
                "created_at": now(),
            }
        )
        ids.append(counter["last_id"])


def url_without_password(url: str) -> str:
    parts = urlsplit(url)
    userinfo, at, hostport = parts.netloc.rpartition("@")
    user = userinfo.partition(":")[0]
    netloc = f"{user}@{hostport}" if at else hostport
    return parts._replace(netloc=netloc).geturl()


def printable(url: str) -> str:
    """The URL without its password, for printing."""
    return url_without_password(url)
