# Spanish: "8 de diciembre de 2026", "mar 8 dic 2026, 14:30" (months in lower case, as Spanish writes them).
DATE_FORMAT = r"j \d\e F \d\e Y"
SHORT_DATE_FORMAT = "j b Y"
DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i"
SHORT_DATETIME_FORMAT = "j b Y, H:i"
MONTH_DAY_FORMAT = r"j \d\e F"
SHORT_MONTH_DAY_FORMAT = "j b"
DATETIME_ZONE_FORMAT = r"j \d\e F \d\e Y, H:i T"
MOMENT_FORMAT = "D j b Y, H:i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
