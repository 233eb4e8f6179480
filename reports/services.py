from django.db import transaction


def save_report_narrative(event, *, report_form, achievement_formset, testimony_formset, by):
    """Save the narrative of `event`'s report with its achievements and testimonies.

    Creates the report on first save. All three forms must be valid; everything is written
    in one transaction, so a failure leaves the report as it was. Side effects: the report
    row (its `updated_at`/`updated_by` change on every save, which also moves the report
    to a new PDF cache entry), achievement and testimony rows added, changed or deleted.
    """
    with transaction.atomic():
        report = report_form.save(commit=False)
        report.event = event
        report.updated_by = by
        report.save()
        for formset in (achievement_formset, testimony_formset):
            formset.instance = report
            formset.save()
    return report
