"""The pages of the notice and registrant lists, their counts kept in the cache: counting a
thousand notices was a quarter of a list page's time, and counting the registrants a user may
see among 5,000 a fifth."""

import hashlib

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from accounts.backends import group_ids
from filings.due_dates import kept_while_notices_unchanged
from registrants.access import sees_every_registrant


def count_key(list_name: str, user, filters: dict) -> str:
    """The cache key of the count of a list for `user` with `filters` (values or objects):
    the count depends on the filters and on whom the user may see."""
    counted = (
        user.pk,
        sees_every_registrant(user),
        sorted(group_ids(user)),
        sorted((name, getattr(value, "pk", value)) for name, value in filters.items()),
    )
    return f"{list_name}-count:" + hashlib.sha256(repr(counted).encode()).hexdigest()


class KeptCountPaginator(Paginator):
    """A paginator whose count is kept in the cache under `count_key` while no notice or
    registrant changes (filings.due_dates.kept_while_notices_unchanged). With a `cap` it
    counts that many rows at most (`is_capped` when there are more), and a page past them is
    the last page."""

    def __init__(self, object_list, per_page, *, count_key: str, cap: int | None = None) -> None:
        super().__init__(object_list, per_page)
        self.count_key = count_key
        self.cap = cap

    @cached_property
    def _counted(self) -> int:
        rows = self.object_list if self.cap is None else self.object_list[: self.cap + 1]
        return kept_while_notices_unchanged(self.count_key, rows.count)

    @cached_property
    def count(self) -> int:
        return self._counted if self.cap is None else min(self._counted, self.cap)

    @property
    def is_capped(self) -> bool:
        return self.cap is not None and self._counted > self.cap
