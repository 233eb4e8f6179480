from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm, UserCreationForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import TeamRole


class InviteMemberForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=TeamRole.choices)


class InviteCSOStaffForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
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
    """Django's "forgot password" form, whose message is written in the language of the
    account it goes to (the page's language when the account has not chosen one)."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        language = context["user"].language or translation.get_language()
        with translation.override(language):
            super().send_mail(
                subject_template_name,
                email_template_name,
                context,
                from_email,
                to_email,
                html_email_template_name,
            )
