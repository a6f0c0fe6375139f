from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from filings import deadline_views

urlpatterns = [
    path("", deadline_views.dashboard, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("registrants/", include("registrants.urls")),
    path("notices/", include("filings.urls")),
    path("deadlines/", include("filings.deadline_urls")),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "Form 12b-25 administration"
admin.site.site_title = "Form 12b-25"
