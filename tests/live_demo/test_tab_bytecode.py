"""The bytecode step's Python (site_plugins/live_demo/tab_bytecode.py), on the build's own
Python: the bytecode it writes is the bytes CPython's own compiler writes, and the zips keep
their order and drop what they should."""

from __future__ import annotations

import importlib.util
import io
import py_compile
import sys
import zipfile

from site_plugins.live_demo import tab_bytecode
from site_plugins.live_demo.bytecode import with_bytecode
from site_plugins.live_demo.zips import zip_bytes

SOURCE = b"def answer():\n    return 'Hello, World!'\n"


def test_pyc_is_what_py_compile_writes_for_an_unchecked_hash(tmp_path):
    source = tmp_path / "hello.py"
    source.write_bytes(SOURCE)
    made = py_compile.compile(
        str(source),
        cfile=str(tmp_path / "hello.pyc"),
        dfile="/app/hello.py",
        invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
        doraise=True,
    )
    with open(made, "rb") as compiled:
        assert tab_bytecode.pyc(SOURCE, "/app/hello.py") == compiled.read()


def test_the_bytecode_imports_without_its_source(tmp_path, monkeypatch):
    (tmp_path / "hello_from_pyc.pyc").write_bytes(tab_bytecode.pyc(SOURCE, "hello_from_pyc.py"))
    monkeypatch.syspath_prepend(str(tmp_path))
    module = importlib.import_module("hello_from_pyc")
    try:
        assert module.answer() == "Hello, World!"
    finally:
        sys.modules.pop("hello_from_pyc", None)


def test_ours_keeps_its_source_and_graphql_and_the_stdlib_do_not():
    ours, kept = tab_bytecode.bytecode_name("app", "demo_server/app.py")
    assert ours == importlib.util.cache_from_source("/app/demo_server/app.py")[len("/app/") :]
    assert kept
    assert tab_bytecode.bytecode_name("app", "graphql/version.py") == ("graphql/version.pyc", False)
    assert tab_bytecode.bytecode_name("stdlib", "json/__init__.py") == ("json/__init__.pyc", False)


def test_the_zip_gets_bytecode_after_its_source_in_order(tmp_path):
    archive = zip_bytes([("a.py", b"a = 1\n"), ("b.py", b"b = 2\n"), ("c.txt", b"c")])
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "a.pyc").write_bytes(b"A")
    (tmp_path / "b.pyc").write_bytes(b"B")
    listing = [["a.py", "__pycache__/a.pyc", True], ["b.py", "b.pyc", False]]
    with zipfile.ZipFile(io.BytesIO(with_bytecode(archive, tmp_path, listing))) as made:
        assert [(i.filename, made.read(i)) for i in made.infolist()] == [
            ("a.py", b"a = 1\n"),
            ("__pycache__/a.pyc", b"A"),
            ("b.pyc", b"B"),
            ("c.txt", b"c"),
        ]
