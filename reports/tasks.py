"""The printouts made by the job worker: badges and sign-in sheets (of participants, of
mission representatives) for big events. Each is printed in the language of the person who
asked for it (`language`, carried by the job), not in the worker's."""

from django.conf import settings
from django_tasks import task

from events.models import Event, ProgrammeDay, Session
from jobs.services import run_job
from participants.models import Registration

from . import pdf


@task()
def make_badges(*, job_id, event_id, registration_ids, language=settings.LANGUAGE_CODE):
    def work(progress):
        event = Event.objects.get(pk=event_id)
        registrations = list(Registration.objects.for_event(event).filter(pk__in=registration_ids))
        rendered = pdf.badges_pdf(event, registrations, progress=progress)
        return rendered.content, rendered.filename

    return run_job(job_id, work, every=1, language=language)


@task()
def make_sign_in_sheet(*, job_id, day_id, language=settings.LANGUAGE_CODE):
    def work(progress):
        day = ProgrammeDay.objects.select_related("event").get(pk=day_id)
        rendered = pdf.sign_in_sheet_pdf(day)
        return rendered.content, rendered.filename

    return run_job(job_id, work, language=language)


@task()
def make_mission_sign_in_sheet(*, job_id, session_id, language=settings.LANGUAGE_CODE):
    def work(progress):
        session = Session.objects.select_related("day__event").get(pk=session_id)
        rendered = pdf.mission_sign_in_sheet_pdf(session)
        return rendered.content, rendered.filename

    return run_job(job_id, work, language=language)
