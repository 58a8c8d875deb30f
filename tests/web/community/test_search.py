"""Search over stories, discussions and replies: ranking, snippets, filters,
visibility and anonymity, on whichever database the suite runs (SQLite FTS5 or
PostgreSQL full-text search)."""

from __future__ import annotations

import pytest
from django.db import connection

from upward.web.community import services
from upward.web.community.models import Audience
from upward.web.community.selectors.search import fts5_query, search
from upward.web.core.search.models import SearchEntry
from upward.web.demo.factories import person

pytestmark = pytest.mark.django_db


def _titles(results) -> list[str]:
    import re

    return [re.sub(r"</?mark>", "", hit.title_html) for hit in results.hits]


def test_finds_stories_threads_and_replies_with_highlighted_snippets(personas, make_story,
                                                                     category):
    member, lead = personas["member"], personas["lead"]
    make_story(member, title="The apprenticeship that changed everything",
               body="I joined as an apprentice in the warehouse.")
    thread = services.thread_create(actor=lead, category=category, title="Degree or not?",
                                    body="Is an apprenticeship worth it without a degree?")
    services.reply_create(actor=member, thread=thread, body="My apprenticeship paid for itself.")
    results = search(viewer=lead, query="apprenticeship")
    assert results.total == 3
    assert {hit.kind for hit in results.hits} == {"story", "thread", "reply"}
    # A match in the title outranks matches only in the text.
    assert results.hits[0].kind == "story"
    snippets = " ".join(hit.snippet_html for hit in results.hits)
    assert "<mark>" in snippets and "<mark>apprentice" in snippets.lower()
    assert "<mark>" in results.hits[0].title_html


def test_stemming_matches_other_forms_of_a_word(personas, make_story):
    make_story(personas["member"], title="Mentors", body="Mentoring changed how I work.")
    assert search(viewer=personas["lead"], query="mentor").total == 1


def test_snippets_escape_the_text_before_marking_matches(personas, make_story):
    make_story(personas["member"], title="Escaping",
               body="Interview tip: &lt;img src=x onerror=alert(1)&gt; interview")
    [hit] = search(viewer=personas["lead"], query="interview").hits
    # The words are shown as text, and only our own <mark> is markup.
    assert "<img" not in hit.snippet_html and "&lt;img src=x" in hit.snippet_html
    assert "<mark>interview</mark>" in hit.snippet_html.lower()


def test_search_respects_visibility(personas, make_story, category):
    member = personas["member"]
    make_story(member, title="Network only story about payslips")
    make_story(member, title="Organisation story about payslips",
               audience=Audience.ORGANISATION)
    make_story(member, title="Draft about payslips", submit=False)
    services.thread_create(actor=member, category=category, title="Payslips explained",
                           body="Network category")
    assert search(viewer=personas["lead"], query="payslips").total == 3
    assert _titles(search(viewer=personas["analyst"], query="payslips")) == [
        "Organisation story about payslips"]
    assert search(viewer=None, query="payslips").total == 0


def test_an_anonymous_authors_name_never_matches_their_anonymous_posts(personas, make_story,
                                                                       publish_anonymous):
    author = person(roles=["member"], display_name="Zebedee Quartermaine")
    make_story(author, title="My named story", body="About school.")
    publish_anonymous(author=author, title="My anonymous story", body="About school too.")
    by_name = search(viewer=personas["lead"], query="Quartermaine")
    assert _titles(by_name) == ["My named story"]
    entry = SearchEntry.objects.get(story__title="My anonymous story")
    assert entry.author_name == ""
    by_topic = search(viewer=personas["lead"], query="school")
    anonymous_hit = next(h for h in by_topic.hits if "anonymous" in h.title_html)
    assert anonymous_hit.byline.label == "Anonymous member"
    assert anonymous_hit.byline.profile_id is None


def test_tag_and_category_filters(personas, make_story, category, org_category):
    member = personas["member"]
    make_story(member, title="Care leaver to lawyer", tags=["care-experienced"])
    make_story(member, title="Lawyer by accident", tags=["career-changer"])
    services.thread_create(actor=member, category=category, title="Lawyer questions", body="?")
    services.thread_create(actor=member, category=org_category, title="Lawyer talk at school",
                           body="!")
    lead = personas["lead"]
    assert _titles(search(viewer=lead, query="lawyer", tag="care-experienced")) == [
        "Care leaver to lawyer"]
    assert _titles(search(viewer=lead, query="lawyer", category=org_category.slug)) == [
        "Lawyer talk at school"]
    assert {h.kind for h in search(viewer=lead, query="lawyer", kind="thread").hits} == {
        "thread"}


def test_withdrawn_hidden_and_muted_posts_drop_out(personas, make_story, category):
    member, lead = personas["member"], personas["lead"]
    story = make_story(member, title="Ladder story")
    thread = services.thread_create(actor=lead, category=category, title="Other", body="x")
    reply = services.reply_create(actor=member, thread=thread, body="ladder reply")
    assert search(viewer=lead, query="ladder").total == 2
    services.post_hide(actor=personas["moderator"], post=reply, reason="Off-topic")
    assert search(viewer=lead, query="ladder").total == 1
    services.mute_set(actor=lead, member=member, muted=True)
    assert search(viewer=lead, query="ladder").total == 0
    services.mute_set(actor=lead, member=member, muted=False)
    services.story_withdraw(actor=member, story=story)
    assert search(viewer=lead, query="ladder").total == 0


@pytest.mark.parametrize("query", ["", "   ", "\"", "AND OR NOT", "*", "a\"b", "NEAR(",
                                   "title:secret", "-", "x" * 500, "'); DROP TABLE x; --"])
def test_odd_queries_never_fail(personas, make_story, query):
    make_story(personas["member"])
    results = search(viewer=personas["lead"], query=query)
    assert results.total >= 0 and isinstance(results.hits, list)


def test_fts5_query_quotes_every_word():
    assert fts5_query('first "in" family OR NOT') == '"first"* "in"* "family"* "or"* "not"*'
    assert fts5_query("!!!") == ""


def test_pages_of_results(personas, make_story):
    for n in range(5):
        make_story(personas["member"], title=f"Resilience {n}")
    first = search(viewer=personas["lead"], query="resilience", per_page=2)
    second = search(viewer=personas["lead"], query="resilience", per_page=2, page=2)
    assert first.total == 5 and first.has_next and not first.has_previous
    assert not set(_titles(first)) & set(_titles(second))
    assert connection.vendor in {"sqlite", "postgresql"}


def test_the_index_can_be_rebuilt_from_the_posts(personas, make_story):
    from django.core.management import call_command

    make_story(personas["member"], title="Rebuilt index")
    SearchEntry.objects.all().delete()
    assert search(viewer=personas["lead"], query="rebuilt").total == 0
    call_command("community_reindex")
    assert search(viewer=personas["lead"], query="rebuilt").total == 1


@pytest.mark.parametrize("editor", ["moderator", "author"])
def test_a_discussion_title_taken_out_stops_matching_through_its_replies(
        personas, category, editor):
    member, moderator = personas["member"], personas["moderator"]
    thread = services.thread_create(actor=member, category=category,
                                    title="Dave Smithson is awful", body="He shouts.")
    services.reply_create(actor=personas["lead"], thread=thread, body="Let's talk about it.")
    assert search(viewer=moderator, query="Smithson").total == 2
    if editor == "moderator":
        services.post_edit(actor=moderator, post=thread, reason="Named a person",
                           title="A manager", body="He shouts.")
    else:
        services.thread_update(actor=member, thread=thread, title="A manager",
                               body="He shouts.")
    assert search(viewer=moderator, query="Smithson").total == 0
    [hit] = search(viewer=moderator, query="talk").hits
    assert _titles(search(viewer=moderator, query="talk")) == ["A manager"]
    assert hit.kind == "reply"


def test_a_new_display_name_replaces_the_old_one_in_search(personas, make_story, category,
                                                          client_for, api_for):
    from django.urls import reverse

    from upward.web.accounts.services import profile_update
    from upward.web.core.notifications.models import Notification

    writer = person(roles=["member"], email="quentin@northbridge.example",
                    display_name="Quentin Oldname")
    lead = personas["lead"]
    make_story(writer, title="From the post room")
    make_story(writer, title="Said without my name", is_anonymous=True)
    thread = services.thread_create(actor=writer, category=category, title="Night shifts",
                                    body="Anyone else?")
    services.reply_create(actor=writer, thread=thread, body="Me again.")
    services.comment_create(actor=writer, story=make_story(lead), body="Thank you")
    assert search(viewer=lead, query="Oldname").total == 3  # story, discussion, reply

    profile_update(profile=writer.profile, display_name="Quentin Newname")

    assert search(viewer=lead, query="Oldname").total == 0
    assert sorted(_titles(search(viewer=lead, query="Newname"))) == [
        "From the post room", "Night shifts", "Night shifts"]
    page = client_for(lead).get(reverse("community:search"), {"q": "Oldname"})
    assert page.context["results"].total == 0
    assert api_for(lead).get("/api/v1/search", {"q": "Oldname"}).json()["total"] == 0
    assert api_for(lead).get("/api/v1/search", {"q": "Newname"}).json()["total"] == 3
    # The notification the comment sent the story's author names them as they are now.
    [note] = Notification.objects.filter(recipient=lead, sender=writer)
    assert note.text.startswith("Quentin Newname commented on your story")
    # A change to something else leaves the index alone; the anonymous story never
    # carried a name.
    profile_update(profile=writer.profile, job_title="Post room supervisor")
    assert search(viewer=lead, query="Newname").total == 3
    assert not SearchEntry.objects.filter(story__is_anonymous=True).exclude(author_name="")


def test_match_markers_typed_into_a_post_mark_nothing(personas, make_story, category):
    """Search marks matches with control characters; typed into a post (the API takes
    any text) they must not mark, or leave unbalanced, anything on the results page."""
    nul = "\x00s" if connection.vendor == "sqlite" else ""  # PostgreSQL stores no NUL
    make_story(personas["member"], title="Marked \x02title\x03 apprenticeship",
               body=f"Before \x02typed\x03 after {nul} apprenticeship \x03")
    thread = services.thread_create(actor=personas["member"], category=category,
                                    title="\x02Thread\x03 apprenticeship", body="Text")
    services.reply_create(actor=personas["lead"], thread=thread, body="A reply")
    results = search(viewer=personas["lead"], query="apprenticeship")
    assert results.total == 3  # the story, the discussion, and the reply under its title
    for hit in results.hits:
        for html in (hit.title_html, hit.snippet_html):
            assert html.count("<mark>") == html.count("</mark>")
            for word in ("title", "typed", "Thread", "s apprenticeship"):
                assert f"<mark>{word}" not in html, html
    assert not SearchEntry.objects.filter(title__contains="\x02").exists()


def _grouped(viewer, query, **kwargs):
    return search(viewer=viewer, query=query, grouped=True, **kwargs)


def test_a_discussion_is_listed_once_with_its_matching_replies(personas, category):
    member, lead = personas["member"], personas["lead"]
    thread = services.thread_create(actor=lead, category=category, title="Night school",
                                    body="Who studied while working?")
    for n in range(4):
        services.reply_create(actor=member, thread=thread, body=f"Evening classes, year {n}.")
    services.reply_create(actor=member, thread=thread, body="Nothing to do with it.")
    other = services.thread_create(actor=lead, category=category, title="Evening classes",
                                   body="Paid by the employer?")
    ungrouped = search(viewer=lead, query="evening")
    assert ungrouped.total == 5  # four replies and a discussion, each a result
    grouped = _grouped(lead, "evening")
    assert grouped.total == 2
    assert sorted(_titles(grouped)) == ["Evening classes", "Night school"]
    night = next(h for h in grouped.hits if "Night" in h.title_html)
    assert night.kind == "thread" and night.url.endswith(f"/threads/{thread.pk}/")
    assert night.snippet_html == ""  # the discussion itself does not match
    assert night.match_count == 4 and len(night.matches) == 3
    assert all("<mark>Evening</mark>" in m.snippet_html for m in night.matches)
    assert all(f"/threads/{thread.pk}/#reply-" in m.url for m in night.matches)
    evening = next(h for h in grouped.hits if h.url.endswith(f"/threads/{other.pk}/"))
    assert evening.match_count == 0 and evening.matches == ()
    # Only replies: still one result per discussion.
    [only_replies] = _grouped(lead, "evening", kind="reply").hits
    assert only_replies.url.endswith(f"/threads/{thread.pk}/")
    assert only_replies.match_count == 4


def test_replies_matching_only_through_the_discussion_title_are_not_counted(personas,
                                                                            category):
    member, lead = personas["member"], personas["lead"]
    thread = services.thread_create(actor=lead, category=category, title="Payslips",
                                    body="How to read one.")
    services.reply_create(actor=member, thread=thread, body="Ask HR.")
    services.reply_create(actor=member, thread=thread, body="My payslips confuse me too.")
    [hit] = _grouped(lead, "payslips").hits
    assert hit.match_count == 1 and "confuse" in hit.matches[0].snippet_html


def test_grouped_search_keeps_every_privacy_rule(personas, category, org_category,
                                                  anonymous_category):
    member, lead, analyst = personas["member"], personas["lead"], personas["analyst"]
    secret = person(roles=["member"], display_name="Ottoline Brackenbury")
    network = services.thread_create(actor=lead, category=category, title="Network talk",
                                     body="Members only.")
    services.reply_create(actor=secret, thread=network, body="Bursaries helped me.")
    hidden = services.reply_create(actor=member, thread=network, body="Bursaries again.")
    services.post_hide(actor=personas["moderator"], post=hidden, reason="Off-topic")
    open_thread = services.thread_create(actor=lead, category=org_category, title="Open talk",
                                         body="Everyone.")
    services.reply_create(actor=member, thread=open_thread, body="Bursaries for all.")
    # The analyst reads only the organisation-wide discussion.
    [hit] = _grouped(analyst, "bursaries").hits
    assert "Open talk" in hit.title_html and hit.match_count == 1
    # The lead sees both, without the hidden reply; muting drops the muted member's reply.
    by_title = {h.title_html: h for h in _grouped(lead, "bursaries").hits}
    assert by_title["Network talk"].match_count == 1
    services.mute_set(actor=lead, member=secret, muted=True)
    assert [h.title_html for h in _grouped(lead, "bursaries").hits] == ["Open talk"]
    assert _grouped(None, "bursaries").total == 0
    # An anonymous reply is shown without its author, and their name never finds it.
    asked = services.thread_create(actor=lead, category=anonymous_category,
                                   title="Quiet question", body="Ask away.")
    reply = services.reply_create(actor=secret, thread=asked, body="Scholarships exist.",
                                  is_anonymous=True)
    services.post_approve(actor=personas["moderator"], post=reply)
    services.mute_set(actor=lead, member=secret, muted=False)
    [hit] = _grouped(lead, "scholarships").hits
    assert hit.match_count == 1
    assert hit.matches[0].byline.is_anonymous and hit.matches[0].byline.profile_id is None
    assert _grouped(lead, "Brackenbury").total == 1  # only her named reply
    assert "Network talk" in _titles(_grouped(lead, "Brackenbury"))[0]


def test_grouped_pages_count_discussions(personas, category):
    lead, member = personas["lead"], personas["member"]
    for n in range(3):
        thread = services.thread_create(actor=lead, category=category, title=f"Topic {n}",
                                        body="x")
        for _ in range(3):
            services.reply_create(actor=member, thread=thread, body="Gardening leave")
    first = _grouped(lead, "gardening", per_page=2)
    second = _grouped(lead, "gardening", per_page=2, page=2)
    assert first.total == 3 and first.has_next and len(first.hits) == 2
    assert len(second.hits) == 1 and not set(_titles(first)) & set(_titles(second))


def test_the_search_page_lists_a_discussion_once_with_a_count(personas, category, client_for):
    from django.urls import reverse

    member, lead = personas["member"], personas["lead"]
    thread = services.thread_create(actor=lead, category=category, title="Night school",
                                    body="Who studied while working?")
    for n in range(4):
        services.reply_create(actor=member, thread=thread, body=f"Evening classes, year {n}.")
    for viewer in (lead, member):  # the member's own replies carry "you": not shared
        html = client_for(viewer).get(reverse("community:search"), {"q": "evening"}
                                      ).content.decode()
        assert html.count(f'href="/community/threads/{thread.pk}/"') == 1
        assert "1 result for" in html
        assert "4 matching replies, the first 3 shown" in html
        assert html.count("#reply-") == 3
