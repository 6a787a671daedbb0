# English: day before month, as the product has always written dates ("8 December 2026").
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j F"
SHORT_MONTH_DAY_FORMAT = "j M"
DATETIME_ZONE_FORMAT = "j F Y, H:i T"
MOMENT_FORMAT = "D j M Y, H:i"
