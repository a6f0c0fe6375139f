import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.middleware import SessionMiddleware
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from registrants.access import sees_every_registrant

# The session key holding when the session's idle count last started again (Unix seconds).
IDLE_COUNT_STARTED = "idle_count_started"


class IdleSessionMiddleware(SessionMiddleware):
    """Django's session middleware, where a session in use starts its idle count again
    (SESSION_IDLE_SECONDS) at most once every SESSION_REFRESH_SECONDS: saving the session on
    every request would write to the database on every page, and that write was a quarter of a
    page's time. A session so ends between SESSION_IDLE_SECONDS minus SESSION_REFRESH_SECONDS
    and SESSION_IDLE_SECONDS after the last request."""

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if now - session.get(IDLE_COUNT_STARTED, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[IDLE_COUNT_STARTED] = now
        return super().process_response(request, response)


@receiver(user_logged_in)
def _start_idle_count(sender, request, user, **kwargs) -> None:
    """A new session starts its idle count at login, not on its first page."""
    request.session[IDLE_COUNT_STARTED] = int(time.time())


class NoStoreForSignedInMiddleware:
    """Every page and download served to a signed-in user says `Cache-Control: no-store` (with
    Django's other never-cache headers), so no browser or proxy keeps a copy of a notice, a
    registrant or a PDF after the user has left."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        return response


def two_factor_required(user) -> bool:
    """Whether `user` must sign in with a second factor: registrant admins, when
    REQUIRE_TWO_FACTOR_FOR_ADMINS is on."""
    return settings.REQUIRE_TWO_FACTOR_FOR_ADMINS and sees_every_registrant(user)


class TwoFactorForAdminsMiddleware:
    """A user who must use two-factor sign-in but whose session is not verified by an
    authenticator code is sent to the page that turns it on (or, having it on already, to log in
    again with a code); only that page and logging out stay open."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and two_factor_required(user)
            and not user.is_verified()
            and request.path not in {reverse("two_factor"), reverse("logout")}
        ):
            return redirect("two_factor")
        return self.get_response(request)
