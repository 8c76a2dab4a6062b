"""Storage: tables, engines and sessions, and conversion of rows to domain objects."""
