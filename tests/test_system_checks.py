from filings import checks


def test_missing_pango_is_reported_with_what_to_install(monkeypatch):
    def pango_missing():
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(checks, "_import_weasyprint", pango_missing)
    [error] = checks.weasyprint_system_libraries(None)
    assert error.id == "filings.E001"
    assert "libpango-1.0-0" in error.msg
    assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0" in error.hint


def test_no_error_when_weasyprint_loads():
    assert checks.weasyprint_system_libraries(None) == []
