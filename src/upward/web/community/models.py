"""Community: stories, discussions, reactions and moderation.

Notifications, flags and the search index are the shared platform's
(``upward.web.core``): stories, comments, discussions and replies are registered
with it as content (``upward.web.community.content``), and point back at their
flags and index entries through generic relations (so those go with them).

Anonymity is a property of each story, comment, thread and reply
(``is_anonymous``). The link to the author is kept (so the author can edit,
withdraw or erase their post) but it is never shown: every byline goes through
:mod:`upward.web.core.content.identity`, and no template, API schema, search
document, notification or export reads ``author`` for someone else.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_TITLE = 120
MAX_PROMPT = 4000
MAX_BODY = 20000
MAX_COMMENT = 5000
MAX_QUOTE = 280


class Audience(models.TextChoices):
    NETWORK = "network", _("Network members")
    ORGANISATION = "organisation", _("Everyone in the organisation")
    PUBLIC = "public", _("Public web page")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Waiting for a moderator")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Not approved")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Authored(models.Model):
    """What stories, comments, threads and replies share: an author who may be
    anonymous, a moderation state and timestamps."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    is_anonymous = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PUBLISHED)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=300, blank=True)
    # Shown to the author when a moderator rejects or hides their post.
    moderation_note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_live(self) -> bool:
        return self.status == Status.PUBLISHED and self.hidden_at is None


class Tag(models.Model):
    """A story tag from the vocabulary network leads keep."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class ReactionKind(models.Model):
    """One of the configurable, positive reactions ("This helped me", "Me too", …)."""

    key = models.SlugField(max_length=30, unique=True)
    label = models.CharField(max_length=40)
    position = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label


# The structured prompts, in the order a story tells them: field → (heading, hint).
PROMPTS: dict[str, tuple[str, str]] = {
    "prompt_started": ("Where I started",
                       "Where you grew up, school, your family's work — as much as you want."),
    "prompt_hard": ("What was hard", "The obstacles, the unwritten rules, the moments of doubt."),
    "prompt_turning": ("Turning points", "People, chances or decisions that changed things."),
    "prompt_now": ("Where I am now", "Your role today and what it means to you."),
    "prompt_advice": ("Advice to others", "What you would tell someone where you were."),
}
STORY_TEXT_FIELDS = ("title", "cover_quote", *PROMPTS, "body")


class Story(Authored):
    title = models.CharField(max_length=MAX_TITLE)
    cover_quote = models.CharField(max_length=MAX_QUOTE, blank=True)
    prompt_started = models.TextField(max_length=MAX_PROMPT, blank=True)
    prompt_hard = models.TextField(max_length=MAX_PROMPT, blank=True)
    prompt_turning = models.TextField(max_length=MAX_PROMPT, blank=True)
    prompt_now = models.TextField(max_length=MAX_PROMPT, blank=True)
    prompt_advice = models.TextField(max_length=MAX_PROMPT, blank=True)
    body = models.TextField(max_length=MAX_BODY, blank=True)
    # Sanitised HTML for each Markdown field, rendered when the story is saved.
    rendered = models.JSONField(default=dict, blank=True)
    include_timeline = models.BooleanField(default=False)
    tags = models.ManyToManyField(Tag, blank=True, related_name="stories")
    audience = models.CharField(max_length=16, choices=Audience.choices,
                                default=Audience.NETWORK)
    # A public story is shown to the organisation until a network lead approves it.
    public_approved_at = models.DateTimeField(null=True, blank=True)
    embargo_until = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # When others may first see it: publication, or the end of the embargo.
    visible_from = models.DateTimeField(null=True, blank=True)
    # When the people it mentions were told: when it went live, or when the
    # embargo ended (``upward manage release_stories``).
    announced_at = models.DateTimeField(null=True, blank=True)
    featured_at = models.DateTimeField(null=True, blank=True)
    comments_locked_at = models.DateTimeField(null=True, blank=True)
    reaction_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)

    # Its flags and search entry live in core; these make them go with it.
    flags = GenericRelation("core.Flag", related_query_name="story")
    search_entries = GenericRelation("core.SearchEntry", related_query_name="story")

    class Meta:
        ordering = ["-visible_from", "-pk"]
        verbose_name_plural = "stories"
        indexes = [
            models.Index(fields=["status", "visible_from"], name="story_feed"),
            models.Index(fields=["status", "reaction_count"], name="story_helpful"),
            models.Index(fields=["featured_at"], name="story_featured",
                         condition=Q(featured_at__isnull=False)),
            models.Index(fields=["author", "status"], name="story_author"),
            models.Index(fields=["visible_from"], name="story_unannounced",
                         condition=Q(status="published", announced_at__isnull=True)),
        ]

    def __str__(self) -> str:
        # Never the author: this label ends up in the audit log.
        return f"Story #{self.pk}: {self.title}"

    @property
    def effective_audience(self) -> str:
        if self.audience == Audience.PUBLIC and self.public_approved_at is None:
            return Audience.ORGANISATION
        return self.audience

    @property
    def is_embargoed(self) -> bool:
        return self.embargo_until is not None and self.embargo_until > timezone.now()


class Revision(models.Model):
    """Who changed a post, when, and why (a moderator gives a reason)."""

    edited_at = models.DateTimeField(default=timezone.now)
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    by_moderator = models.BooleanField(default=False)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        abstract = True


class StoryRevision(Revision):
    """A copy of a story as it was before an edit after publication.

    Who edited is kept for the author's own export only; others see "the author"
    or "a moderator", never a name (the author may be anonymous).
    """

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField(default=dict)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["story", "number"],
                                               name="one_revision_number")]

    def __str__(self) -> str:
        return f"Revision {self.number} of story #{self.story_id}"


class StoryComment(Authored):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="comments")
    # Threaded one level: a comment answers the story or a top-level comment.
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="answers")
    body = models.TextField(max_length=MAX_COMMENT)
    body_html = models.TextField(blank=True)

    # Its flags and search entry live in core; these make them go with it.
    flags = GenericRelation("core.Flag", related_query_name="comment")

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["story", "created_at"], name="comment_story")]

    def __str__(self) -> str:
        return f"Comment #{self.pk} on story #{self.story_id}"


class Reaction(models.Model):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.ForeignKey(ReactionKind, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["story", "user", "kind"],
                                               name="one_reaction_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind} on story #{self.story_id}"


class Bookmark(models.Model):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["story", "user"], name="one_bookmark")]

    def __str__(self) -> str:
        return f"Bookmark of story #{self.story_id}"


# --- discussions ----------------------------------------------------------------------


class CategoryAudience(models.TextChoices):
    NETWORK = "network", _("Network members")
    ORGANISATION = "organisation", _("Everyone in the organisation")


class Category(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField(max_length=300, blank=True)
    audience = models.CharField(max_length=16, choices=CategoryAudience.choices,
                                default=CategoryAudience.NETWORK)
    # Anonymous posting only where leads allow it (and always pre-moderated).
    allow_anonymous = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=100)
    is_archived = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


class ThreadKind(models.TextChoices):
    DISCUSSION = "discussion", _("Discussion")
    QUESTION = "question", _("Question (one answer can be accepted)")


class Thread(Authored):
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="threads")
    title = models.CharField(max_length=MAX_TITLE)
    body = models.TextField(max_length=MAX_BODY)
    body_html = models.TextField(blank=True)
    kind = models.CharField(max_length=16, choices=ThreadKind.choices,
                            default=ThreadKind.DISCUSSION)
    locked_at = models.DateTimeField(null=True, blank=True)
    accepted_reply = models.ForeignKey("Reply", null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+")
    reply_count = models.PositiveIntegerField(default=0)
    last_activity_at = models.DateTimeField(default=timezone.now)

    # Its flags and search entry live in core; these make them go with it.
    flags = GenericRelation("core.Flag", related_query_name="thread")
    search_entries = GenericRelation("core.SearchEntry", related_query_name="thread")

    class Meta:
        ordering = ["-last_activity_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "last_activity_at"], name="thread_activity"),
            models.Index(fields=["category", "status", "last_activity_at"],
                         name="thread_category"),
        ]

    def __str__(self) -> str:
        return f"Discussion #{self.pk}: {self.title}"


class Reply(Authored):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="replies")
    body = models.TextField(max_length=MAX_COMMENT)
    body_html = models.TextField(blank=True)
    quote_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")

    # Its flags and search entry live in core; these make them go with it.
    flags = GenericRelation("core.Flag", related_query_name="reply")
    search_entries = GenericRelation("core.SearchEntry", related_query_name="reply")

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "replies"
        indexes = [models.Index(fields=["thread", "created_at"], name="reply_thread")]

    def __str__(self) -> str:
        return f"Reply #{self.pk} in discussion #{self.thread_id}"


class PostRevision(Revision):
    """The words of a comment, discussion or reply as they were before an edit —
    by the author or by a moderator, who gives a reason — so every edit can be
    checked and undone (stories keep theirs in :class:`StoryRevision`).

    Only the author and moderators read the old words. Who edited is kept for the
    author's own export and for account deletion; pages say "the author" or "a
    moderator", never a name (the author may be anonymous).
    """

    comment = models.ForeignKey(StoryComment, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="revisions")
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="revisions")
    reply = models.ForeignKey(Reply, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="revisions")
    title = models.CharField(max_length=MAX_TITLE, blank=True)  # a discussion's only
    body = models.TextField(blank=True)

    class Meta:
        ordering = ["-edited_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="revision_has_one_post",
                condition=(
                    Q(comment__isnull=False, thread__isnull=True, reply__isnull=True)
                    | Q(comment__isnull=True, thread__isnull=False, reply__isnull=True)
                    | Q(comment__isnull=True, thread__isnull=True, reply__isnull=False)
                ),
            )
        ]

    def __str__(self) -> str:
        for kind in ("comment", "thread", "reply"):
            if getattr(self, f"{kind}_id"):
                return f"Earlier version of {kind} #{getattr(self, f'{kind}_id')}"
        return "Earlier version"


class ThreadSubscription(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="subscriptions")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"],
                                               name="one_thread_subscription")]


class CategorySubscription(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.CASCADE,
                                 related_name="subscriptions")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "category"],
                                               name="one_category_subscription")]


# --- notifications (sent through upward.web.core.notifications) -----------------------------


class NotificationKind(models.TextChoices):
    """The kinds of notification the community sends (registered with core at start-up;
    mentions and replies are emailed at once, the rest wait for the digest)."""

    MENTION = "mention", _("Mentions of you")
    REPLY = "reply", _("Replies and comments on your posts")
    SHARE = "share", _("Stories shared with you")
    MODERATION = "moderation", _("Decisions about your posts")
    ACTIVITY = "activity", _("New posts you follow")
    CONVERSATION = "conversation", _("Requests for a conversation, and their answers")


# Emailed at once (when the person allows it); everything else waits for the digest.
IMMEDIATE_KINDS = frozenset({NotificationKind.MENTION, NotificationKind.REPLY,
                             NotificationKind.CONVERSATION})


class OnDeletion(models.TextChoices):
    ERASE = "erase", _("Delete my stories and posts")
    ANONYMISE = "anonymise", _("Keep my stories and posts, without my name")


class MemberSettings(models.Model):
    """What happens to a member's posts when they delete their account. (How they hear
    about things is ``core.NotificationSettings``.)"""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="community_settings")
    on_account_deletion = models.CharField(max_length=16, choices=OnDeletion.choices,
                                           default=OnDeletion.ERASE)

    class Meta:
        verbose_name_plural = "member settings"


# --- moderation ------------------------------------------------------------------------


class Suspension(models.Model):
    """A member may read but not post, comment, react or flag until ``ends_at``."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="community_suspensions")
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField()
    reason = models.CharField(max_length=300)
    suspended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return f"Suspension #{self.pk} until {self.ends_at:%Y-%m-%d}"


class WatchedAction(models.TextChoices):
    BLOCK = "block", _("Block the post")
    HOLD = "hold", _("Hold the post for review")
    REPLACE = "replace", _("Replace the words")


class WatchedWord(models.Model):
    phrase = models.CharField(max_length=100, unique=True)
    action = models.CharField(max_length=16, choices=WatchedAction.choices)
    replacement = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["phrase"]

    def __str__(self) -> str:
        return self.phrase


class Mute(models.Model):
    """``user`` no longer sees ``muted``'s named posts or hears from them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    muted = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "muted"], name="one_mute")]


# --- asking for a conversation ----------------------------------------------------------

MAX_CONVERSATION_MESSAGE = 500


class ConversationState(models.TextChoices):
    WAITING = "waiting", _("Waiting for an answer")
    REPLIED = "replied", _("Replied")
    DECLINED = "declined", _("Declined")


class ConversationRequest(models.Model):
    """``sender`` asks ``recipient`` for a conversation (from their profile), with an
    optional message; the recipient replies or declines, with an optional note."""

    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="+")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="+")
    message = models.TextField(blank=True, max_length=MAX_CONVERSATION_MESSAGE)
    state = models.CharField(max_length=10, choices=ConversationState.choices,
                             default=ConversationState.WAITING)
    answer = models.TextField(blank=True, max_length=MAX_CONVERSATION_MESSAGE)
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=~models.Q(sender=models.F("recipient")),
                                              name="conversation_not_with_oneself")]

    def __str__(self) -> str:
        return f"Conversation request #{self.pk}"


# --- search (the index is upward.web.core.search's) -----------------------------------


class SearchKind(models.TextChoices):
    """The kinds of post the community's search finds (registered content keys)."""

    STORY = "story", _("Stories")
    THREAD = "thread", _("Discussions")
    REPLY = "reply", _("Replies")
