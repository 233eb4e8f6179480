from django.db import transaction

from .models import Achievement, ActivityReport, Testimony


def _save_items(report, model, changes):
    for change in changes:
        if change.delete:
            if change.obj is not None:
                change.obj.delete()
            continue
        item = change.obj or model(report=report)
        for name, value in change.values.items():
            setattr(item, name, value)
        item.report = report
        item.save()


def save_report_narrative(event, *, narrative, achievements=(), testimonies=(), by):
    """Save the narrative of `event`'s report (`narrative`: its fields and values) with its
    achievements and testimonies (`events.services.Change`s: added, changed or deleted).

    Creates the report on first save. Everything is written in one transaction, so a
    failure leaves the report as it was. Side effects: the report row (its
    `updated_at`/`updated_by` change on every save, which also moves the report to a new
    PDF cache entry), achievement and testimony rows added, changed or deleted.
    """
    with transaction.atomic():
        report = ActivityReport.objects.filter(event=event).first() or ActivityReport(event=event)
        for name, value in narrative.items():
            setattr(report, name, value)
        report.updated_by = by
        report.save()
        _save_items(report, Achievement, achievements)
        _save_items(report, Testimony, testimonies)
    return report
