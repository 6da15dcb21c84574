"""How English pages and emails write dates: one format everywhere, "1 Sep 2027" and "1 Sep 2027, 14:30".

Django's English default mixes "Sept. 1, 2027" (DATE_FORMAT) with whatever a template spelled out.
Templates use only the named formats (`|date`, `|date:"DATETIME_FORMAT"`, …) and Python code
`formats.date_format(value)`; tests/core/test_date_formats.py fails on a hand-written one. Machine
formats (ISO in datetime= attributes, iCalendar, CSV) are not for people and stay ISO.
"""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "M Y"
MONTH_DAY_FORMAT = "j M"
# The same as the long forms: a shorter date would drop the year or turn into an ambiguous 01/09/2027.
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
FIRST_DAY_OF_WEEK = 1  # Monday, as in Sweden
