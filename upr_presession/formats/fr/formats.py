"""The app's French formats. Only what differs from Django's own French module
(django/conf/locale/fr/formats.py), which supplies the rest: "14 novembre 2018", 24-hour
times, a comma for decimals and a no-break space between thousands ("12 345,5")."""

# "14 nov. 2018", "14 juin 2018" as the English "14 Nov 2018", rather than Django's
# "14/11/2018": the app's short dates name the month in every language. "N" (French
# abbreviations with their full stop, short months in full), not "M" ("Nov", capitalised).
SHORT_DATE_FORMAT = "j N Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j N Y, H:i"
