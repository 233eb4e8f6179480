"""Scoping, once: every view that shows team data loads it through these helpers.

Someone who may not see an object gets a 404, exactly as if it did not exist (no way to
probe which ids or slugs another team uses); someone who sees it but may not do what the
view does gets a 403. "May see" is the object's view permission in the app's `rules.py`.
"""

import copy

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property

from .models import Team


def check_object(user, obj, *, view_permission, permission=None):
    """Raise 404 unless `user` may see `obj`, 403 unless they also hold `permission` on it."""
    if not user.has_perm(view_permission, obj):
        raise Http404
    if permission and not user.has_perm(permission, obj):
        raise PermissionDenied
    return obj


def team_for(user, slug, *, permission=None):
    """The team of the URL, or a 404 for someone who is not a member."""
    team = get_object_or_404(Team, slug=slug)
    return check_object(user, team, view_permission="accounts.view_team", permission=permission)


class TeamMixin(LoginRequiredMixin):
    """Views under `/teams/<team>/`: the team is resolved from the URL once and checked.

    `team_permission` is checked against the team (403); non-members get a 404.
    """

    team_permission = None
    team_url_kwarg = "team"

    @cached_property
    def team(self):
        return team_for(
            self.request.user, self.kwargs[self.team_url_kwarg], permission=self.team_permission
        )

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.team  # noqa: B018 - resolve and check before the view runs
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        # A TemplateView passes the URL's kwargs in: the slug gives way to the team.
        kwargs["team"] = self.team
        return super().get_context_data(**kwargs)


def form_instance(obj):
    """A copy of `obj` for a ModelForm to validate.

    A ModelForm writes the submitted values onto its instance while it validates, valid or
    not. The page around an invalid form (its title, breadcrumbs, links built from the slug)
    must still describe the stored object, so the form gets a copy and the view keeps the
    original.
    """
    return copy.copy(obj)


class ScopedObjectMixin(LoginRequiredMixin):
    """Detail/update views of a team-owned object loaded by id (a person, an organisation).

    The object is fetched, then `view_permission` (404) and `permission` (403) are checked
    on it, so another team's object is a 404 whatever its id.
    """

    view_permission = None
    permission = None

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        return check_object(
            self.request.user,
            obj,
            view_permission=self.view_permission,
            permission=self.permission,
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if kwargs.get("instance") is not None:
            kwargs["instance"] = form_instance(kwargs["instance"])
        return kwargs
