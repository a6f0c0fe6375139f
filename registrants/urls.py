from django.urls import path, register_converter

from registrants import views

app_name = "registrants"


class PersonKindConverter:
    """Only the kinds of people a registrant has; any other word is a 404."""

    regex = "|".join(views.PEOPLE)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(PersonKindConverter, "person_kind")

people = "<int:registrant_id>/<person_kind:kind>"

urlpatterns = [
    path("", views.registrant_list, name="list"),
    path("new/", views.registrant_create, name="create"),
    path("choose/", views.registrant_choices, name="choose"),
    path("<int:registrant_id>/", views.registrant_detail, name="detail"),
    path("<int:registrant_id>/edit/", views.registrant_edit, name="edit"),
    path("<int:registrant_id>/history/", views.registrant_history_page, name="history"),
    path(f"{people}/new/", views.person_create, name="person_create"),
    path(f"{people}/<int:person_id>/edit/", views.person_edit, name="person_edit"),
    path(f"{people}/<int:person_id>/delete/", views.person_delete_view, name="person_delete"),
]
