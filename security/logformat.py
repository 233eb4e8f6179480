"""Log formatting, importable before Django is set up (the LOGGING setting points here)."""

import logging
import time


class UTCFormatter(logging.Formatter):
    """Timestamps in UTC, ISO 8601 with a Z, whatever the server's time zone."""

    converter = time.gmtime
    default_time_format = "%Y-%m-%dT%H:%M:%S"
    default_msec_format = "%s.%03dZ"
