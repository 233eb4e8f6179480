import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string
from django.views.defaults import server_error as default_server_error

from .log import logger

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def server_error(request, template_name="500.html"):
    """handler500: a lost database connection becomes a 503 with a plain page (no stack
    trace, nothing that needs the database to render); anything else is a normal 500."""
    _, error, _ = sys.exc_info()
    if isinstance(error, DATABASE_ERRORS):
        logger.error(
            "event=database_unavailable path=%s error=%s", request.path, type(error).__name__
        )
        # Rendered without the request: the context processors would query the database.
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    try:
        return default_server_error(request, template_name)
    except DATABASE_ERRORS:
        return HttpResponseServerError(render_to_string("500.html"))
