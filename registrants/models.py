import calendar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from accounts.backends import group_ids
from registrants.access import sees_every_registrant
from registrants.history import HistoricalRecordsWithReverseM2M, HistoryUserName
from registrants.identifiers import (
    area_code_display,
    normalize_cik,
    normalize_cusip,
    normalize_sec_file_number,
    normalize_series_or_class_id,
    validate_cik,
    validate_class_id,
    validate_cusip,
    validate_sec_file_number,
    validate_series_id,
)


class FilerStatus(models.TextChoices):
    LARGE_ACCELERATED = "large_accelerated", "Large accelerated filer"
    ACCELERATED = "accelerated", "Accelerated filer"
    NON_ACCELERATED = "non_accelerated", "Non-accelerated filer"
    INVESTMENT_COMPANY = "investment_company", "Registered investment company (N-CEN, N-CSR)"
    ASSET_BACKED_ISSUER = "asset_backed_issuer", "Asset-backed issuer (10-D)"
    # Rule 3b-4: files its annual report on Form 20-F, whose due date does not depend on the
    # filer status.
    FOREIGN_PRIVATE_ISSUER = "foreign_private_issuer", "Foreign private issuer (20-F)"


class InvestmentCompanyType(models.TextChoices):
    """The kinds of registered investment company, by the form that registers them; EDGAR asks
    for it on NT-NCEN and NT-NCSR submissions."""

    NONE = "", "Not a registered investment company"
    OPEN_END = "open_end", "Open-end management company (Form N-1A)"
    CLOSED_END = "closed_end", "Closed-end management company (Form N-2)"
    SEPARATE_ACCOUNT = "separate_account", "Separate account (Forms N-3, N-4, N-6)"
    UNIT_INVESTMENT_TRUST = "unit_investment_trust", "Unit investment trust (Form N-8B-2, S-6)"
    FACE_AMOUNT = "face_amount", "Face-amount certificate company (Form N-8B-4)"


class Exchange(models.TextChoices):
    """The national securities exchange on which the registrant's securities are listed; its
    late-filing rules are in filings.exchanges."""

    NONE = "", "Not listed"
    NASDAQ = "nasdaq", "Nasdaq"
    NYSE = "nyse", "New York Stock Exchange"
    NYSE_AMERICAN = "nyse_american", "NYSE American"


MONTH_CHOICES = [(number, calendar.month_name[number]) for number in range(1, 13)]

# A name or an address line is printed on one line of the form, the EDGAR documents and the
# calendar; a line break or another control character can only come from a script or a CSV file.
one_line_validator = RegexValidator(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029]",
    "Enter this on one line, without line breaks or control characters.",
    code="not_one_line",
    inverse_match=True,
)
area_code_validator = RegexValidator(
    r"^\+?\d[\d ]{0,6}$",
    "Enter the area code as digits, e.g. 212 or (212).",
    code="invalid_area_code",
)
# A signer's title may take a second line, as filed notices show: "Chief Financial Officer" /
# "(Principal Financial and Accounting Officer)".
two_lines_validator = RegexValidator(
    r"\A[^\x00-\x1f\x7f-\x9f\u2028\u2029]+(\n[^\x00-\x1f\x7f-\x9f\u2028\u2029]+)?\Z",
    "Enter this on one or two lines, without control characters.",
    code="not_two_lines",
)


def two_lines(value: str) -> str:
    """Typed text with its line breaks normalized, blank lines and spaces around lines
    dropped, for a field of `two_lines_validator`."""
    return "\n".join(line.strip() for line in value.splitlines() if line.strip())


phone_number_validator = RegexValidator(
    r"^\d[\d .-]{3,18}\d$",
    "Enter the telephone number as digits with optional hyphens, e.g. 319-4657.",
    code="invalid_phone_number",
)


class RegistrantQuerySet(models.QuerySet):
    def visible_to(self, user) -> "RegistrantQuerySet":
        """The registrants `user` may see and work on (`visible_registrants`)."""
        return self.filter(visible_registrants(user, "pk"))


def visible_registrants(user, registrant_id: str) -> models.Q:
    """The condition that `user` may see the registrant whose id is the field `registrant_id`
    of the rows filtered: every registrant for a registrant admin, otherwise those assigned to
    the user or to one of the user's teams (AssignedToUser)."""
    if sees_every_registrant(user):
        return models.Q()
    if not user.is_authenticated:
        return models.Q(pk__in=[])
    return models.Q(AssignedToUser(registrant_id, user_id=user.pk, team_ids=group_ids(user)))


class AssignedToUser(models.Expression):
    """Whether the registrant whose id is the field `registrant_id` is assigned to the user
    `user_id` or to one of the teams `team_ids`: EXISTS of an assignment, checked row by row
    with an index lookup, so that a page of notices stops reading after its page instead of
    joining every registrant first. The teams are given by their ids, read with the user's
    permissions (accounts.backends), rather than as a subquery that PostgreSQL would join to
    every team assignment first.

    Written as SQL rather than as Exists() of two querysets: every page that shows a notice or
    a registrant asks it, and building and compiling those querysets took 1.4 ms a page, more
    than the lookups themselves. The assignments are read under aliases of their own, so
    that the outer rows' table, whatever its alias, is never shadowed."""

    output_field = models.BooleanField()

    def __init__(self, registrant_id: str, *, user_id: int, team_ids) -> None:
        super().__init__()
        self.registrant = models.F(registrant_id)
        self.user_id = user_id
        self.team_ids = sorted(team_ids)

    def get_source_expressions(self) -> list:
        return [self.registrant]

    def set_source_expressions(self, expressions) -> None:
        [self.registrant] = expressions

    def as_sql(self, compiler, connection):
        registrant_sql, registrant_params = compiler.compile(self.registrant)
        quote = connection.ops.quote_name

        def assigned(through, alias: str, column: str, values: list) -> tuple[str, list]:
            meta = through._meta
            own = f"{quote(alias)}.{quote(meta.get_field('registrant').column)}"
            to = f"{quote(alias)}.{quote(meta.get_field(column).column)}"
            placeholders = ", ".join(["%s"] * len(values))
            return (
                f"EXISTS (SELECT 1 FROM {quote(meta.db_table)} {quote(alias)} "
                f"WHERE {own} = {registrant_sql} AND {to} IN ({placeholders}))",
                [*registrant_params, *values],
            )

        users, teams = Registrant.assigned_users.through, Registrant.assigned_teams.through
        conditions = [assigned(users, "assigned_to_user", "user", [self.user_id])]
        if self.team_ids:
            conditions.append(assigned(teams, "assigned_to_team", "group", self.team_ids))
        sql = " OR ".join(condition for condition, _ in conditions)
        return f"({sql})", [param for _, params in conditions for param in params]


class Registrant(models.Model):
    """A company or fund that files periodic reports with the SEC."""

    name = models.CharField(
        "name as specified in charter", max_length=200, validators=[one_line_validator]
    )
    former_name = models.CharField(
        "former name", max_length=200, blank=True, validators=[one_line_validator]
    )
    street = models.CharField("street and number", max_length=200, validators=[one_line_validator])
    city = models.CharField(max_length=100, validators=[one_line_validator])
    state = models.CharField(
        "state or province", max_length=100, blank=True, validators=[one_line_validator]
    )
    postal_code = models.CharField(
        "ZIP or postal code", max_length=20, blank=True, validators=[one_line_validator]
    )
    country = models.CharField(
        max_length=100, default="United States", validators=[one_line_validator]
    )
    cik = models.CharField(
        "CIK",
        max_length=10,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_cik],
        help_text="Central Index Key: up to 10 digits.",
    )
    sec_file_number = models.CharField(
        "SEC file number",
        max_length=17,
        blank=True,
        validators=[validate_sec_file_number],
        help_text="For example 0-3252, 001-12227 or 811-05037.",
    )
    cusip = models.CharField(
        "CUSIP", max_length=9, blank=True, validators=[validate_cusip], help_text="Optional."
    )
    fiscal_year_end_month = models.PositiveSmallIntegerField(
        "fiscal year end (month)", choices=MONTH_CHOICES, default=12
    )
    fiscal_year_end_day = models.PositiveSmallIntegerField(
        "fiscal year end (day)",
        default=31,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    filer_status = models.CharField(
        max_length=30, choices=FilerStatus.choices, default=FilerStatus.NON_ACCELERATED
    )
    investment_company_type = models.CharField(
        max_length=30, choices=InvestmentCompanyType.choices, blank=True
    )
    exchange = models.CharField(
        "exchange listing", max_length=20, choices=Exchange.choices, blank=True
    )
    is_active = models.BooleanField("active", default=True)
    default_contact = models.ForeignKey(
        "Contact", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    default_signer = models.ForeignKey(
        "Signer", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assigned_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="assigned_registrants",
        verbose_name="assigned staff",
        help_text="Compliance staff who see and work on this registrant and its notices.",
    )
    assigned_teams = models.ManyToManyField(
        "auth.Group",
        blank=True,
        related_name="assigned_registrants",
        verbose_name="assigned teams",
        help_text="Groups whose members see and work on this registrant and its notices.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegistrantQuerySet.as_manager()
    # Who was assigned is history too: who may see the registrant is part of the audit.
    history = HistoricalRecordsWithReverseM2M(
        excluded_fields=["updated_at"],
        m2m_fields=["assigned_users", "assigned_teams"],
        bases=[HistoryUserName],
    )

    class Meta:
        ordering = ["name"]
        # The registrant list's page is read along it, in order, and stops after the page
        # instead of sorting every registrant. The search's trigram indexes (PostgreSQL only)
        # are made by migration 0009, not declared here.
        indexes = [models.Index(fields=["name"], name="registrant_name_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registrants:detail", args=[self.pk])

    @property
    def distinguishing_label(self) -> str:
        """The name with what tells it apart from a namesake, for choosers: the CIK, or the
        city when there is none."""
        place = ", ".join(part for part in (self.city, self.state) if part)
        return f"{self.name} (CIK {self.cik})" if self.cik else f"{self.name} ({place})"

    def clean(self) -> None:
        self.cik = normalize_cik(self.cik) if self.cik else None
        self.sec_file_number = normalize_sec_file_number(self.sec_file_number)
        self.cusip = normalize_cusip(self.cusip)
        errors = {}
        if self.fiscal_year_end_month and self.fiscal_year_end_day:
            # A leap year, so that a fiscal year ending 29 February is allowed.
            days_in_month = calendar.monthrange(2024, self.fiscal_year_end_month)[1]
            if self.fiscal_year_end_day > days_in_month:
                month = calendar.month_name[self.fiscal_year_end_month]
                errors["fiscal_year_end_day"] = ValidationError(
                    f"{month} has only {days_in_month} days.", code="invalid_day"
                )
        for field, person in (
            ("default_contact", self.default_contact),
            ("default_signer", self.default_signer),
        ):
            if person is not None and person.registrant_id != self.pk:
                errors[field] = ValidationError(
                    "Choose one of this registrant's own people.", code="other_registrant"
                )
        if errors:
            raise ValidationError(errors)

    @property
    def is_unit_investment_trust(self) -> bool:
        return self.investment_company_type == InvestmentCompanyType.UNIT_INVESTMENT_TRUST

    @property
    def fiscal_year_end_display(self) -> str:
        return f"{calendar.month_name[self.fiscal_year_end_month]} {self.fiscal_year_end_day}"

    @property
    def city_state_zip(self) -> str:
        """The "City, State and Zip Code" line of Form 12b-25 Part I."""
        region = " ".join(part for part in (self.state, self.postal_code) if part)
        return ", ".join(part for part in (self.city, region) if part)


# What staff edit on the registrant form and what a CSV file carries (besides the id).
REGISTRANT_EDITABLE_FIELDS = [
    "name",
    "former_name",
    "street",
    "city",
    "state",
    "postal_code",
    "country",
    "cik",
    "sec_file_number",
    "cusip",
    "fiscal_year_end_month",
    "fiscal_year_end_day",
    "filer_status",
    "investment_company_type",
    "exchange",
    "is_active",
]


class Contact(models.Model):
    """A person to call about a notice (Form 12b-25 Part IV(1))."""

    registrant = models.ForeignKey(Registrant, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200, validators=[one_line_validator])
    area_code = models.CharField(max_length=8, validators=[area_code_validator])
    phone_number = models.CharField(
        "telephone number", max_length=20, validators=[phone_number_validator]
    )
    email = models.EmailField(blank=True)

    history = HistoricalRecords(bases=[HistoryUserName])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} {area_code_display(self.area_code)} {self.phone_number}"

    @property
    def is_default(self) -> bool:
        return self.registrant.default_contact_id == self.pk


class Signer(models.Model):
    """A person who signs notices on the registrant's behalf."""

    registrant = models.ForeignKey(Registrant, on_delete=models.CASCADE, related_name="signers")
    name = models.CharField(max_length=200, validators=[one_line_validator])
    title = models.CharField(max_length=200, validators=[two_lines_validator])
    is_executive_officer = models.BooleanField(
        "executive officer",
        default=True,
        help_text="A signer who is not an executive officer must file evidence of authority.",
    )
    # The product user who signs electronically as this signer (Regulation S-T Rule
    # 302(b)(2)); copied onto each notice's signer, where only that user may sign.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="signs electronically as user",
        help_text="Leave empty when this signer signs on paper only.",
    )

    history = HistoricalRecords(bases=[HistoryUserName])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.title}".replace("\n", " ")

    @property
    def is_default(self) -> bool:
        return self.registrant.default_signer_id == self.pk


class Series(models.Model):
    """A series of an investment company, with its EDGAR series identifier."""

    registrant = models.ForeignKey(Registrant, on_delete=models.CASCADE, related_name="series")
    identifier = models.CharField(
        "series identifier", max_length=10, unique=True, validators=[validate_series_id]
    )
    name = models.CharField("series name", max_length=200)

    class Meta:
        ordering = ["identifier"]
        verbose_name_plural = "series"

    def __str__(self) -> str:
        return f"{self.identifier} {self.name}"

    def clean(self) -> None:
        self.identifier = normalize_series_or_class_id(self.identifier)


class ShareClass(models.Model):
    """A class (or contract) of a series, with its EDGAR class identifier."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="classes")
    identifier = models.CharField(
        "class identifier", max_length=10, unique=True, validators=[validate_class_id]
    )
    name = models.CharField("class name", max_length=200)

    class Meta:
        ordering = ["identifier"]
        verbose_name = "class"
        verbose_name_plural = "classes"

    def __str__(self) -> str:
        return f"{self.identifier} {self.name}"

    def clean(self) -> None:
        self.identifier = normalize_series_or_class_id(self.identifier)
