"""The session engine when REDIS_URL is set (settings.SESSION_ENGINE): Django's cached_db
sessions, kept in the cache and written through to the database, which look up only a key a
session could have (accounts.sessions.possible_key)."""

from django.contrib.sessions.backends import cached_db

from accounts.sessions import possible_key


class SessionStore(cached_db.SessionStore):
    def load(self) -> dict:
        """As Django's, except that a key no session could have gives {} and no session key
        (a new session is started) without asking the cache or the database."""
        if not possible_key(self.session_key):
            self._session_key = None
            return {}
        return super().load()

    async def aload(self) -> dict:
        if not possible_key(self.session_key):
            self._session_key = None
            return {}
        return await super().aload()
