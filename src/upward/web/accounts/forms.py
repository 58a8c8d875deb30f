"""Forms: they parse and validate input; services do the work."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from upward.web.accounts.models import (
    MAX_BIO,
    MAX_TOPICS,
    VISIBLE_FIELDS,
    Profile,
    TokenScope,
    Visibility,
)
from upward.web.core.roles import ROLE_DESCRIPTIONS, Role


class SignInForm(forms.Form):
    error_names = {"email": "your email address", "password": "your password"}
    email = forms.EmailField(label="Email address", max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(
        label="Password", strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class NewPasswordMixin(forms.Form):
    error_names = {"password": "your password"}
    password = forms.CharField(
        label="Choose a password", strip=False, min_length=10, max_length=128,
        help_text="At least 10 characters. A few unrelated words make a strong password.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class DisplayNameMixin(forms.Form):
    display_name = forms.CharField(
        label="Display name", max_length=80,
        help_text="The name colleagues will see, e.g. “Priya Shah”.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )


class SignUpForm(DisplayNameMixin, NewPasswordMixin):
    email = forms.EmailField(label="Work email address", max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    field_order = ["email", "display_name", "password"]


class InvitationAcceptForm(DisplayNameMixin, NewPasswordMixin):
    pass


class ProfileForm(forms.ModelForm):
    ask_me_about = forms.CharField(
        label="Ask me about", required=False, max_length=MAX_TOPICS * 42,
        help_text=f"Up to {MAX_TOPICS} topics, separated by commas, "
        "e.g. “apprenticeships, moving into data, first-generation university”.",
    )

    class Meta:
        model = Profile
        fields = ["display_name", "pronouns", "job_title", "team", "location", "bio"]
        labels = {"bio": "About me", "job_title": "Job title"}
        help_texts = {
            "display_name": "The name colleagues will see.",
            "pronouns": "For example “she/her” or “they/them”.",
            "bio": f"Where you started, where you are now. At most {MAX_BIO} characters.",
        }
        widgets = {"bio": forms.Textarea(attrs={"rows": 6, "maxlength": MAX_BIO})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ask_me_about"].initial = ", ".join(self.instance.ask_me_about or [])
        for field, label in VISIBLE_FIELDS.items():
            self.fields[f"visibility_{field}"] = forms.ChoiceField(
                label=f"Who can see: {label.lower()}",
                choices=Visibility.choices,
                initial=self.instance.visibility_of(field),
            )

    def visibility_fields(self):
        return [self[f"visibility_{field}"] for field in VISIBLE_FIELDS]

    def detail_fields(self):
        return [self[name] for name in [*self.Meta.fields, "ask_me_about"]]

    def changes(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["ask_me_about"] = self.cleaned_data["ask_me_about"]
        data["visibility"] = {f: self.cleaned_data[f"visibility_{f}"] for f in VISIBLE_FIELDS}
        return data


class CareerEntryForm(forms.Form):
    title = forms.CharField(label="Role", max_length=100,
                            help_text="e.g. “Customer service adviser”.")
    organisation = forms.CharField(label="Organisation", max_length=100, required=False)
    start_year = forms.IntegerField(label="Start year", min_value=1940,
                                    max_value=timezone.now().year)
    end_year = forms.IntegerField(label="End year", min_value=1940, max_value=2100,
                                  required=False, help_text="Leave empty if this is your role now.")
    description = forms.CharField(label="What it involved", max_length=500, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))


class TokenForm(forms.Form):
    EXPIRY_CHOICES = [("30", "30 days"), ("90", "90 days"), ("366", "One year"), ("", "Never")]
    name = forms.CharField(label="Token name", max_length=80,
                           help_text="What will use it, e.g. “Quarterly report script”.")
    days = forms.ChoiceField(label="Expires after", choices=EXPIRY_CHOICES, initial="90",
                             required=False)
    scope = forms.ChoiceField(
        label="What it may do", choices=TokenScope.choices, initial=TokenScope.READ,
        widget=forms.RadioSelect, required=False,
        help_text="Read only is enough for reports and exports. Choose read and write only "
                  "for a script that changes things (it can then edit anything you can).",
    )

    def clean_scope(self) -> str:
        return self.cleaned_data["scope"] or TokenScope.READ


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password", strip=False,
        help_text="To confirm it is you.",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label="Email address", max_length=254)
    roles = forms.MultipleChoiceField(
        label="Roles", choices=Role.choices, initial=[Role.MEMBER],
        widget=forms.CheckboxSelectMultiple,
        help_text="Network leads can invite members; administrators can give any role.",
    )

    def __init__(self, *args, allowed_roles: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed_roles is not None:
            self.fields["roles"].choices = [
                (value, label) for value, label in Role.choices if value in allowed_roles]


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label="Roles", choices=[(r.value, f"{r.label} — {ROLE_DESCRIPTIONS[r]}") for r in Role],
        required=False, widget=forms.CheckboxSelectMultiple,
    )
