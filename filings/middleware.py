from django.contrib.auth.middleware import LoginRequiredMiddleware

from filings.services import CONTROL_FIELDS

EXPIRED_POST_SESSION_KEY = "post_kept_through_login"


def keeps_typed_input_through_login(view_func):
    """Mark a view whose form input, posted after the session expired, is kept across the
    login and shown again instead of being lost."""
    view_func.keeps_typed_input_through_login = True
    return view_func


class LoginRequiredKeepingInputMiddleware(LoginRequiredMiddleware):
    """Django's LoginRequiredMiddleware, except that a POST to a marked view made by a user
    whose session has expired is kept in the new session until they have logged in again."""

    def handle_no_permission(self, request, view_func):
        if request.method == "POST" and getattr(
            view_func, "keeps_typed_input_through_login", False
        ):
            # One entry per page, so that several tabs posting after the expiry all keep theirs.
            kept = request.session.get(EXPIRED_POST_SESSION_KEY, {})
            kept[request.path] = {
                key: [value.replace("\x00", "") for value in values]
                for key, values in request.POST.lists()
                if key not in CONTROL_FIELDS
            }
            request.session[EXPIRED_POST_SESSION_KEY] = kept
        return super().handle_no_permission(request, view_func)
