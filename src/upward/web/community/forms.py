"""Forms: they parse and validate input; services do the work."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone

from upward.web.community.models import (
    MAX_BODY,
    MAX_COMMENT,
    MAX_CONVERSATION_MESSAGE,
    MAX_PROMPT,
    MAX_QUOTE,
    MAX_TITLE,
    PROMPTS,
    Audience,
    CategoryAudience,
    OnDeletion,
    SearchKind,
    Tag,
    ThreadKind,
    WatchedAction,
)
from upward.web.core.flags.models import FlagReason

IDENTITY_CHOICES = [("named", "Named — your name is shown with it"),
                    ("anonymous", "Anonymous — nobody can see it is yours")]


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class StoryForm(forms.Form):
    title = forms.CharField(label="Title", max_length=MAX_TITLE,
                            help_text="A few words that say what your story is about.")
    cover_quote = forms.CharField(
        label="Cover quote", max_length=MAX_QUOTE, required=False,
        help_text="One sentence from your story to show in the feed.")
    body = forms.CharField(
        label="Your story in your own words", required=False, max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Anything the prompts above did not cover. You can use Markdown: "
                  "**bold**, *italic*, lists, links and > quotes.")
    tags = forms.ModelMultipleChoiceField(
        label="Tags", required=False, queryset=Tag.objects.none(), to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        help_text="Help people with a similar background find your story.")
    identity = forms.ChoiceField(
        label="Show my name?", choices=IDENTITY_CHOICES, initial="named",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to show your name with the story"})
    audience = forms.ChoiceField(label="Who can read it", choices=Audience.choices,
                                 initial=Audience.NETWORK, widget=forms.RadioSelect)
    embargo_until = forms.DateTimeField(
        label="Embargo until", required=False, widget=DateTimeLocalInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        help_text="Optional: nobody else sees the story before this date and time "
                  "(UK time).")
    include_timeline = forms.BooleanField(
        label="Show my career timeline from my profile with the story", required=False,
        help_text="Not available for anonymous stories: it would show who you are.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tags"].queryset = Tag.objects.filter(is_active=True)
        fields = dict(self.fields)
        self.fields = {"title": fields["title"], "cover_quote": fields["cover_quote"]}
        for name, (heading, hint) in PROMPTS.items():
            self.fields[name] = forms.CharField(
                label=heading, help_text=hint, required=False, max_length=MAX_PROMPT,
                widget=forms.Textarea(attrs={"rows": 4}))
        for name in ("body", "tags", "identity", "audience", "embargo_until",
                     "include_timeline"):
            self.fields[name] = fields[name]

    def clean_embargo_until(self):
        value = self.cleaned_data.get("embargo_until")
        kept = self.initial.get("embargo_until")
        if value is not None and kept is not None and abs(value - kept) < timedelta(minutes=1):
            # The date the story already has (shown to the minute): an embargo that has
            # ended does not stop the author saving other changes.
            return kept
        if value is not None and value <= timezone.now():
            raise forms.ValidationError("Choose a date and time in the future, or leave it "
                                        "empty.")
        return value

    def changes(self) -> dict:
        data = self.cleaned_data
        changes = {name: data[name] for name in ("title", "cover_quote", *PROMPTS, "body",
                                                   "audience", "embargo_until",
                                                   "include_timeline")}
        changes["is_anonymous"] = data["identity"] == "anonymous"
        changes["tags"] = [tag.slug for tag in data["tags"]]
        return changes

    @staticmethod
    def initial_for(story) -> dict:
        initial = {name: getattr(story, name) for name in ("title", "cover_quote", *PROMPTS,
                                                           "body", "audience",
                                                           "include_timeline")}
        initial["identity"] = "anonymous" if story.is_anonymous else "named"
        initial["tags"] = list(story.tags.all())
        if story.embargo_until:
            initial["embargo_until"] = timezone.localtime(story.embargo_until)
        return initial


class CommentForm(forms.Form):
    error_names = {"body": "comment"}
    body = forms.CharField(label="Add a comment", max_length=MAX_COMMENT,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           help_text="Be kind: someone shared something personal.")
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ShareForm(forms.Form):
    email = forms.EmailField(label="Colleague's work email address", max_length=254)
    note = forms.CharField(label="A short note", required=False, max_length=200,
                           help_text="Optional, e.g. “This reminded me of what you said”.")


class ConversationRequestForm(forms.Form):
    message = forms.CharField(
        label="A short message", required=False, max_length=MAX_CONVERSATION_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Optional: what you would like to talk about, and how you would like to "
                  "meet.")


class ConversationReplyForm(forms.Form):
    answer = forms.CharField(
        label="When and how could you meet?", max_length=MAX_CONVERSATION_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example “Happy to. Coffee on Thursday at 10, or a call?”.")


class ConversationDeclineForm(forms.Form):
    prefix = "decline"
    answer = forms.CharField(
        label="A note", required=False, max_length=MAX_CONVERSATION_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example “I'm away until March: please ask me again then.”")


class FlagForm(forms.Form):
    reason = forms.ChoiceField(label="What is wrong?", choices=FlagReason.choices,
                               widget=forms.RadioSelect)
    note = forms.CharField(label="Anything the moderators should know", required=False,
                           max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="Needed if you chose “Something else”.")


class ThreadForm(forms.Form):
    title = forms.CharField(label="Title", max_length=MAX_TITLE)
    body = forms.CharField(label="Message", max_length=MAX_BODY,
                           widget=forms.Textarea(attrs={"rows": 8}),
                           help_text="Markdown works. Mention someone with @ and the first "
                                     "part of their work address, e.g. @jade.okafor.")
    kind = forms.ChoiceField(label="Type", choices=ThreadKind.choices,
                             initial=ThreadKind.DISCUSSION, widget=forms.RadioSelect)
    is_anonymous = forms.BooleanField(
        label="Post anonymously", required=False,
        help_text="Nobody — not moderators, leads or administrators — will see it is yours. "
                  "A moderator reads it before it appears.")

    def __init__(self, *args, allow_anonymous: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not allow_anonymous:
            del self.fields["is_anonymous"]


class ThreadEditForm(forms.Form):
    title = forms.CharField(label="Title", max_length=MAX_TITLE)
    body = forms.CharField(label="Message", max_length=MAX_BODY,
                           widget=forms.Textarea(attrs={"rows": 8}))


class ReplyForm(forms.Form):
    body = forms.CharField(label="Your reply", max_length=MAX_COMMENT,
                           widget=forms.Textarea(attrs={"rows": 6}),
                           help_text="Markdown works; mention someone with @name.")
    quote_of = forms.IntegerField(required=False, widget=forms.HiddenInput)
    is_anonymous = forms.BooleanField(label="Reply anonymously", required=False,
                                      help_text="A moderator reads it before it appears.")

    def __init__(self, *args, allow_anonymous: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not allow_anonymous:
            del self.fields["is_anonymous"]


class ReplyEditForm(forms.Form):
    body = forms.CharField(label="Your reply", max_length=MAX_COMMENT,
                           widget=forms.Textarea(attrs={"rows": 6}))


class SettingsForm(forms.Form):
    email_mentions = forms.BooleanField(label="Email me at once when someone mentions me",
                                        required=False)
    email_replies = forms.BooleanField(
        label="Email me at once when someone comments on or replies to my posts",
        required=False)
    email_conversations = forms.BooleanField(
        label="Email me at once when someone asks me for a conversation, or answers my request",
        required=False)
    weekly_digest = forms.BooleanField(
        label="Send me a weekly digest of everything else", required=False,
        help_text="New replies in discussions you follow, decisions about your posts and "
                  "the week's most helpful stories.")
    on_account_deletion = forms.ChoiceField(
        label="If I delete my account", choices=OnDeletion.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select what happens to your posts if you delete your "
                                    "account"},
        help_text="Kept posts show “Anonymous member” and lose every link to you.")


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Reason", max_length=300,
                             help_text="The author sees this. Be specific and kind.")


class ModeratorEditForm(forms.Form):
    title = forms.CharField(label="Title", max_length=MAX_TITLE, required=False)
    body = forms.CharField(label="Text", max_length=MAX_BODY, required=False,
                           widget=forms.Textarea(attrs={"rows": 10}))
    reason = forms.CharField(label="Reason for the edit", max_length=300,
                             help_text="Shown with the post and sent to the author.")

    def __init__(self, *args, has_title: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_title:
            del self.fields["title"]


class WatchedWordForm(forms.Form):
    phrase = forms.CharField(label="Word or phrase", max_length=100,
                             help_text="Whole words, any case. Use * for the rest of a word, "
                                       "e.g. “scroung*”.")
    action = forms.ChoiceField(label="What to do", choices=WatchedAction.choices,
                               widget=forms.RadioSelect)
    replacement = forms.CharField(label="Replace with", max_length=100, required=False,
                                  help_text="Only for “Replace the words”.")


class SuspendForm(forms.Form):
    error_names = {"days": "the number of days"}
    days = forms.IntegerField(label="For how many days", min_value=1, max_value=365,
                              initial=7)
    reason = forms.CharField(label="Reason", max_length=300,
                             help_text="The member sees this.")


class TagForm(forms.Form):
    name = forms.CharField(label="Tag name", max_length=60)
    description = forms.CharField(label="Description", max_length=200, required=False)


class ReactionKindForm(forms.Form):
    label = forms.CharField(label="Reaction", max_length=40,
                            help_text="Keep it positive, e.g. “Thank you for sharing”.")


class CategoryForm(forms.Form):
    name = forms.CharField(label="Name", max_length=80)
    description = forms.CharField(label="Description", max_length=300, required=False)
    audience = forms.ChoiceField(label="Who can read and take part",
                                 choices=CategoryAudience.choices, widget=forms.RadioSelect,
                                 initial=CategoryAudience.NETWORK)
    allow_anonymous = forms.BooleanField(
        label="Allow anonymous posts (always checked by a moderator first)", required=False)
    position = forms.IntegerField(label="Position in the list", min_value=0, max_value=1000,
                                  initial=100)
    is_archived = forms.BooleanField(label="Archived (read only)", required=False)


class SearchForm(forms.Form):
    error_names = {"q": "the search"}
    q = forms.CharField(label="Search stories and discussions", max_length=200, required=False)
    kind = forms.ChoiceField(label="Show", required=False,
                             choices=[("", "Everything"), *SearchKind.choices])
    tag = forms.ChoiceField(label="Story tag", required=False, choices=[])
    category = forms.ChoiceField(label="Discussion category", required=False, choices=[])

    def __init__(self, *args, tags=(), categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tag"].choices = [("", "Any tag"), *[(t.slug, t.name) for t in tags]]
        self.fields["category"].choices = [("", "Any category"),
                                           *[(c.slug, c.name) for c in categories]]
