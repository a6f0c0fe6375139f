"""Signing in: the login page (with the authenticator code of two-factor sign-in), its lockout
message, and the page where a user turns two-factor sign-in on or off."""

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.forms import DeviceCodeForm, SignInForm, confirmed_device
from accounts.middleware import two_factor_required
from registrants.forms import error_entries

sign_in = LoginView.as_view(authentication_form=SignInForm)


def client_address(request: HttpRequest) -> str | None:
    """The address a login comes from, for throttling: behind a TLS proxy (BEHIND_TLS_PROXY)
    the one the proxy appended last to X-Forwarded-For (earlier entries are the client's to
    forge), otherwise the connection's."""
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.rsplit(",", 1)[-1].strip()
    return request.META.get("REMOTE_ADDR")


def locked_out(request: HttpRequest, response=None, credentials=None) -> HttpResponse:
    """What django-axes answers while a user name and address are locked out: the login page
    with the reason, status 429."""
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    return render(
        request,
        "registration/login.html",
        {
            "form": SignInForm(request),
            "locked_out_message": (
                f"Too many failed logins for this user name from this address. Try again in "
                f"{minutes} minutes, or ask an administrator to unlock the account."
            ),
        },
        status=429,
    )


def _setup_device(user) -> TOTPDevice:
    """The user's device being set up: a secret not yet confirmed by a code."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def two_factor(request: HttpRequest) -> HttpResponse:
    """Template accounts/two_factor.html; context: device (the confirmed one, when on), required,
    form (a code), and while setting up: secret (base32), otpauth_uri and qr_svg. A valid code
    turns two-factor sign-in on; once on, it verifies a session that signed in without one, or
    turns it off (unless it is required)."""
    device = confirmed_device(request.user)
    required = two_factor_required(request.user)
    context = {"device": device, "required": required}
    if device is None:
        device = _setup_device(request.user)
        uri = device.config_url
        context.update(
            secret=b32encode(device.bin_key).decode(),
            otpauth_uri=uri,
            # segno writes plain SVG elements with no script or style, so it is safe inline.
            qr_svg=mark_safe(segno.make(uri, error="m").svg_inline(scale=4, omitsize=False)),
        )
    form = DeviceCodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        if context["device"] is None:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, "Two-factor sign-in is on: each login now asks for a code.")
        elif not request.user.is_verified():
            otp_login(request, device)
            messages.success(request, "Code accepted.")
        elif not required:
            device.delete()
            messages.success(request, "Two-factor sign-in is off.")
        return redirect("two_factor")
    context["form"] = form
    context["error_summary"] = error_entries(form) if form.is_bound else []
    return render(request, "accounts/two_factor.html", context)
