"""The audit log: every moderation and curation action writes exactly one entry naming
the action, the person who took it and what it was taken on — and entries about an
anonymous post never name, or point to, its author."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import NamedTuple

import pytest
from django.urls import reverse

from upward.web.community import services
from upward.web.community.models import (
    Category,
    ReactionKind,
    Story,
    Tag,
    WatchedWord,
)
from upward.web.core.errors import ApplicationError
from upward.web.core.models import AuditEntry
from upward.web.demo.factories import ProfileFactory, UserFactory

from .builders import build_things

pytestmark = pytest.mark.django_db


@pytest.fixture
def things(personas):
    return build_things(personas)


class Audited(NamedTuple):
    """One action and the entry it must write.

    ``prepare(people, things)`` sets the scene (anything it does may be audited too)
    and returns the action itself; ``target(people, things)`` is the object the entry
    must name, looked up after the action ran.
    """

    action: str
    actor: str  # the persona who acts
    prepare: Callable[[dict, dict], Callable[[], object]]
    target: Callable[[dict, dict], object]
    # What the entry's detail must contain (at least), or a function of (people, things)
    # giving it.
    detail: dict | Callable[[dict, dict], dict]


def _thing(key: str) -> Callable[[dict, dict], object]:
    return lambda people, things: things[key]


def _hide(people, things):
    return lambda: services.post_hide(actor=people["moderator"], post=things["network"],
                                      reason="Names a colleague")


def _hide_comment(people, things):
    return lambda: services.post_hide(actor=people["moderator"], post=things["comment"],
                                      reason="Unkind")


def _restore(people, things):
    services.post_hide(actor=people["moderator"], post=things["network"], reason="Checking")
    return lambda: services.post_restore(actor=people["lead"], post=things["network"])


def _edit_story(people, things):
    return lambda: services.post_edit(actor=people["moderator"], post=things["network"],
                                      reason="Removed a surname", title="Network story, edited")


def _edit_reply(people, things):
    return lambda: services.post_edit(actor=people["moderator"], post=things["answer"],
                                      reason="Removed a phone number", body="A. (edited)")


def _approve(people, things):
    return lambda: services.post_approve(actor=people["moderator"], post=things["pending"])


def _reject(people, things):
    return lambda: services.post_reject(actor=people["moderator"], post=things["pending"],
                                        reason="It names your team")


def _lock(people, things):
    return lambda: services.lock_set(actor=people["moderator"], post=things["thread"],
                                     locked=True)


def _lock_comments(people, things):
    return lambda: services.lock_set(actor=people["lead"], post=things["network"], locked=True)


def _unlock(people, things):
    services.lock_set(actor=people["moderator"], post=things["thread"], locked=True)
    return lambda: services.lock_set(actor=people["lead"], post=things["thread"], locked=False)


def _suspend(people, things):
    return lambda: services.member_suspend(actor=people["moderator"], member=people["member"],
                                           days=3, reason="Personal remarks")


def _lift(people, things):
    suspension = services.member_suspend(actor=people["moderator"], member=people["member"],
                                         days=3, reason="Personal remarks")
    return lambda: services.suspension_lift(actor=people["lead"], suspension=suspension)


def _dismiss(people, things):
    services.flag_create(actor=people["lead"], post=things["network"], reason="spam")
    return lambda: services.flags_dismiss(actor=people["moderator"], post=things["network"])


def _word_add(people, things):
    return lambda: services.watched_word_add(actor=people["moderator"], phrase="chav",
                                             action="block")


def _word_remove(people, things):
    word = services.watched_word_add(actor=people["moderator"], phrase="chav", action="block")
    # Deleting the word clears its pk; the entry must still name it.
    things["word"] = WatchedWord(pk=word.pk, phrase=word.phrase, action=word.action)
    return lambda: services.watched_word_remove(actor=people["lead"], word=word)


def _category_create(people, things):
    return lambda: services.category_save(actor=people["lead"], name="Money matters")


def _category_edit(people, things):
    return lambda: services.category_save(actor=people["lead"],
                                          category=things["network_category"],
                                          name="Careers", is_archived=True)


def _feature(people, things):
    return lambda: services.story_feature_set(actor=people["lead"], story=things["network"],
                                              featured=True)


def _unfeature(people, things):
    services.story_feature_set(actor=people["lead"], story=things["network"], featured=True)
    return lambda: services.story_feature_set(actor=people["lead"], story=things["network"],
                                              featured=False)


def _public_request(people, things) -> Story:
    things["asking"] = services.story_create(actor=people["member"], submit=True,
                                             title="For the website", body="Text",
                                             audience="public")
    return things["asking"]


def _public_approve(people, things):
    story = _public_request(people, things)
    return lambda: services.story_public_decide(actor=people["lead"], story=story,
                                                approve=True)


def _public_decline(people, things):
    story = _public_request(people, things)
    return lambda: services.story_public_decide(actor=people["lead"], story=story,
                                                approve=False, reason="It names a client")


def _tag_add(people, things):
    return lambda: services.tag_save(actor=people["lead"], name="Night school")


def _tag_edit(people, things):
    tag = Tag.objects.get(slug="apprenticeship")
    return lambda: services.tag_save(actor=people["lead"], tag=tag, name="Apprenticeships",
                                     description=tag.description)


def _tag_retire(people, things):
    tag = Tag.objects.get(slug="apprenticeship")
    return lambda: services.tag_save(actor=people["lead"], tag=tag, name=tag.name,
                                     is_active=False)


def _retag(people, things):
    return lambda: services.story_retag(actor=people["lead"], story=things["network"],
                                        tags=["apprenticeship", "career-changer"])


def _reaction_add(people, things):
    return lambda: services.reaction_kind_save(actor=people["lead"], label="Brave")


def _reaction_retire(people, things):
    kind = ReactionKind.objects.get(key="me-too")
    return lambda: services.reaction_kind_save(actor=people["lead"], kind=kind,
                                               label=kind.label, is_active=False)


def _accept_for_someone(people, things):
    return lambda: services.reply_accept(actor=people["moderator"], thread=things["question"],
                                         reply=things["answer"])


def _clear_for_someone(people, things):
    services.reply_accept(actor=people["member"], thread=things["question"],
                          reply=things["answer"])
    return lambda: services.reply_accept(actor=people["lead"], thread=things["question"],
                                         reply=None)


AUDITED: dict[str, Audited] = {
    "hide": Audited("community.hide", "moderator", _hide, _thing("network"),
                    {"kind": "story", "reason": "Names a colleague"}),
    "hide a comment": Audited("community.hide", "moderator", _hide_comment,
                              _thing("comment"), {"kind": "comment", "reason": "Unkind"}),
    "restore": Audited("community.restore", "lead", _restore, _thing("network"),
                       {"kind": "story"}),
    "moderator edit of a story": Audited("community.edit", "moderator", _edit_story,
                                         _thing("network"),
                                         {"reason": "Removed a surname", "fields": ["title"]}),
    "moderator edit of a reply": Audited("community.edit", "moderator", _edit_reply,
                                         _thing("answer"),
                                         {"kind": "reply", "reason": "Removed a phone number"}),
    "approve": Audited("community.approve", "moderator", _approve, _thing("pending"),
                       {"kind": "story"}),
    "reject": Audited("community.reject", "moderator", _reject, _thing("pending"),
                      {"reason": "It names your team"}),
    "lock": Audited("community.lock", "moderator", _lock, _thing("thread"),
                    {"kind": "thread"}),
    "lock comments": Audited("community.lock", "lead", _lock_comments, _thing("network"),
                             {"kind": "story"}),
    "unlock": Audited("community.unlock", "lead", _unlock, _thing("thread"),
                      {"kind": "thread"}),
    "suspend": Audited("community.suspend", "moderator", _suspend,
                       lambda people, things: people["member"],
                       {"days": 3, "reason": "Personal remarks"}),
    "lift suspension": Audited("community.unsuspend", "lead", _lift,
                               lambda people, things: people["member"], {}),
    "dismiss flags": Audited("community.flags", "moderator", _dismiss, _thing("network"),
                             {"flags": 1, "outcome": "dismissed"}),
    "watched word add": Audited("community.watched_word", "moderator", _word_add,
                                lambda people, things: WatchedWord.objects.get(phrase="chav"),
                                {"phrase": "chav", "change": "added"}),
    "watched word remove": Audited("community.watched_word", "lead", _word_remove,
                                   _thing("word"), {"phrase": "chav", "change": "removed"}),
    "category create": Audited("community.category", "lead", _category_create,
                               lambda people, things: Category.objects.get(
                                   name="Money matters"), {"created": True}),
    "category edit": Audited("community.category", "lead", _category_edit,
                             _thing("network_category"),
                             {"created": False, "archived": True}),
    "feature": Audited("community.feature", "lead", _feature, _thing("network"),
                       {"featured": True}),
    "unfeature": Audited("community.feature", "lead", _unfeature, _thing("network"),
                         {"featured": False}),
    "public page approved": Audited("community.public", "lead", _public_approve,
                                    _thing("asking"), {"approved": True}),
    "public page declined": Audited("community.public", "lead", _public_decline,
                                    _thing("asking"),
                                    {"approved": False, "reason": "It names a client"}),
    "tag add": Audited("community.tag", "lead", _tag_add,
                       lambda people, things: Tag.objects.get(slug="night-school"),
                       {"created": True, "active": True}),
    "tag edit": Audited("community.tag", "lead", _tag_edit,
                        lambda people, things: Tag.objects.get(slug="apprenticeships"),
                        {"created": False, "active": True,
                         "renamed_from": "Apprenticeship"}),
    "tag retire": Audited("community.tag", "lead", _tag_retire,
                          lambda people, things: Tag.objects.get(slug="apprenticeship"),
                          {"created": False, "active": False}),
    "story re-tag": Audited("community.retag", "lead", _retag, _thing("network"),
                            {"before": [], "after": ["apprenticeship", "career-changer"]}),
    # Reaction kinds are logged under the tag action ("Tags or reactions changed").
    "reaction add": Audited("community.reaction", "lead", _reaction_add,
                            lambda people, things: ReactionKind.objects.get(label="Brave"),
                            {"created": True, "reaction": True}),
    "reaction retire": Audited("community.reaction", "lead", _reaction_retire,
                               lambda people, things: ReactionKind.objects.get(key="me-too"),
                               {"created": False, "active": False, "reaction": True}),
    "moderator accepts an answer for someone": Audited(
        "community.accept", "moderator", _accept_for_someone, _thing("question"),
        lambda people, things: {"kind": "thread", "change": "accepted answer",
                                "reply": things["answer"].pk}),
    "lead clears someone's accepted answer": Audited(
        "community.accept", "lead", _clear_for_someone, _thing("question"),
        {"change": "accepted answer", "reply": None}),
}


def _entries_after(act: Callable[[], object]) -> list[AuditEntry]:
    before = set(AuditEntry.objects.values_list("pk", flat=True))
    act()
    return list(AuditEntry.objects.exclude(pk__in=before))


@pytest.mark.parametrize("name", list(AUDITED))
def test_each_moderation_and_curation_action_writes_one_entry(name, personas, things):
    expected = AUDITED[name]
    act = expected.prepare(personas, things)
    [entry] = _entries_after(act)
    target = expected.target(personas, things)
    # As it is now (a story's label carries its new title; a removed word is gone).
    target = type(target).objects.filter(pk=target.pk).first() or target
    actor = personas[expected.actor]
    assert (entry.action, entry.actor_id, entry.actor_label) == (
        expected.action, actor.pk, actor.email)
    assert (entry.object_type, entry.object_id, entry.object_label) == (
        target._meta.label_lower, str(target.pk), str(target))
    detail = expected.detail(personas, things) if callable(expected.detail) \
        else expected.detail
    assert detail.items() <= entry.detail.items(), entry.detail


def test_flags_that_hide_a_post_are_audited_as_the_system(personas, things, settings):
    settings.UPWARD_COMMUNITY_FLAGS_TO_HIDE = 2
    story = things["network"]
    services.flag_create(actor=personas["lead"], post=story, reason="spam")
    [entry] = _entries_after(lambda: services.flag_create(actor=personas["moderator"],
                                                          post=story, reason="unkind"))
    assert (entry.action, entry.actor_id, entry.actor_label) == ("community.hide", None,
                                                                  "system")
    assert (entry.object_type, entry.object_id) == ("community.story", str(story.pk))
    assert entry.detail == {"kind": "story", "automatic": True, "flags": 2}


@pytest.mark.parametrize("anonymous", [False, True], ids=["named", "anonymous"])
@pytest.mark.parametrize("asker", ["member", "moderator"])
def test_accepting_the_answer_to_ones_own_question_is_not_audited(
        asker, anonymous, personas, category, anonymous_category):
    # For a moderator's anonymous question, an entry would tie them to it.
    question = services.thread_create(
        actor=personas[asker], category=anonymous_category if anonymous else category,
        title="Which course?", body="?", kind="question", is_anonymous=anonymous)
    if anonymous:
        question = services.post_approve(actor=personas["lead"], post=question)
    answer = services.reply_create(actor=personas["lead"], thread=question, body="This one")
    entries = _entries_after(lambda: services.reply_accept(actor=personas[asker],
                                                           thread=question, reply=answer))
    assert entries == []
    assert type(question).objects.get(pk=question.pk).accepted_reply_id == answer.pk


REFUSED = {
    "a member hides a post": lambda p, t: services.post_hide(
        actor=p["member"], post=t["comment"], reason="Mine now"),
    "someone who neither asked nor moderates clears an answer": lambda p, t: (
        services.reply_accept(actor=p["analyst"], thread=t["org_thread"], reply=None)),
    "a moderator features a story": lambda p, t: services.story_feature_set(
        actor=p["moderator"], story=t["network"], featured=True),
    "a moderator retags a story": lambda p, t: services.story_retag(
        actor=p["moderator"], story=t["network"], tags=[]),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_a_refused_action_writes_no_entry(name, personas, things):
    def attempt():
        with pytest.raises(ApplicationError) as refused:
            REFUSED[name](personas, things)
        assert refused.value.status == 403

    assert _entries_after(attempt) == []


# --- anonymity ----------------------------------------------------------------------------

AUTHOR_USER_ID = 987_651
AUTHOR_PROFILE_ID = 987_652


@pytest.fixture
def hidden_author():
    """A member whose ids cannot be mistaken for a post's id or a count."""
    user = UserFactory(id=AUTHOR_USER_ID, roles=["member"],
                       email="priya.kowalczyk@northbridge.example")
    ProfileFactory(id=AUTHOR_PROFILE_ID, user=user, display_name="Priya Kowalczyk")
    return user


def _every_action_on_anonymous_posts(author, people, anonymous_category) -> list:
    moderator, lead = people["moderator"], people["lead"]
    story = services.story_create(actor=author, submit=True, title="Anonymous story",
                                  body="Text", is_anonymous=True)
    story = services.post_approve(actor=moderator, post=story)
    comment = services.comment_create(actor=author, story=story, body="Thanks all")
    comment = services.post_approve(actor=moderator, post=comment)
    services.post_edit(actor=moderator, post=story, reason="Removed a place",
                       title="An anonymous story")
    services.lock_set(actor=moderator, post=story, locked=True)
    services.lock_set(actor=lead, post=story, locked=False)
    services.story_retag(actor=lead, story=story, tags=["care-experienced"])
    services.story_feature_set(actor=lead, story=story, featured=True)
    services.story_feature_set(actor=lead, story=story, featured=False)
    services.flag_create(actor=lead, post=story, reason="spam")
    services.flags_dismiss(actor=moderator, post=story)
    for reporter in ("member", "lead", "moderator"):
        services.flag_create(actor=people[reporter], post=comment, reason="unkind")
    services.post_restore(actor=moderator, post=comment)  # hidden by the third flag
    services.post_hide(actor=moderator, post=story, reason="Too close to home")
    services.post_restore(actor=lead, post=story)
    public = services.story_create(actor=author, submit=True, title="Anonymous, public",
                                   body="Text", is_anonymous=True, audience="public")
    public = services.post_approve(actor=moderator, post=public)
    services.story_public_decide(actor=lead, story=public, approve=False,
                                 reason="Could identify the author")
    declined = services.story_create(actor=author, submit=True, title="Anonymous, declined",
                                     body="Text", is_anonymous=True)
    services.post_reject(actor=moderator, post=declined, reason="Too much detail")
    question = services.thread_create(actor=author, category=anonymous_category,
                                      title="Can I ask?", body="?", kind="question",
                                      is_anonymous=True)
    question = services.post_approve(actor=lead, post=question)
    reply = services.reply_create(actor=author, thread=question, body="Also me")
    reply = services.post_approve(actor=moderator, post=reply)
    services.post_edit(actor=moderator, post=reply, reason="Tidied", body="Me too")
    answer = services.reply_create(actor=lead, thread=question, body="Yes")
    services.reply_accept(actor=moderator, thread=question, reply=answer)
    return [story, comment, public, declined, question, reply]


def test_audit_entries_about_anonymous_posts_never_identify_the_author(
        hidden_author, personas, anonymous_category, client_for):
    posts = _every_action_on_anonymous_posts(hidden_author, personas, anonymous_category)
    about = {(p._meta.label_lower, str(p.pk)) for p in posts}
    entries = [e for e in AuditEntry.objects.all() if (e.object_type, e.object_id) in about]
    # Every kind of action on them is in the log, so the checks below are not vacuous.
    assert {e.action for e in entries} == {
        "community.approve", "community.reject", "community.edit", "community.lock",
        "community.unlock", "community.retag", "community.feature", "community.flags",
        "community.hide", "community.restore", "community.public", "community.accept"}
    assert len(entries) == 20
    giveaways = {"Priya", "Kowalczyk", str(AUTHOR_USER_ID), str(AUTHOR_PROFILE_ID)}
    for entry in entries:
        assert entry.actor_id != hidden_author.pk
        # Everything the admin's audit log shows, and the rest of the row besides.
        fields = [entry.actor_label, entry.action, entry.object_type, entry.object_id,
                  entry.object_label, json.dumps(entry.detail), str(entry)]
        for text in fields:
            assert not {g for g in giveaways if g.lower() in text.lower()}, (entry.action,
                                                                              text)
    page = client_for(personas["admin"]).get(reverse("core:audit_log"))
    html = page.content.decode()
    assert page.status_code == 200 and f"Story #{posts[0].pk}: An anonymous story" in html
    assert not {g for g in giveaways if g.lower() in html.lower()}
