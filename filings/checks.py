"""System checks for what the documents need from the machine."""

import importlib

from django.core.checks import Error, register

PANGO_HINT = (
    "WeasyPrint needs the Pango library. On Debian or Ubuntu install it with: "
    "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0"
)


def _import_weasyprint() -> None:
    importlib.import_module("weasyprint")


@register()
def weasyprint_system_libraries(app_configs, **kwargs) -> list[Error]:
    """WeasyPrint loads Pango when imported; without it, say what to install instead of
    failing with a traceback on the first PDF."""
    try:
        _import_weasyprint()
    except OSError as error:
        return [
            Error(
                f"The PDF renderer cannot load its system libraries ({error}).",
                hint=PANGO_HINT,
                id="filings.E001",
            )
        ]
    return []
