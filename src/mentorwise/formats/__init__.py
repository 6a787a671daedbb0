"""Date and number formats per language (settings.FORMAT_MODULE_PATH), on top of Django's own.

Templates and Python name a format ("DATE_FORMAT", "MOMENT_FORMAT") rather than spell one
out, so that a date reads "8 December 2026" in English and "8 de diciembre de 2026" in Spanish.
Besides Django's names, both languages define:

- SHORT_MONTH_DAY_FORMAT: a day and a short month ("8 Dec").
- DATETIME_ZONE_FORMAT: a date and time with the zone's abbreviation.
- MOMENT_FORMAT: a weekday, date and time, as `zones.label` and the `when` filter show them.
"""
