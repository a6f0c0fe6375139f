from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from registrants.access import sees_every_registrant


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
