"""Who may open which notice: the one place every view of a notice asks."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from filings.models import Notice


def get_notice_for_user(request: HttpRequest, notice_id: int, *, change: bool) -> Notice:
    """The notice, if the user's role may see it (or change it) and the user may see its
    registrant (registrants.access); a notice of another registrant is a 404."""
    permission = "filings.change_notice" if change else "filings.view_notice"
    if not request.user.has_perm(permission):
        raise PermissionDenied
    notices = Notice.objects.visible_to(request.user).select_related("registrant")
    return get_object_or_404(notices, pk=notice_id)
