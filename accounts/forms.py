from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django_otp.plugins.otp_totp.models import TOTPDevice

CODE_HELP = "The 6-digit code your authenticator app shows now."


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


class SignInForm(AuthenticationForm):
    """User name and password, and the authenticator code of a user who turned on two-factor
    sign-in. A wrong code counts as a failed login, so django-axes throttles code guessing
    like password guessing."""

    otp_token = forms.CharField(
        label="Authenticator code (if two-factor sign-in is on)",
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=CODE_HELP,
    )

    def full_clean(self) -> None:
        """After a refused login, mark the user name and password invalid: the message is the
        form's, since it cannot say which of the two is wrong."""
        super().full_clean()
        if self.non_field_errors():
            for name in ("username", "password"):
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": "login-error"}
                )

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        device = confirmed_device(user) if user else None
        if device is None:
            return cleaned_data
        token = cleaned_data.get("otp_token", "").replace(" ", "")
        # A missing code is a failed login too (else the message would confirm the password
        # without throttling), but not a wrong code for the device's own throttling.
        if not (token and device.verify_token(token)):
            user_login_failed.send(
                sender=type(self),
                credentials={"username": cleaned_data.get("username")},
                request=self.request,
            )
            raise forms.ValidationError(
                "Two-factor sign-in is on for this account: enter the current code from your "
                "authenticator app.",
                code="otp_token",
            )
        # django-otp marks the session as verified with this device when the user logs in.
        user.otp_device = device
        return cleaned_data


class DeviceCodeForm(forms.Form):
    """A code from the authenticator app, proving it holds the secret."""

    otp_token = forms.CharField(
        label="Authenticator code",
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=CODE_HELP,
    )

    def __init__(self, *args, device: TOTPDevice, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self) -> str:
        token = self.cleaned_data["otp_token"].replace(" ", "")
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                "That code does not match; enter the code the app shows now.", code="wrong_code"
            )
        return token
