from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm, UserCreationForm
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from . import mail
from .models import TeamRole


class InviteMemberForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=TeamRole.choices)


class InviteCSOStaffForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        help_text=_("The account sees this organisation's factsheets and its events."),
    )

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = team.organisations.order_by("name")


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=TeamRole.choices)


class AccountFromInvitationForm(UserCreationForm):
    """The invitee chooses a user name and a password; the e-mail is the invited one."""

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "first_name", "last_name")


class PasswordResetInUserLanguageForm(PasswordResetForm):
    """Django's "forgot password" form, whose message is a registered template sent like
    every e-mail (queued, logged: accounts/mail.py), in the language of the account it goes
    to (the page's language when the account has not chosen one). It is logged for no
    team: the account may be in several, and its subject names nobody; the link is only in
    the body, which the log never keeps."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        user = context["user"]
        language = user.language or translation.get_language()
        path = reverse(
            "password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]}
        )
        mail.send_email(
            mail.PASSWORD_RESET,
            to=to_email,
            language=language,
            context={
                "username": user.get_username(),
                "site_name": context["site_name"],
                "link": f"{context['protocol']}://{context['domain']}{path}",
            },
            team=None,
            by=None,
        )
