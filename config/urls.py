from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView

from accounts import views as account_views
from filings import deadline_views

urlpatterns = [
    path("", deadline_views.dashboard, name="home"),
    path("login/", account_views.sign_in, name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/two-factor/", account_views.two_factor, name="two_factor"),
    path("registrants/", include("registrants.urls")),
    path("notices/", include("filings.urls")),
    path("deadlines/", include("filings.deadline_urls")),
    # The admin signs in through the app's login page, with its throttling and second factor.
    path(
        "admin/login/",
        login_not_required(RedirectView.as_view(pattern_name="login", query_string=True)),
    ),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "Form 12b-25 administration"
admin.site.site_title = "Form 12b-25"
