"""The app's English date formats, used everywhere through Django's named formats
(`|date`, `|date:"SHORT_DATE_FORMAT"`, `formats.date_format`): dates as UPR Info writes
them ("6 April 2027"), never Django's American default ("April 6, 2027")."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1
