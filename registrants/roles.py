"""The roles, as Django groups (created by migration 0002_roles)."""

COMPLIANCE_STAFF = "Compliance staff"
REGISTRANT_ADMINS = "Registrant admins"
