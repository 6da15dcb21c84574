"""How Swedish pages and emails write dates: "1 sep. 2027" and "1 sep. 2027 kl. 14.30".

The month is Django's abbreviated ("N") form, whose Swedish spellings with a full stop where Swedish
abbreviates (jan., sep., but maj, juni, juli) come from our catalogue: eyeforai/formats/months.py
marks them for it. English keeps eyeforai/formats/en/formats.py. Same rules: templates use the named
formats only, machine formats stay ISO.
"""

DATE_FORMAT = "j N Y"
DATETIME_FORMAT = "j N Y \\k\\l. H.i"
TIME_FORMAT = "H.i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j N"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
FIRST_DAY_OF_WEEK = 1
# Numbers (a decimal comma: 1,5) and input formats are Django's Swedish ones.
