"""A body larger than the limit is refused from its Content-Length, before it is read."""

import io

import pytest
from django.conf import settings
from django.urls import reverse

from filings.uploads import MAX_UPLOAD_BYTES

pytestmark = pytest.mark.django_db


class UnreadableBody(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = readinto = read


def test_the_body_limit_allows_one_full_upload_with_its_page():
    assert MAX_UPLOAD_BYTES < settings.MAX_REQUEST_BODY_BYTES <= 2 * MAX_UPLOAD_BYTES


def test_a_300_mb_body_is_refused_with_413_before_it_is_read(compliance_client, lexington):
    for url in [reverse("filings:new"), reverse("login"), reverse("admin:index")]:
        response = compliance_client.generic(
            "POST",
            url,
            content_type="multipart/form-data; boundary=x",
            CONTENT_LENGTH=str(300 * 1024 * 1024),
            **{"wsgi.input": UnreadableBody()},
        )
        assert response.status_code == 413
        assert "What you sent is too large" in response.content.decode()


def test_a_body_within_the_limit_goes_through(compliance_client, lexington):
    response = compliance_client.post(reverse("filings:new"), {"registrant": "x" * 1000})
    assert response.status_code == 200
