from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View, i18n
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView

from . import services
from .forms import AccountFromInvitationForm, InviteCSOStaffForm, InviteMemberForm, MemberRoleForm
from .languages import remember_choice
from .rules import has_any_access
from .scoping import TeamMixin


class NoAccessView(LoginRequiredMixin, TemplateView):
    """What an account sees before anyone gave it a team or an organisation."""

    template_name = "accounts/no_access.html"

    def get(self, request, *args, **kwargs):
        if has_any_access(request.user):
            return redirect("reports:dashboard")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(support_email=settings.UPR_SUPPORT_EMAIL, **kwargs)


# The team's pages in the other apps, by URL name (each takes the team's slug).
TEAM_LINKS = (
    ("events:event_create", gettext_lazy("New event")),
    ("events:theme_list", gettext_lazy("Themes")),
    ("participants:mission_list", gettext_lazy("Missions and diplomats")),
    ("participants:transfer", gettext_lazy("Import and export")),
    ("recommendations:review_list", gettext_lazy("Reviews")),
)


def team_links(team):
    """Links to the team's pages of the other apps that are installed."""
    links = []
    for url_name, label in TEAM_LINKS:
        try:
            links.append({"url": reverse(url_name, kwargs={"team": team.slug}), "label": label})
        except NoReverseMatch:
            continue
    return links


class TeamDetailView(TeamMixin, TemplateView):
    """The team: its contact, its members, links to its pages; organisers manage members."""

    template_name = "accounts/team_detail.html"

    def get_context_data(self, **kwargs):
        team = self.team
        can_manage = self.request.user.has_perm("accounts.manage_members", team)
        memberships = team.memberships.select_related("user").order_by(
            "-is_active", "user__username"
        )
        if not can_manage:
            memberships = memberships.filter(is_active=True)
        context = {
            "memberships": memberships,
            "can_manage": can_manage,
            "links": team_links(team),
            "role_form": MemberRoleForm(),
        }
        if can_manage:
            context["invitations"] = team.invitations.pending().select_related("organisation")
            context["cso_staff"] = (
                get_user_model()
                .objects.filter(organisation__team=team)
                .select_related("organisation")
                .order_by("organisation__name", "username")
            )
        return super().get_context_data(**context, **kwargs)


class _InviteView(TeamMixin, FormView):
    team_permission = "accounts.manage_members"

    def invite(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            invitation, token = self.invite(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        link = self.request.build_absolute_uri(reverse("accounts:invitation", args=[token]))
        services.send_invitation(
            invitation, link=link, language=translation.get_language(), by=self.request.user
        )
        messages.success(
            self.request, _("An invitation was sent to %(email)s.") % {"email": invitation.email}
        )
        return redirect(self.team.get_absolute_url())


class InviteMemberView(_InviteView):
    template_name = "accounts/member_invite.html"
    form_class = InviteMemberForm

    def invite(self, form):
        return services.invite(
            self.team,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            by=self.request.user,
        )


class InviteCSOStaffView(_InviteView):
    template_name = "accounts/cso_staff_invite.html"
    form_class = InviteCSOStaffForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "team": self.team}

    def invite(self, form):
        return services.invite(
            self.team,
            email=form.cleaned_data["email"],
            organisation=form.cleaned_data["organisation"],
            by=self.request.user,
        )


class _MemberActionView(TeamMixin, View):
    """A POST on one member of the team (loaded through the team: another team's is 404)."""

    team_permission = "accounts.manage_members"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        membership = get_object_or_404(
            self.team.memberships.select_related("user"), pk=kwargs["pk"]
        )
        try:
            message = self.act(membership)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, message)
        return redirect(self.team.get_absolute_url())


class MemberRoleView(_MemberActionView):
    def act(self, membership):
        form = MemberRoleForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError(_("Choose one of the roles."))
        services.change_role(membership, role=form.cleaned_data["role"], by=self.request.user)
        return _("New role of %(user)s: %(role)s.") % {
            "user": membership.user,
            "role": membership.get_role_display(),
        }


class MemberDeactivateView(_MemberActionView):
    def act(self, membership):
        services.deactivate_membership(membership, by=self.request.user)
        return _("%(user)s no longer has access to the team.") % {"user": membership.user}


class MemberReactivateView(_MemberActionView):
    def act(self, membership):
        services.reactivate_membership(membership, by=self.request.user)
        return _("%(user)s has access to the team again.") % {"user": membership.user}


class InvitationWithdrawView(TeamMixin, View):
    team_permission = "accounts.manage_members"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        invitation = get_object_or_404(self.team.invitations.pending(), pk=kwargs["pk"])
        services.withdraw_invitation(invitation)
        messages.success(request, _("The invitation is withdrawn: its link no longer works."))
        return redirect(self.team.get_absolute_url())


class InvitationView(View):
    """The link of an invitation. A visitor creates their account (with the invited
    address); a signed-in user whose e-mail is the invited one accepts it."""

    template_name = "accounts/invitation.html"

    def dispatch(self, request, *args, **kwargs):
        self.invitation = services.invitation_for_token(kwargs["token"])
        if self.invitation is None:
            return render(request, "accounts/invitation_invalid.html", status=404)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, token):
        return self._render(request, self._form())

    def post(self, request, token):
        user = request.user
        if user.is_authenticated:
            try:
                services.accept_invitation(self.invitation, user=user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return self._render(request, None, status=403)
            messages.success(request, _("Welcome to %(team)s.") % {"team": self.invitation.team})
            return redirect(self._next_page())
        form = self._form(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        data = form.cleaned_data
        try:
            user = services.create_account_from_invitation(
                self.invitation,
                username=data["username"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(request, form, status=400)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your account is ready."))
        # Roles that need two-factor login are sent to pair an authenticator first.
        return redirect(self._next_page())

    def _next_page(self):
        if self.invitation.is_for_cso_staff:
            return reverse("reports:dashboard")
        return self.invitation.team.get_absolute_url()

    def _form(self, data=None):
        User = get_user_model()
        return AccountFromInvitationForm(data, instance=User(email=self.invitation.email))

    def _render(self, request, form, status=200):
        user = request.user
        context = {
            "invitation": self.invitation,
            "form": form if not user.is_authenticated else None,
            "for_this_user": user.is_authenticated and services.is_for_user(self.invitation, user),
        }
        return render(request, self.template_name, context, status=status)


@require_POST
def set_language(request):
    """The language menu: Django's `set_language` (the cookie, then back to `next`), and the
    choice kept for the account (see accounts/languages.py). Open to everyone, signed in or
    not: the login page and the public site have the menu too."""
    response = i18n.set_language(request)
    language = request.POST.get(i18n.LANGUAGE_QUERY_PARAMETER, "")
    if language in dict(settings.LANGUAGES):
        remember_choice(request, language)
    else:
        # Django's view accepts any language it has a translation of, not only the app's.
        response.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
    return response
