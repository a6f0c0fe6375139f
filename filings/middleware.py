from django.contrib.auth.middleware import LoginRequiredMiddleware

EXPIRED_POST_SESSION_KEY = "post_kept_through_login"
# Form fields that are the page's controls, not what the user typed.
CONTROL_FIELDS = {"csrfmiddlewaretoken", "action"}
# Bounds on what an anonymous request may leave in a session: the pages most recently posted,
# each up to a generous size for a long narrative.
KEPT_PAGES = 5
KEPT_CHARACTERS_PER_PAGE = 200_000


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
            typed = {
                key: [value.replace("\x00", "") for value in values]
                for key, values in request.POST.lists()
                if key not in CONTROL_FIELDS
            }
            size = sum(len(key) + sum(map(len, values)) for key, values in typed.items())
            if size <= KEPT_CHARACTERS_PER_PAGE:
                # One entry per page, so that several tabs posting after the expiry all keep
                # theirs; the oldest entries go first.
                kept = request.session.get(EXPIRED_POST_SESSION_KEY, {})
                kept.pop(request.path, None)
                kept[request.path] = typed
                request.session[EXPIRED_POST_SESSION_KEY] = dict(list(kept.items())[-KEPT_PAGES:])
        return super().handle_no_permission(request, view_func)
