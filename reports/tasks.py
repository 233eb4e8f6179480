"""The printouts made by the job worker: badges and sign-in sheets (of participants, of
mission representatives) for big events. Each is printed in the language of the person who
asked for it (`language`, carried by the job), not in the worker's."""

from django.conf import settings
from django.utils import translation
from django_tasks import task

from events.models import Event, ProgrammeDay, Session
from jobs.services import run_job
from participants.models import Registration

from . import pdf


def in_language(language):
    """Run the decorated work with `language` active (a language no longer offered falls
    back to the default one)."""
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE

    def decorate(work):
        def work_in_language(progress):
            with translation.override(language):
                return work(progress)

        return work_in_language

    return decorate


@task()
def make_badges(*, job_id, event_id, registration_ids, language=settings.LANGUAGE_CODE):
    @in_language(language)
    def work(progress):
        event = Event.objects.get(pk=event_id)
        registrations = list(Registration.objects.for_event(event).filter(pk__in=registration_ids))
        rendered = pdf.badges_pdf(event, registrations, progress=progress)
        return rendered.content, rendered.filename

    return run_job(job_id, work, every=1)


@task()
def make_sign_in_sheet(*, job_id, day_id, language=settings.LANGUAGE_CODE):
    @in_language(language)
    def work(progress):
        day = ProgrammeDay.objects.select_related("event").get(pk=day_id)
        rendered = pdf.sign_in_sheet_pdf(day)
        return rendered.content, rendered.filename

    return run_job(job_id, work)


@task()
def make_mission_sign_in_sheet(*, job_id, session_id, language=settings.LANGUAGE_CODE):
    @in_language(language)
    def work(progress):
        session = Session.objects.select_related("day__event").get(pk=session_id)
        rendered = pdf.mission_sign_in_sheet_pdf(session)
        return rendered.content, rendered.filename

    return run_job(job_id, work)
