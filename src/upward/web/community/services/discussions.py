"""Discussions: categories (leads manage them), threads, replies with quotes,
@mentions, questions with an accepted answer, and subscriptions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from upward.web.community import caching
from upward.web.community.access import is_lead, is_moderator
from upward.web.community.models import (
    MAX_BODY,
    MAX_COMMENT,
    MAX_TITLE,
    Category,
    CategoryAudience,
    CategorySubscription,
    NotificationKind,
    Reply,
    Status,
    Thread,
    ThreadKind,
    ThreadSubscription,
)
from upward.web.community.posts import reply_url, thread_url
from upward.web.community.services import revisions, search_index
from upward.web.community.services.notifications import mention_links, notify, notify_mentions
from upward.web.community.services.posting import (
    ensure_can_take_part,
    ensure_within_rate_limit,
    screen,
)
from upward.web.core.audit import audit_record
from upward.web.core.content import identity
from upward.web.core.content.rendering import render_markdown
from upward.web.core.errors import ApplicationError, validation_message


def _full_clean(obj, exclude=("author",)) -> None:
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as error:
        raise ApplicationError(validation_message(error)) from error


def _text(value, *, what: str, field: str, limit: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ApplicationError(f"{what}: write something first.", field=field)
    value = value.strip()
    if len(value) > limit:
        raise ApplicationError(f"{what}: use at most {limit:,} characters "
                               f"(this has {len(value):,}).", field=field)
    return value


# --- categories ---------------------------------------------------------------------------


@transaction.atomic
def category_save(*, actor, category: Category | None = None, name: str, description: str = "",
                  audience: str = CategoryAudience.NETWORK, allow_anonymous: bool = False,
                  position: int = 100, is_archived: bool = False, request=None) -> Category:
    """Create or change a category (network leads only)."""
    if not is_lead(actor):
        raise ApplicationError("Only network leads manage categories.", status=403)
    name = _text(name, what="Name", field="name", limit=80)
    if audience not in CategoryAudience.values:
        raise ApplicationError("Who can take part: choose network members or everyone in the "
                               "organisation.", field="audience")
    category = category or Category()
    slug = slugify(name)[:80] or "category"
    clash = Category.objects.filter(slug=slug).exclude(pk=category.pk).exists() or \
        Category.objects.filter(name__iexact=name).exclude(pk=category.pk).exists()
    if clash:
        raise ApplicationError(f"Name: there is already a category called “{name}”.",
                               field="name")
    created = category.pk is None
    category.name, category.slug = name, slug
    category.description = (description or "").strip()
    category.audience, category.allow_anonymous = audience, bool(allow_anonymous)
    category.position, category.is_archived = position, bool(is_archived)
    _full_clean(category, exclude=())
    category.save()
    audit_record(actor=actor, action="community.category", target=category, request=request,
                 detail={"created": created, "audience": audience,
                         "allow_anonymous": category.allow_anonymous,
                         "archived": category.is_archived})
    return category


# --- threads ---------------------------------------------------------------------------------


def _category_open_to(actor, category: Category) -> Category:
    from upward.web.community.selectors.discussions import categories_visible_to

    if not categories_visible_to(viewer=actor).filter(pk=category.pk).exists():
        raise ApplicationError("That category does not exist.", status=404)
    if category.is_archived:
        raise ApplicationError("This category is archived: start the discussion in another.",
                               field="category")
    return category


@transaction.atomic
def thread_create(*, actor, category: Category, title: str, body: str,
                  kind: str = ThreadKind.DISCUSSION, is_anonymous: bool = False) -> Thread:
    ensure_can_take_part(actor)
    category = _category_open_to(actor, category)
    if is_anonymous and not category.allow_anonymous:
        raise ApplicationError(f"“{category.name}” does not allow anonymous posts.",
                               field="is_anonymous")
    if kind not in ThreadKind.values:
        raise ApplicationError("Type: choose a discussion or a question.", field="kind")
    title = _text(title, what="Title", field="title", limit=MAX_TITLE)
    body = _text(body, what="Message", field="body", limit=MAX_BODY)
    ensure_within_rate_limit(actor)
    texts, held = screen({"title": title, "body": body})
    thread = Thread(category=category, author=actor, title=texts["title"], body=texts["body"],
                    kind=kind, is_anonymous=bool(is_anonymous),
                    status=Status.PENDING if is_anonymous or held else Status.PUBLISHED)
    thread.body_html = render_markdown(thread.body, mentions=mention_links(thread.body))
    _full_clean(thread)
    thread.save()
    ThreadSubscription.objects.get_or_create(user=actor, thread=thread)
    search_index.index_thread(thread)
    if thread.status == Status.PUBLISHED:
        thread_went_live(thread)
    return thread


def thread_went_live(thread: Thread) -> None:
    """Tell the category's subscribers and anyone mentioned."""
    from upward.web.community.selectors.discussions import can_see_thread

    label = identity.public_name(thread)
    sender = None if thread.is_anonymous else thread.author
    url = thread_url(thread)
    told = {thread.author_id}
    mentioned = notify_mentions(text=thread.body, title=thread.title, url=url,
                                author_label=label, sender=sender,
                                can_see=lambda u: can_see_thread(viewer=u, thread=thread),
                                skip=told)
    told |= {u.pk for u in mentioned}
    for subscription in CategorySubscription.objects.filter(
            category=thread.category).select_related("user"):
        if subscription.user_id in told or not can_see_thread(viewer=subscription.user,
                                                              thread=thread):
            continue
        notify(recipient=subscription.user, kind=NotificationKind.ACTIVITY, url=url,
               sender=sender,
               text=f"{label} started “{thread.title}” in {thread.category.name}")


def _own(actor, post):
    if not identity.is_author(post, actor):
        raise ApplicationError("That post does not exist.", status=404)
    return type(post).objects.select_for_update().get(pk=post.pk)


@transaction.atomic
def thread_update(*, actor, thread: Thread, title: str, body: str) -> Thread:
    """The author edits their thread, keeping the old words in its history.
    Anonymous posts go back to the moderators."""
    thread = _own(actor, thread)
    ensure_can_take_part(actor)
    if thread.locked_at is not None:
        raise ApplicationError("This discussion is locked.", status=403)
    texts, held = screen({"title": _text(title, what="Title", field="title", limit=MAX_TITLE),
                          "body": _text(body, what="Message", field="body", limit=MAX_BODY)})
    before = revisions.words(thread)
    thread.title, thread.body = texts["title"], texts["body"]
    thread.body_html = render_markdown(thread.body, mentions=mention_links(thread.body))
    thread.edited_at = timezone.now()
    if thread.status == Status.PUBLISHED and (thread.is_anonymous or held):
        thread.status = Status.PENDING
    _full_clean(thread)
    thread.save()
    revisions.store_post_revision(thread, before, editor=actor)
    search_index.index_thread(thread)  # and the title its replies are found under
    return thread


# --- replies -----------------------------------------------------------------------------------


@transaction.atomic
def reply_create(*, actor, thread: Thread, body: str, quote_of: Reply | None = None,
                 is_anonymous: bool = False) -> Reply:
    """Reply to a discussion, optionally quoting an earlier reply.

    The anonymous author of a thread always replies anonymously in it.
    """
    from upward.web.community.selectors.discussions import can_see_thread

    ensure_can_take_part(actor)
    if not can_see_thread(viewer=actor, thread=thread):
        raise ApplicationError("That discussion does not exist.", status=404)
    if thread.locked_at is not None:
        raise ApplicationError("This discussion is locked: no new replies.", status=403)
    if thread.is_anonymous and identity.is_author(thread, actor):
        is_anonymous = True
    elif is_anonymous and not thread.category.allow_anonymous:
        raise ApplicationError(f"“{thread.category.name}” does not allow anonymous posts.",
                               field="is_anonymous")
    if quote_of is not None and (quote_of.thread_id != thread.pk or not quote_of.is_live):
        raise ApplicationError("The reply you are quoting is not there any more.", status=404)
    body = _text(body, what="Reply", field="body", limit=MAX_COMMENT)
    ensure_within_rate_limit(actor)
    texts, held = screen({"body": body})
    reply = Reply(thread=thread, author=actor, body=texts["body"], quote_of=quote_of,
                  is_anonymous=bool(is_anonymous),
                  status=Status.PENDING if is_anonymous or held else Status.PUBLISHED)
    reply.body_html = render_markdown(reply.body, mentions=mention_links(reply.body))
    _full_clean(reply)
    reply.save()
    ThreadSubscription.objects.get_or_create(user=actor, thread=thread)
    search_index.index_reply(reply)
    if reply.status == Status.PUBLISHED:
        reply_went_live(reply)
    return reply


def refresh_thread_counts(thread: Thread) -> None:
    live = Reply.objects.filter(thread=thread, status=Status.PUBLISHED, hidden_at=None)
    last = live.order_by("-created_at").values_list("created_at", flat=True).first()
    Thread.objects.filter(pk=thread.pk).update(reply_count=live.count(),
                                               last_activity_at=last or thread.created_at)
    caching.bump(caching.DISCUSSIONS)


def reply_went_live(reply: Reply) -> None:
    """Count the reply and tell the thread's author, the quoted author, anyone
    mentioned (at once) and the thread's subscribers (in the digest)."""
    from upward.web.community.selectors.discussions import can_see_thread

    thread = reply.thread
    refresh_thread_counts(thread)
    label = identity.public_name(reply)
    sender = None if reply.is_anonymous else reply.author
    url = reply_url(reply)
    told = {reply.author_id}
    if thread.author_id and thread.author_id not in told:
        notify(recipient=thread.author, kind=NotificationKind.REPLY, url=url, sender=sender,
               text=f"{label} replied to your discussion “{thread.title}”")
        told.add(thread.author_id)
    quoted = reply.quote_of
    if quoted is not None and quoted.author_id and quoted.author_id not in told:
        notify(recipient=quoted.author, kind=NotificationKind.REPLY, url=url, sender=sender,
               text=f"{label} quoted your reply in “{thread.title}”")
        told.add(quoted.author_id)
    mentioned = notify_mentions(text=reply.body, title=thread.title, url=url,
                                author_label=label, sender=sender,
                                can_see=lambda u: can_see_thread(viewer=u, thread=thread),
                                skip=told)
    told |= {u.pk for u in mentioned}
    for subscription in ThreadSubscription.objects.filter(thread=thread).select_related("user"):
        if subscription.user_id in told or not can_see_thread(viewer=subscription.user,
                                                              thread=thread):
            continue
        notify(recipient=subscription.user, kind=NotificationKind.ACTIVITY, url=url,
               sender=sender, text=f"{label} replied in “{thread.title}”")


@transaction.atomic
def reply_update(*, actor, reply: Reply, body: str) -> Reply:
    """The author edits their reply, keeping the old words in its history.
    Anonymous replies go back to the moderators."""
    reply = _own(actor, reply)
    ensure_can_take_part(actor)
    if reply.thread.locked_at is not None:
        raise ApplicationError("This discussion is locked.", status=403)
    texts, held = screen({"body": _text(body, what="Reply", field="body", limit=MAX_COMMENT)})
    before = revisions.words(reply)
    reply.body = texts["body"]
    reply.body_html = render_markdown(reply.body, mentions=mention_links(reply.body))
    reply.edited_at = timezone.now()
    if reply.status == Status.PUBLISHED and (reply.is_anonymous or held):
        reply.status = Status.PENDING
    _full_clean(reply)
    reply.save()
    revisions.store_post_revision(reply, before, editor=actor)
    search_index.index_reply(reply)
    refresh_thread_counts(reply.thread)
    return reply


@transaction.atomic
def reply_accept(*, actor, thread: Thread, reply: Reply | None, request=None) -> Thread:
    """Mark the answer to a question (or clear it with ``reply=None``).

    The question's author or a moderator may do this. A moderator deciding on
    someone else's question is a moderation action, so it is audited; the author
    deciding on their own is not (and auditing it would tie a moderator to their
    own anonymous question).
    """
    from upward.web.community.selectors.discussions import can_see_thread

    if not can_see_thread(viewer=actor, thread=thread):
        raise ApplicationError("That discussion does not exist.", status=404)
    if not (identity.is_author(thread, actor) or is_moderator(actor)):
        raise ApplicationError("Only the person who asked can accept an answer.", status=403)
    if thread.kind != ThreadKind.QUESTION:
        raise ApplicationError("Only questions have an accepted answer.")
    if reply is not None and (reply.thread_id != thread.pk or not reply.is_live):
        raise ApplicationError("That reply is not part of this question.", status=404)
    thread.accepted_reply = reply
    thread.save(update_fields=["accepted_reply"])
    if not identity.is_author(thread, actor):
        audit_record(actor=actor, action="community.accept", target=thread, request=request,
                     detail={"kind": "thread", "change": "accepted answer",
                             "reply": reply.pk if reply is not None else None})
    if reply is not None and reply.author_id and not identity.is_author(reply, actor):
        notify(recipient=reply.author, kind=NotificationKind.REPLY, url=reply_url(reply),
               text=f"Your reply was accepted as the answer to “{thread.title}”")
    return thread


# --- subscriptions ------------------------------------------------------------------------------


@transaction.atomic
def thread_subscription_set(*, actor, thread: Thread, subscribed: bool) -> bool:
    from upward.web.community.selectors.discussions import can_see_thread

    if not can_see_thread(viewer=actor, thread=thread) and not identity.is_author(thread, actor):
        raise ApplicationError("That discussion does not exist.", status=404)
    if subscribed:
        ThreadSubscription.objects.get_or_create(user=actor, thread=thread)
    else:
        ThreadSubscription.objects.filter(user=actor, thread=thread).delete()
    return subscribed


@transaction.atomic
def category_subscription_set(*, actor, category: Category, subscribed: bool) -> bool:
    from upward.web.community.selectors.discussions import categories_visible_to

    if not categories_visible_to(viewer=actor).filter(pk=category.pk).exists():
        raise ApplicationError("That category does not exist.", status=404)
    if subscribed:
        CategorySubscription.objects.get_or_create(user=actor, category=category)
    else:
        CategorySubscription.objects.filter(user=actor, category=category).delete()
    return subscribed
