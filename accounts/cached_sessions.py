"""The session engine when REDIS_URL is set (settings.SESSION_ENGINE): Django's cached_db
sessions, kept in the cache and written through to the database, for a key a session could
have only (accounts.sessions.PossibleKeysOnly)."""

from django.contrib.sessions.backends import cached_db

from accounts.sessions import PossibleKeysOnly


class SessionStore(PossibleKeysOnly, cached_db.SessionStore):
    pass
