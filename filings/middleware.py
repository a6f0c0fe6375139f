"""Every page needs a login; a wizard page posted after the session expired keeps what was
typed, for the user who typed it only.

When a user is signed in, a signed, HttpOnly cookie names them. A POST to a marked view that
arrives without a session (it expired) is kept only when that cookie is valid: in the database,
under that user, bounded in pages and size, and handed back once to that same user when they
open the page after signing in again. Without the cookie, or with a forged one, nothing is
stored, so anonymous requests cannot fill any table and whoever signs in next on a shared
browser never sees another person's typing.

The wizard's pages look for kept typing only in a session that signed in while some was kept
for its user (KEPT_INPUT_WAITING), not on every page: typing kept while the user is still
signed in on another browser comes back at their next sign-in."""

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from filings.services import typed_input_keep, typed_input_waiting

LAST_USER_COOKIE = "last_signed_in_user"
LAST_USER_SALT = "filings.middleware.last-signed-in-user"
# Form fields that are the page's controls, not what the user typed.
CONTROL_FIELDS = {"csrfmiddlewaretoken", "action"}
# A page is kept up to a generous size for a long narrative; a longer path is not a wizard page.
KEPT_CHARACTERS_PER_PAGE = 200_000
KEPT_PATH_LENGTH = 200
# In the session of a user who signed in with typed input kept for them, until they have it all
# back: only then do the wizard's pages look for it.
KEPT_INPUT_WAITING = "kept_input_waiting"


def keeps_typed_input_through_login(view_func):
    """Mark a view whose form input, posted after the session expired, is kept across the
    login and shown again instead of being lost."""
    view_func.keeps_typed_input_through_login = True
    return view_func


def last_signed_in_user_id(request) -> int | None:
    """The id of the user the browser's signed cookie names, or None."""
    value = request.get_signed_cookie(
        LAST_USER_COOKIE, default=None, salt=LAST_USER_SALT, max_age=settings.SESSION_COOKIE_AGE
    )
    return int(value) if value and value.isdecimal() else None


class LoginRequiredKeepingInputMiddleware(LoginRequiredMiddleware):
    """Django's LoginRequiredMiddleware, except that a POST to a marked view made after the
    session expired is kept for the user the browser last signed in as (see the module)."""

    def handle_no_permission(self, request, view_func):
        user_id = last_signed_in_user_id(request)
        if (
            user_id is not None
            and request.method == "POST"
            and getattr(view_func, "keeps_typed_input_through_login", False)
            and len(request.path) <= KEPT_PATH_LENGTH
        ):
            typed = {
                key: [value.replace("\x00", "") for value in values]
                for key, values in request.POST.lists()
                if key not in CONTROL_FIELDS
            }
            size = sum(len(key) + sum(map(len, values)) for key, values in typed.items())
            if size <= KEPT_CHARACTERS_PER_PAGE:
                typed_input_keep(user_id=user_id, path=request.path, typed=typed)
        return super().handle_no_permission(request, view_func)

    def process_response(self, request, response):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and last_signed_in_user_id(request) != user.pk
        ):
            response.set_signed_cookie(
                LAST_USER_COOKIE,
                str(user.pk),
                salt=LAST_USER_SALT,
                max_age=settings.SESSION_COOKIE_AGE,
                httponly=True,
                secure=settings.SESSION_COOKIE_SECURE,
                samesite="Lax",
            )
        return response


@receiver(user_logged_in)
def _note_kept_input(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session") and typed_input_waiting(user=user):
        request.session[KEPT_INPUT_WAITING] = True
