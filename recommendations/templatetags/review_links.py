"""Links to reviews from the pages of other apps (the event overview)."""

from django import template

from ..selectors import event_reviews

register = template.Library()


@register.inclusion_tag("recommendations/_event_reviews.html", takes_context=True)
def event_review_links(context, event):
    """A "Reviews" card listing the reviews linked to `event` that the user may open;
    nothing when there are none."""
    return {"reviews": event_reviews(event, context["user"])}
