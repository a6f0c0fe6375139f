"""The session engine (settings.SESSION_ENGINE, sessions in the database): Django's, reading a
session with a query written once instead of through the ORM. Every page reads its session, and
building the query each time took more than running it."""

from functools import cache

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.db import connections, router
from django.utils import timezone

# The characters and the length of a session key as Django makes them (SessionBase and the
# Session model's primary key).
KEY_CHARACTERS = frozenset(VALID_KEY_CHARS)
KEY_LENGTH_MAX = 40


def possible_key(key: str | None) -> bool:
    """Whether a session could have `key` (from the cookie, so anything)."""
    return bool(key) and len(key) <= KEY_LENGTH_MAX and KEY_CHARACTERS.issuperset(key)


class PossibleKeysOnly:
    """For a session store: a key no session could have (possible_key) is refused as Django
    refuses a short one, when the store is made, so that no load, delete or flush sends it to
    the database or the cache: one with a NUL character made PostgreSQL refuse the query (a
    500 in Django's own stores)."""

    def _validate_session_key(self, key) -> bool:
        return possible_key(key) and super()._validate_session_key(key)

    # Without a key (a refused one among them) there is nothing to read: Django's cached_db
    # store would make a new key and look that up, its database store would ask for no key.
    def load(self) -> dict:
        return {} if self.session_key is None else super().load()

    async def aload(self) -> dict:
        return {} if self.session_key is None else await super().aload()


class SessionStore(PossibleKeysOnly, db.SessionStore):
    def load(self) -> dict:
        """The session's data, if it exists and has not expired, as Django's load() gives it;
        otherwise {} and no session key, so that a new session is started."""
        key = self.session_key
        if key is None:
            return {}
        alias = router.db_for_read(self.model)
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(
                _session_sql(alias),
                [key, connection.ops.adapt_datetimefield_value(timezone.now())],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return {}
        return self.decode(row[0])


@cache
def _session_sql(alias: str) -> str:
    meta = db.SessionStore.get_model_class()._meta
    quote = connections[alias].ops.quote_name

    def column(name: str) -> str:
        return f"{quote(meta.db_table)}.{quote(meta.get_field(name).column)}"

    return (
        f"SELECT {column('session_data')} FROM {quote(meta.db_table)} "
        f"WHERE {column('session_key')} = %s AND {column('expire_date')} > %s"
    )
