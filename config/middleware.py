"""Requests refused before any view sees them: bodies too large to read, and NUL characters
sent to the Django admin."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse


class RequestBodyLimitMiddleware:
    """Refuse a request whose declared body is larger than MAX_REQUEST_BODY_BYTES with a 413
    page, from its Content-Length header alone: the body is never read. Django's own limit
    (DATA_UPLOAD_MAX_MEMORY_SIZE) leaves file uploads out, and an upload is streamed to disk
    whole before a form can say it is too large."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > settings.MAX_REQUEST_BODY_BYTES:
            limit_mb = settings.MAX_REQUEST_BODY_BYTES // (1024 * 1024)
            return render(request, "413.html", {"limit_mb": limit_mb}, status=413)
        return self.get_response(request)


class AdminNulCharacterMiddleware:
    """Answer 400 to a request to the Django admin holding a NUL character in its query string
    or form data. PostgreSQL refuses NUL in any text it is given, so a search, a filter or an
    autocomplete term holding one would otherwise fail inside the admin's query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(reverse("admin:index")) and _holds_nul(request):
            return render(
                request,
                "400.html",
                {"reason": "A NUL character (\\0) cannot be searched, filtered or saved."},
                status=400,
            )
        return self.get_response(request)


def _holds_nul(request) -> bool:
    sent = [request.GET]
    if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
        sent.append(request.POST)
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for query in sent
        for key, values in query.lists()
    )
