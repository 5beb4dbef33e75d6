"""A database URL's password, moved off a command line (which `ps` shows every user of the
machine) into the environment of the process it starts (which only its owner can read), in the
variable that database's clients read: PGPASSWORD for libpq, MYSQL_PWD for MySQL's clients
(and demo_server.storage.mysql).
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit, urlunsplit

#: The variable each scheme's clients take a password from.
VARIABLES = {
    "postgresql": "PGPASSWORD",
    "postgres": "PGPASSWORD",
    "mysql": "MYSQL_PWD",
    "mariadb": "MYSQL_PWD",
}


def without_password(url: str) -> tuple[str, dict[str, str]]:
    """The URL without its password, and the environment that gives the password to the
    database's client (empty when the URL has none)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url, {}
    userinfo, _, hostport = parts.netloc.rpartition("@")
    netloc = f"{userinfo.partition(':')[0]}@{hostport}"
    variable = VARIABLES[parts.scheme.lower()]
    return urlunsplit(parts._replace(netloc=netloc)), {variable: unquote(parts.password)}
