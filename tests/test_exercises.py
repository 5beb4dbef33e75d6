"""The "Build it yourself" exercises: each one's checks fail on its starting code and pass on
its reference solution, every check says what it checks and gives a hint, and the runner and
`demo-server check` report what a reader's code does, in words."""

from __future__ import annotations

import sqlite3

import pytest

from demo_server import exercises
from demo_server.cli import main
from demo_server.exercises.runner import check_source, checks_of, load_checks, run_checks
from tests.helpers import ROOT
from tooling.solutions import DoesNotApply, apply_diff, solution, solution_diffs

NAMES = exercises.names()


def start_code(name: str) -> str:
    return (exercises.folder(name) / "start.py").read_text(encoding="utf-8")


def test_there_are_exercises_and_each_has_a_solution():
    assert len(NAMES) >= 6
    assert [p.stem for p in solution_diffs()] == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_the_starting_code_fails_a_check(name):
    outcomes = run_checks(name, start_code(name), "start.py")
    assert not all(o.passed for o in outcomes)
    # It loads: what fails is a check, not the reader's starting point.
    assert not any(o.detail.startswith("not run") for o in outcomes)


@pytest.mark.parametrize("name", NAMES)
def test_the_reference_solution_passes_every_check(name):
    outcomes = run_checks(name, solution(name), "my_app.py")
    assert [(o.name, o.detail) for o in outcomes if not o.passed] == []


def test_a_solution_that_no_longer_fits_its_starting_code_fails_loudly():
    diff = (ROOT / "solutions" / "01-answer.diff").read_text(encoding="utf-8")
    start = start_code("01-answer")
    assert apply_diff(start, diff) != start
    with pytest.raises(DoesNotApply, match="line 11 is not"):
        apply_diff(start.replace('"text/html; charset=utf-8"', '"text/html"'), diff)


@pytest.mark.parametrize("name", NAMES)
def test_every_check_says_what_it_checks_and_gives_a_hint(name):
    checks = checks_of(load_checks(name))
    assert len(checks) >= 4
    for outcome in run_checks(name, start_code(name)):
        assert outcome.says and outcome.hint, outcome.name


def test_an_exercise_can_be_named_by_its_number():
    assert exercises.find("04") == "04-sqlite-field"
    with pytest.raises(ValueError, match="no exercise '99'; the exercises are: 01-answer"):
        exercises.find("99")


def test_code_that_does_not_compile_fails_every_check_naming_the_line():
    source = start_code("01-answer").replace("app = Bottle()", "app = Bottle(")
    outcomes = run_checks("01-answer", source, "app.py")
    assert all(not o.passed for o in outcomes)
    assert outcomes[0].detail.startswith("not run: your code did not load (line 7: SyntaxError")


def test_an_exception_at_import_names_its_line():
    source = start_code("01-answer") + "\n1 / 0\n"
    detail = run_checks("01-answer", source, "app.py")[0].detail
    line = source.count("\n")
    assert (
        detail
        == f"not run: your code did not load (line {line}: ZeroDivisionError: division by zero)"
    )


def test_a_module_without_create_app_says_what_to_keep():
    detail = run_checks("01-answer", "app = None\n", "mine.py")[0].detail
    assert "mine.py defines no create_app()" in detail


def test_a_route_that_raises_is_a_500_with_the_exception_named():
    source = start_code("01-answer").replace('return "Hello, World!"', "return 1 / 0")
    first = run_checks("01-answer", source)[0]
    assert not first.passed
    assert first.detail == (
        "GET / answered 500 Internal Server Error (your code raised ZeroDivisionError: "
        "division by zero)"
    )


def test_each_check_gets_an_app_and_database_of_its_own():
    """The restart check of exercise 4 sees one to-do: the ones other checks added are not in
    its database, however the checks are ordered."""
    outcomes = run_checks("04-sqlite-field", solution("04-sqlite-field"))
    assert all(o.passed for o in outcomes)
    assert "check_due_kept" in [o.name for o in outcomes]


def test_the_tab_gets_plain_data():
    first = check_source("02-todo-by-id", start_code("02-todo-by-id"))[0]
    assert set(first) == {"name", "says", "passed", "detail", "hint"}
    assert first["passed"] is False


def test_demo_server_check_passes_and_fails_in_words(tmp_path, capsys):
    mine = tmp_path / "my_app.py"
    mine.write_text(start_code("01-answer"), encoding="utf-8")
    assert main(["check", "01", str(mine)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("exercise 01-answer: 1 of 4 checks pass\n")
    assert (
        "  fail  GET / answers \"Hello, reader!\"\n        GET / answered 'Hello, World!'\n" in out
    )
    assert "        hint: Change the string" in out
    mine.write_text(solution("01-answer"), encoding="utf-8")
    assert main(["check", "01-answer", str(mine)]) == 0
    assert "4 of 4 checks pass" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["check", "99", "x.py"], "demo-server check: no exercise '99'; the exercises are: "),
        (["check", "01", "missing.py"], "demo-server check: cannot read missing.py: "),
        (["check", "01"], "usage: demo-server check EXERCISE FILE"),
    ],
)
def test_demo_server_check_refuses_in_one_line(args, error, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith(error)
    assert err.count("\n") == 1


@pytest.mark.parametrize("name", ["04-sqlite-field", "05-pages"])
def test_the_checks_close_every_database_the_apps_open(name, monkeypatch):
    """Each check builds apps and drops them; left to the garbage collector their connections
    are ResourceWarnings (an error in this suite on Python 3.13) in whichever test runs next,
    and on Windows files that cannot be deleted."""
    opened = []
    connect = sqlite3.connect

    def recording(*args, **kwargs):
        opened.append(connect(*args, **kwargs))
        return opened[-1]

    monkeypatch.setattr(sqlite3, "connect", recording)
    for source in (start_code(name), solution(name)):
        run_checks(name, source, "start.py")
    assert opened
    for connection in opened:
        with pytest.raises(sqlite3.ProgrammingError, match="closed"):
            connection.execute("SELECT 1")
