"""The demo community: a few hundred stories and discussions written by the seeded
members, with comments, reactions, a featured slot, public pages, anonymous posts,
posts waiting for moderators, open flags and a reply a moderator edited with a reason.

Objects are created directly (not through the services) so seeding sends no email
and takes seconds; the search index is rebuilt at the end.
"""

from __future__ import annotations

import random
import re
from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from upward.web.accounts.models import User
from upward.web.community.defaults import ensure_defaults
from upward.web.community.identity import public_name
from upward.web.community.models import (
    PROMPTS,
    Audience,
    Bookmark,
    Category,
    CategorySubscription,
    Flag,
    FlagReason,
    Notification,
    NotificationKind,
    PostRevision,
    Reaction,
    ReactionKind,
    Reply,
    Status,
    Story,
    StoryComment,
    Tag,
    Thread,
    ThreadKind,
    WatchedAction,
    WatchedWord,
)
from upward.web.community.rendering import render_markdown
from upward.web.community.services.search_index import reindex_all
from upward.web.core.roles import Role
from upward.web.demo import community_content as words

TITLE_ENDINGS = ["", "", "", " — a {place} story", ": the long way round",
                 " (and what I'd tell my younger self)", ", in my own words"]
THREAD_TEMPLATES = [
    ("getting-started", "Anyone else from {place}?",
     "Just joined. Would love to hear from anyone who grew up in or near {place}.",
     "discussion"),
    ("careers-and-progression", "Tips for moving from {team} into a new area?",
     "I've been in {team} for a few years and I'm curious about other teams. How did you "
     "make a move like this?", "question"),
    ("careers-and-progression", "Study leave for a professional qualification in {team}",
     "Has anyone in {team} had study leave approved? How did you make the case?", "question"),
    ("things-i-cant-ask-at-work", "Is it OK to say I grew up in {place}?",
     "People sometimes make jokes about it. I never know whether to laugh along.", "question"),
    ("events-and-volunteering", "Careers fair in {place} — volunteers?",
     "A sixth-form college in {place} has asked for volunteers for its careers fair.",
     "discussion"),
]


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def _author_pool() -> list[User]:
    return list(User.objects.filter(is_active=True, role_assignments__role=Role.MEMBER)
                .select_related("profile").distinct().order_by("pk"))


def _story_text(rng: random.Random, author: User) -> dict:
    place = rng.choice(words.PLACES)
    profile = getattr(author, "profile", None)
    fill = {"place": place, "n": rng.randint(3, 14),
            "title": (profile.job_title if profile and profile.job_title else "team leader")
            .lower(),
            "team": profile.team if profile and profile.team else "operations"}
    text = {"prompt_started": rng.choice(words.STARTED).format(**fill)}
    if rng.random() < 0.9:
        text["prompt_hard"] = rng.choice(words.HARD)
    if rng.random() < 0.85:
        text["prompt_turning"] = rng.choice(words.TURNING)
    if rng.random() < 0.9:
        text["prompt_now"] = rng.choice(words.NOW).format(**fill)
    if rng.random() < 0.7:
        text["prompt_advice"] = rng.choice(words.ADVICE)
    if rng.random() < 0.3:
        text["body"] = (f"{rng.choice(words.HARD)}\n\n{rng.choice(words.TURNING)}\n\n"
                        f"> {rng.choice(words.ADVICE)}")
    quote_from = text.get("prompt_advice") or text.get("prompt_hard") or text["prompt_started"]
    text["cover_quote"] = _sentences(quote_from)[0][:280]
    text["title"] = (rng.choice(words.TITLES) + rng.choice(TITLE_ENDINGS).format(place=place)
                     )[:120]
    return text


def _make_story(rng, author, now, *, anonymous=False, status=Status.PUBLISHED,
                audience=Audience.NETWORK, days_ago=None) -> Story:
    text = _story_text(rng, author)
    created = now - timedelta(days=days_ago if days_ago is not None else rng.randint(1, 700),
                              minutes=rng.randint(0, 1440))
    story = Story(author=author, is_anonymous=anonymous, status=status, audience=audience,
                  created_at=created,
                  include_timeline=not anonymous and rng.random() < 0.3, **text)
    story.rendered = {f: render_markdown(getattr(story, f)) for f in (*PROMPTS, "body")}
    if status == Status.PUBLISHED:
        story.published_at = story.visible_from = created + timedelta(minutes=rng.randint(5,
                                                                                     600))
        if audience == Audience.PUBLIC and rng.random() < 0.7:
            story.public_approved_at = story.published_at + timedelta(days=1)
    elif status == Status.WITHDRAWN:
        story.published_at = story.visible_from = created + timedelta(hours=2)
    story.save()
    return story


def _comments(rng, story, people, now) -> None:
    if story.status != Status.PUBLISHED or rng.random() > 0.6:
        return
    tops = []
    when = story.visible_from
    for _ in range(rng.randint(1, 4)):
        when = min(now, when + timedelta(hours=rng.randint(1, 72)))
        author = rng.choice(people)
        parent = rng.choice(tops) if tops and rng.random() < 0.3 else None
        body = rng.choice(words.COMMENTS)
        comment = StoryComment.objects.create(
            story=story, author=author, parent=parent, body=body,
            body_html=render_markdown(body), created_at=when)
        if parent is None:
            tops.append(comment)
    story.comment_count = StoryComment.objects.filter(story=story).count()
    story.save(update_fields=["comment_count"])


def _threads(rng, people, now) -> list[Thread]:
    categories = {c.slug: c for c in Category.objects.all()}
    specs = list(words.THREADS)
    for _ in range(70):
        slug, title, body, kind = rng.choice(THREAD_TEMPLATES)
        fill = {"place": rng.choice(words.PLACES),
                "team": rng.choice(["Finance", "Legal", "Technology", "Logistics", "People",
                                    "Customer Operations", "Risk & Compliance", "Marketing"])}
        specs.append((slug, title.format(**fill), body.format(**fill), kind))
    seen, threads = set(), []
    for slug, title, body, kind in specs:
        if title in seen:
            continue
        seen.add(title)
        category = categories[slug]
        anonymous = category.allow_anonymous and rng.random() < 0.7
        created = now - timedelta(days=rng.randint(1, 400), minutes=rng.randint(0, 1440))
        thread = Thread.objects.create(
            category=category, author=rng.choice(people), title=title, body=body,
            body_html=render_markdown(body), kind=kind, is_anonymous=anonymous,
            created_at=created, last_activity_at=created)
        replies = []
        when = created
        for _ in range(rng.randint(0, 8)):
            when = min(now, when + timedelta(hours=rng.randint(1, 96)))
            text = rng.choice(words.REPLIES)
            replies.append(Reply.objects.create(
                thread=thread, author=rng.choice(people), body=text,
                body_html=render_markdown(text), created_at=when))
        thread.reply_count = len(replies)
        thread.last_activity_at = when
        if kind == ThreadKind.QUESTION and replies and rng.random() < 0.6:
            thread.accepted_reply = rng.choice(replies)
        thread.save()
        threads.append(thread)
    # One anonymous question still waiting for a moderator.
    waiting = "I earn less than my partner's parents give them each month. Does anyone " \
              "else feel strange about money conversations at work?"
    threads.append(Thread.objects.create(
        category=categories["things-i-cant-ask-at-work"], author=rng.choice(people),
        title="Feeling strange about money conversations", body=waiting,
        body_html=render_markdown(waiting), is_anonymous=True, status=Status.PENDING,
        kind=ThreadKind.DISCUSSION, created_at=now - timedelta(hours=3),
        last_activity_at=now - timedelta(hours=3)))
    return threads


def seed_community(*, seed: int = 2026, stories: int = 260) -> dict[str, int]:
    """Create the demo community. Deterministic for a given ``seed``."""
    rng = random.Random(seed)
    now = timezone.now()
    ensure_defaults()
    people = _author_pool()
    persona = {u.email.split("@")[0]: u for u in people if u.email.split("@")[0] in
               {"member", "moderator", "lead"}}
    writers = [u for u in people if u.email.split("@")[0] not in persona]
    tags = list(Tag.objects.filter(is_active=True))
    kinds = list(ReactionKind.objects.filter(is_active=True))

    made: list[Story] = []
    for _ in range(stories):
        anonymous = rng.random() < 0.18
        roll = rng.random()
        if anonymous:
            status = Status.PENDING if roll < 0.12 else Status.PUBLISHED
        else:
            status = Status.DRAFT if roll < 0.03 else (
                Status.WITHDRAWN if roll < 0.05 else Status.PUBLISHED)
        audience = rng.choices([Audience.NETWORK, Audience.ORGANISATION, Audience.PUBLIC],
                               weights=[70, 22, 8])[0]
        made.append(_make_story(rng, rng.choice(writers), now, anonymous=anonymous,
                                status=status, audience=audience))
    # The member persona's own: two named stories, an anonymous one waiting, a draft.
    jade = persona.get("member")
    if jade is not None:
        made.append(_make_story(rng, jade, now, days_ago=40, audience=Audience.ORGANISATION))
        made.append(_make_story(rng, jade, now, days_ago=12))
        made.append(_make_story(rng, jade, now, anonymous=True, status=Status.PENDING,
                                days_ago=0))
        made.append(_make_story(rng, jade, now, status=Status.DRAFT, days_ago=2))
    for story in made:
        story.tags.set(rng.sample(tags, rng.randint(1, 3)))
        _comments(rng, story, people, now)

    published = [s for s in made if s.status == Status.PUBLISHED]
    reactions = []
    for story in published:
        for reactor in rng.sample(people, min(len(people), int(rng.paretovariate(1.6)) * 2)):
            if reactor.pk != story.author_id:
                reactions.append(Reaction(story=story, user=reactor, kind=rng.choice(kinds),
                                          created_at=story.visible_from))
    Reaction.objects.bulk_create(reactions, ignore_conflicts=True)
    for story in published:
        story.reaction_count = Reaction.objects.filter(story=story).count()
        story.save(update_fields=["reaction_count"])
    best = sorted((s for s in published if s.audience != Audience.NETWORK
                   or not s.is_anonymous), key=lambda s: -s.reaction_count)[:3]
    for position, story in enumerate(best):
        story.featured_at = now - timedelta(hours=position)
        story.save(update_fields=["featured_at"])

    threads = _threads(rng, people, now)

    # Something for the moderators: a few open flags and a comment held by a watched word.
    WatchedWord.objects.get_or_create(phrase="scroung*", defaults={
        "action": WatchedAction.BLOCK})
    WatchedWord.objects.get_or_create(phrase="payslip", defaults={"action": WatchedAction.HOLD})
    commented = list(StoryComment.objects.select_related("story")[:40])
    for comment, note in zip(rng.sample(commented, 2), words.SENSITIVE_FLAG_NOTES, strict=True):
        Flag.objects.create(comment=comment, reporter=rng.choice(people), note=note,
                            reason=FlagReason.PERSONAL_DATA)
    for story in rng.sample(published, 2):
        Flag.objects.create(story=story, reporter=rng.choice(people), reason=FlagReason.OFF_TOPIC,
                            note="Feels more like an advert for a course than a story.")
    target = rng.choice(published)
    held = "Happy to share my payslip from my first year if it helps anyone compare."
    StoryComment.objects.create(story=target, author=rng.choice(people), body=held,
                                body_html=render_markdown(held), status=Status.PENDING)

    if jade is not None:
        _persona_inbox(rng, jade, published, threads, now, writers)
    _moderator_edit(persona.get("moderator"), now)
    reindex_all()
    return {"stories": len(made), "threads": len(threads),
            "replies": Reply.objects.count(), "comments": StoryComment.objects.count()}


def _persona_inbox(rng, member, published, threads, now, writers) -> None:
    """Bookmarks, a followed category and a few notifications for the member persona."""
    others = [s for s in published if s.author_id != member.pk]
    for story in rng.sample(others, 3):
        Bookmark.objects.get_or_create(user=member, story=story)
    CategorySubscription.objects.get_or_create(
        user=member, category=Category.objects.get(slug=slugify("Careers and progression")))
    own = Story.objects.filter(author=member, status=Status.PUBLISHED).first()
    thread = next(t for t in threads if t.status == Status.PUBLISHED and not t.is_anonymous)
    commenter, sharer = (w.display_name for w in rng.sample(writers, 2))
    starter = public_name(thread)
    notes = [
        (NotificationKind.REPLY, "{} commented on your story “{}”".format(
            commenter, own.title if own else "your story"),
         f"/community/stories/{own.pk}/#comments" if own else ""),
        (NotificationKind.MENTION, f"Anonymous member mentioned you in “{thread.title}”",
         f"/community/threads/{thread.pk}/"),
        (NotificationKind.SHARE, f"{sharer} shared “{others[0].title}” with you",
         f"/community/stories/{others[0].pk}/"),
        (NotificationKind.ACTIVITY, f"{starter} started “{thread.title}” in "
                                    f"{thread.category.name}", f"/community/threads/{thread.pk}/"),
    ]
    for hours, (kind, text, url) in enumerate(notes):
        Notification.objects.create(recipient=member, kind=kind, text=text[:300], url=url,
                                    created_at=now - timedelta(hours=hours * 5))


def _moderator_edit(moderator, now) -> None:
    """A named reply that gave a phone number, edited by a moderator: the old words are
    in its earlier versions (author and moderators only), the reason is on the post."""
    reply = Reply.objects.filter(status=Status.PUBLISHED, is_anonymous=False,
                                 thread__status=Status.PUBLISHED).order_by("pk").first()
    if moderator is None or reply is None:
        return
    reason = "Removed a personal phone number"
    PostRevision.objects.create(
        reply=reply, editor=moderator, by_moderator=True, reason=reason,
        body=f"{reply.body}\n\nHappy to talk it through: ring me on 07700 900314 any evening.",
        edited_at=now - timedelta(days=1))
    reply.moderation_note = f"Edited by a moderator: {reason}"
    reply.edited_at = now - timedelta(days=1)
    reply.save(update_fields=["moderation_note", "edited_at"])
