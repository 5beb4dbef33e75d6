"""What one GraphQL request may cost: measured before it runs, and counted while it runs.

Before: the query's depth and cost, on the arguments as graphql-core will coerce them (a
variable, a variable's default, `500.0` sent for an Int), each fragment measured once and
remembered, so a fragment spread twice in each of 30 fragments is 30 measurements, not 2^30;
the walk stops at the first limit it crosses. While it runs: a middleware counts the fields
resolved and the bytes of the answer and stops the whole request past either budget, for
anything the measurement could not foresee (introspection's lists, long titles).
"""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLResolveInfo,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
)
from graphql.execution.values import get_argument_values, get_variable_values
from graphql.type.introspection import SchemaMetaFieldDef, TypeMetaFieldDef

from demo_server.todos import PAGE_MAX

#: Depth: deep enough for the introspection query tools send (and 13 levels of sub-tasks).
MAX_QUERY_DEPTH = 15
#: Cost: each field 1, times how many times it can run (a list's `limit`). A page of 100
#: to-dos with 100 sub-tasks each costs about 20,000 for two fields of each; 50,000 resolve
#: in well under a second.
MAX_QUERY_COST = 50_000
#: While it runs: fields resolved, and bytes of the answer (scalars and names, as counted).
MAX_RESOLVED_FIELDS = MAX_QUERY_COST
MAX_ANSWER_BYTES = 4 * 1024 * 1024
#: The fields that return a list, paged by their `limit` argument.
LIMITED_LISTS = {("Query", "todos"), ("Todo", "subtasks")}
META_FIELDS = {"__schema": SchemaMetaFieldDef, "__type": TypeMetaFieldDef}


def too_complex(message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": "TOO_COMPLEX"})


def coerced_variables(
    schema: GraphQLSchema, operation: OperationDefinitionNode, inputs: dict[str, Any]
) -> Any:
    """The variables as execution will see them (defaults filled in, values coerced), or the
    list of errors execution would answer with."""
    return get_variable_values(schema, operation.variable_definitions or (), inputs, max_errors=50)


def check_limits(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: dict[str, FragmentDefinitionNode],
    variables: Any,
) -> GraphQLError | None:
    """An error when the operation nests deeper than MAX_QUERY_DEPTH or could cost more than
    MAX_QUERY_COST; `variables` are coerced_variables()'s (validation has passed)."""
    root = schema.get_root_type(operation.operation)
    try:
        _Measure(schema, fragments, variables).selections(root, operation.selection_set, 1)
    except OverBudget as refused:
        return refused.error
    return None


class _Measure:
    """One walk of an operation: (cost, height) of each selection set, fragments memoised."""

    def __init__(self, schema: GraphQLSchema, fragments: dict[str, Any], variables: Any):
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.known: dict[str, tuple[int, int]] = {}
        self.walking: set[str] = set()

    def selections(
        self, parent: Any, selection_set: SelectionSetNode, level: int
    ) -> tuple[int, int]:
        """(cost, height) of a selection set whose fields sit at `level`: height is how many
        levels of fields it holds, so the deepest of them is at level + height - 1."""
        cost = height = 0
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                part, part_height = self.field(parent, node, level)
            elif isinstance(node, InlineFragmentNode):
                inner = (
                    self.schema.get_type(node.type_condition.name.value)
                    if node.type_condition
                    else parent
                )
                part, part_height = self.selections(inner, node.selection_set, level)
            elif isinstance(node, FragmentSpreadNode):
                part, part_height = self.fragment(node.name.value, level)
            else:  # pragma: no cover - the language has no other selection
                continue
            cost, height = cost + part, max(height, part_height)
            self.check(cost, level + height - 1)
        return cost, height

    def fragment(self, name: str, level: int) -> tuple[int, int]:
        if name not in self.known:
            if name in self.walking or name not in self.fragments:
                raise OverBudget(too_complex(f"fragment '{name}' spreads itself or is missing"))
            self.walking.add(name)
            definition = self.fragments[name]
            inner = self.schema.get_type(definition.type_condition.name.value)
            self.known[name] = self.selections(inner, definition.selection_set, level)
            self.walking.discard(name)
        cost, height = self.known[name]
        self.check(cost, level + height - 1)
        return cost, height

    def field(self, parent: Any, node: FieldNode, level: int) -> tuple[int, int]:
        self.check(1, level)
        if not node.selection_set:
            return 1, 1
        name = node.name.value
        definition = META_FIELDS.get(name) or getattr(parent, "fields", {}).get(name)
        if definition is None:  # pragma: no cover - validation refused it
            return 1, 1
        below, below_height = self.selections(
            get_named_type(definition.type), node.selection_set, level + 1
        )
        cost = 1 + below * self.times(parent, definition, node)
        self.check(cost, level + below_height)
        return cost, 1 + below_height

    def times(self, parent: Any, definition: Any, node: FieldNode) -> int:
        """How many times a field's selections can run: once, or as many as the list's
        `limit`, coerced as execution will coerce it (0 when it will refuse the argument)."""
        if (getattr(parent, "name", None), node.name.value) not in LIMITED_LISTS:
            return 1
        try:
            limit = get_argument_values(definition, node, self.variables).get("limit")
        except GraphQLError:
            return 0  # execution fails on the same argument and runs nothing below it
        return limit if isinstance(limit, int) and 1 <= limit <= PAGE_MAX else 0

    def check(self, cost: int, depth: int) -> None:
        if depth > MAX_QUERY_DEPTH:
            raise OverBudget(
                too_complex(f"the query nests {depth} levels deep; the limit is {MAX_QUERY_DEPTH}")
            )
        if cost > MAX_QUERY_COST:
            raise OverBudget(
                too_complex(
                    f"the query could ask for more than {MAX_QUERY_COST} fields "
                    "(ask for smaller pages or fewer levels of sub-tasks)"
                )
            )


class OverBudget(BaseException):  # noqa: N818 - it is not an error of the code
    """The query crossed a limit (`error` says which, in one line): raised by the measurement,
    and by Budget to stop execute() outright.

    graphql-core turns every Exception a resolver raises into that field's error and goes on
    with its siblings, which is the opposite of stopping; a BaseException is the one thing
    that leaves execute() at once (the executor is synchronous here: no task is left behind).
    """

    def __init__(self, error: GraphQLError):
        super().__init__(error.message)
        self.error = error


class Budget:
    """Middleware for execute(): counts resolved fields and the answer's bytes."""

    def __init__(self, fields: int = MAX_RESOLVED_FIELDS, answer_bytes: int = MAX_ANSWER_BYTES):
        self.fields_left = fields
        self.bytes_left = answer_bytes
        self.max_fields = fields
        self.max_bytes = answer_bytes

    def resolve(self, next_: Any, root: Any, info: GraphQLResolveInfo, **args: Any) -> Any:
        self.fields_left -= 1
        if self.fields_left < 0:
            raise OverBudget(
                too_complex(
                    f"the answer grew past {self.max_fields} fields; ask for smaller pages "
                    "or fewer levels of sub-tasks"
                )
            )
        result = next_(root, info, **args)
        self.spend(len(info.field_name) + (len(result) if isinstance(result, str) else 8))
        return result

    def spend(self, size: int) -> None:
        self.bytes_left -= size
        if self.bytes_left < 0:
            raise OverBudget(answer_too_big(self.max_bytes))


def answer_too_big(limit: int) -> GraphQLError:
    return too_complex(f"the answer grew past {limit} bytes; ask for smaller pages or fewer fields")
