"""The app's Khmer formats. Only what differs from Django's own Khmer module
(django/conf/locale/km/formats.py), which supplies the rest.

Dates are written "14 វិច្ឆិកា 2018": day, month name, year, as the English and French ones,
without Django's "ខែ" (month) and "ឆ្នាំ" (year) words, so that a range ("14–16 វិច្ឆិកា 2018")
reads the same way and a date fits a table cell. Figures and dates stay in Western
(Arabic) digits, a choice: the same figures then read alike in the three languages'
reports and exports, and Django's formats have no way to write Khmer digits."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1
# Django's Khmer module sets the separators (a comma for decimals, a full stop between
# thousands) but no grouping: without it a figure such as 12345 would never be grouped.
NUMBER_GROUPING = 3
