"""The to-do API as a GraphQL schema: the same database calls, checks and limits as REST.

Schema first: the types are written in GraphQL's own language (`SDL`, what a reader of the
API styles page sees) and graphql-core builds them; `RESOLVERS` then says, field by field,
where each answer comes from. Every resolver calls the same `Store` methods and `validate`
checks as the REST routes, so the two APIs cannot drift apart on what they accept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import (
    GraphQLError,
    GraphQLResolveInfo,
    build_schema,
)

from demo_server import validate
from demo_server.storage.interface import ListFull, Refused, Store, Todo
from demo_server.todos import PAGE_MAX

#: The page "REST and GraphQL" shows this part, between the two marker lines (GraphQL
#: comments). The numbers are PAGE_DEFAULT and PAGE_MAX; a test holds them together.
SDL = '''
# --8<-- [start:sdl]
"A to-do: the fields of the REST API's to-do, in GraphQL's camelCase."
type Todo {
  id: Int!
  title: String!
  done: Boolean!
  "The to-do this one is a sub-task of; null at the top of the list."
  parentId: Int
  "When it was added (UTC, ISO 8601)."
  createdAt: String!
  parent: Todo
  "Its direct sub-tasks by id, the first `limit` of them (1 to 500)."
  subtasks(limit: Int! = 100): [Todo!]!
}

type Query {
  """
  The to-dos by id, a page at a time, as GET /api/todos: at most `limit` (1 to 500),
  with ids above `after`. The next page starts after the last id; a page shorter than
  `limit` is the last.
  """
  todos(limit: Int! = 100, after: Int! = 0): [Todo!]!
  "One to-do, or null when there is none with this id."
  todo(id: Int!): Todo
}

type Mutation {
  "Add a to-do, or a sub-task of `parentId`."
  addTodo(title: String!, parentId: Int): Todo!
  "Tick a to-do off (or on again, with done: false)."
  tickTodo(id: Int!, done: Boolean! = true): Todo!
  renameTodo(id: Int!, title: String!): Todo!
  "Delete a to-do and all its sub-tasks."
  deleteTodo(id: Int!): Boolean!
}
# --8<-- [end:sdl]
'''


def _error(message: str, code: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code})


def _db(info: GraphQLResolveInfo) -> Store:
    return info.context


def _found(todo: Todo | None, todo_id: int) -> Todo:
    if todo is None:
        raise _error(f"no to-do with id {todo_id}", "NOT_FOUND")
    return todo


def _checked(check: Callable[..., Any], *args: Any) -> Any:
    try:
        return check(*args)
    except validate.BadInput as exc:
        raise _error(str(exc), "BAD_USER_INPUT") from None


def _page_limit(limit: int) -> int:
    if not 1 <= limit <= PAGE_MAX:
        raise _error(f"'limit' must be a whole number from 1 to {PAGE_MAX}", "BAD_USER_INPUT")
    return limit


def todos(_root: None, info: GraphQLResolveInfo, limit: int, after: int) -> list[Todo]:
    _page_limit(limit)
    if after < 0:
        raise _error("'after' must be 0 or the id of a to-do", "BAD_USER_INPUT")
    return _db(info).list(after, limit)


def todo(_root: None, info: GraphQLResolveInfo, id: int) -> Todo | None:  # noqa: A002
    return _db(info).get(id) if id > 0 else None


def subtasks(parent: Todo, info: GraphQLResolveInfo, limit: int) -> list[Todo]:
    return _db(info).children(parent.id)[: _page_limit(limit)]


def add_todo(_root: None, info: GraphQLResolveInfo, title: str, parentId: int | None = None):  # noqa: N803
    title = _checked(validate.title, title)
    if parentId is not None:
        _checked(validate.todo_id, parentId, "parentId")
    try:
        return _db(info).create(title, parentId)
    except Refused as refused:
        code = "LIST_FULL" if isinstance(refused, ListFull) else "BAD_USER_INPUT"
        raise _error(str(refused).replace("'parent_id'", "'parentId'"), code) from None


def tick_todo(_root: None, info: GraphQLResolveInfo, id: int, done: bool) -> Todo:  # noqa: A002
    return _found(_db(info).update(id, {"done": done}), id)


def rename_todo(_root: None, info: GraphQLResolveInfo, id: int, title: str) -> Todo:  # noqa: A002
    title = _checked(validate.title, title)
    return _found(_db(info).update(id, {"title": title}), id)


def delete_todo(_root: None, info: GraphQLResolveInfo, id: int) -> bool:  # noqa: A002
    if not _db(info).delete(id):
        raise _error(f"no to-do with id {id}", "NOT_FOUND")
    return True


RESOLVERS: dict[str, dict[str, Callable[..., Any]]] = {
    "Query": {"todos": todos, "todo": todo},
    "Mutation": {
        "addTodo": add_todo,
        "tickTodo": tick_todo,
        "renameTodo": rename_todo,
        "deleteTodo": delete_todo,
    },
    "Todo": {
        "parentId": lambda t, _info: t.parent_id,
        "createdAt": lambda t, _info: t.created_at,
        "parent": lambda t, info: _db(info).get(t.parent_id) if t.parent_id else None,
        "subtasks": subtasks,
    },
}


def make_schema():
    schema = build_schema(SDL)
    for type_name, fields in RESOLVERS.items():
        graphql_type = schema.get_type(type_name)
        for field_name, resolve in fields.items():
            graphql_type.fields[field_name].resolve = resolve  # type: ignore[union-attr]
    return schema


SCHEMA = make_schema()
