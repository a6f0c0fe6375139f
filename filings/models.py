from django.db import models


class SecClosureDay(models.Model):
    """A day the SEC was closed although it was not a federal holiday, such as a national day
    of mourning. Deadlines treat it as a holiday (Rule 0-3)."""

    date = models.DateField(unique=True)
    reason = models.CharField(max_length=200)

    class Meta:
        ordering = ["-date"]
        verbose_name = "SEC closure day"

    def __str__(self) -> str:
        return f"{self.date.isoformat()}: {self.reason}"
