"""Pages for stories: the feed, a story, writing and editing, responses."""

from __future__ import annotations

from types import SimpleNamespace

from django.conf import settings
from django.contrib import messages
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from upward.web.community import caching, services
from upward.web.community.access import is_lead, is_moderator, is_network_member, links_people
from upward.web.community.forms import CommentForm, ShareForm, StoryForm
from upward.web.community.models import PROMPTS, Status, Story, StoryComment
from upward.web.community.notices import story_notice
from upward.web.community.selectors import stories as selectors
from upward.web.community.services.notifications import mention_links
from upward.web.community.views.paging import Window, page_number, window
from upward.web.core.confirm import confirmation_page
from upward.web.core.content import identity
from upward.web.core.content.rendering import render_markdown
from upward.web.core.errors import ApplicationError
from upward.web.core.forms import show_service_error
from upward.web.core.permissions import capability_required, signed_in


def _cards(stories, request, link_people: bool | None = None) -> str:
    """Story cards as HTML; ``request`` None renders them for no one in particular
    (no “you” tag, names linked as ``link_people`` says), as the shared cache keeps them."""
    if not stories:
        return ""
    return render_to_string("community/_story_cards.html",
                            {"stories": stories, "request": request,
                             "link_people": link_people})


def _feed_part(*, viewer, request, audience, tag, sort, number,
               link_people: bool | None = None) -> dict:
    """One feed page's stories, rendered: for ``viewer``, or for all of ``audience``
    (with names linked to profiles or not, as ``link_people`` says)."""
    page = window(selectors.story_feed(viewer=viewer, tag=tag, sort=sort, audience=audience),
                  number)
    featured = selectors.featured_stories(viewer=viewer, audience=audience) \
        if number == 1 and not tag else []
    return {
        "ids": [s.pk for s in page.items], "featured_ids": [s.pk for s in featured],
        "has_next": page.has_next, "cards_html": _cards(page.items, request, link_people),
        "featured_html": _cards(featured, request, link_people),
        "tags": [(t.slug, t.name) for t in selectors.active_tags()],
    }


def _all_for(viewer, ids) -> bool:
    """Whether ``viewer`` may read every one of the stories ``ids`` now, and wrote none
    of them (their own carry a "you" tag): one query."""
    ids = set(ids)
    if not ids:
        return True
    authors = selectors.visible_authors(viewer=viewer, ids=ids)
    return len(authors) == len(ids) and viewer.pk not in authors.values()


@signed_in
def feed(request):
    tag = request.GET.get("tag", "")[:100]
    sort = request.GET.get("sort", "newest")
    sort = sort if sort in selectors.FEED_SORTS else "newest"
    number = page_number(request.GET.get("page"))
    viewer = request.user
    part = None
    shared = False  # the page shows nothing that is this viewer's alone
    version = caching.content_version(caching.STORIES)
    if version and caching.may_share(request):
        # The whole page, with the ids of the stories on it.
        stored = caching.get(caching.page_key(request, version, ("feed",)))
        if stored is not None and _all_for(viewer, stored[1]):
            return caching.fill(request, stored[0])
    if version:
        # Shared by everyone in the viewer's audience, then checked against the
        # database for this viewer: anything gone, muted or their own on the page
        # (own stories carry a "you" tag) and the page is built for them alone.
        # Names link to profiles only for viewers who may see people.
        audience = selectors.audience_of(viewer)
        link_people = links_people(viewer)
        name = caching.key("feed", version, audience, link_people, sort, tag, number)
        part = caching.get(name)
        if part is None:
            part = _feed_part(viewer=None, request=None, audience=audience, tag=tag,
                              sort=sort, number=number, link_people=link_people)
            caching.put(name, part)
        ids = set(part["ids"]) | set(part["featured_ids"])
        if not _all_for(viewer, ids):
            part = None
        shared = part is not None
    if part is None:
        part = _feed_part(viewer=viewer, request=request, audience=None, tag=tag, sort=sort,
                          number=number)
    context = {
        "page": Window(items=part["ids"], number=number, has_next=part["has_next"]),
        "cards_html": mark_safe(part["cards_html"]),  # noqa: S308 — rendered by a template
        "featured_html": mark_safe(part["featured_html"]),  # noqa: S308
        "tag": tag, "sort": sort, "sorts": selectors.FEED_SORTS, "tags": part["tags"],
        "can_write": is_network_member(viewer),
    }
    if shared:
        page = caching.shared_page(request, ("feed",), lambda extra: render(
            request, "community/feed.html", {**context, **extra}), extra=sorted(ids),
            version=version)
        if page is not None:
            return caching.fill(request, page[0])
    return render(request, "community/feed.html", context)


def _article_html(request, story, *, tags=None, link_people: bool | None = None) -> str:
    """The story itself (title, byline, tags, text, timeline), rendered. The same for
    every reader but its author (whose byline says "you") given ``link_people`` (None:
    as the request's viewer may), and for its preview (an unsaved story, with the
    ``tags`` chosen in the form)."""
    prompts = [(heading, story.rendered.get(field, "")) for field, (heading, _) in
               PROMPTS.items() if getattr(story, field).strip()]
    return render_to_string("community/_story_article.html", {
        "story": story, "prompts": prompts, "body_html": story.rendered.get("body", ""),
        "tags": list(story.tags.all()) if tags is None else list(tags),
        "timeline": selectors.timeline_for(story),
        # Only an edited story links to its earlier versions.
        "revision_count": story.revisions.count() if story.edited_at else 0, "request": request,
        "link_people": link_people,
    })


def _comments_html(request, story, *, viewer, is_visible, can_moderate, csrf_token,
                   link_people: bool | None = None) -> str:
    comments = selectors.story_comments(viewer=viewer, story=story)
    if not comments:
        return ""
    return render_to_string("community/_story_comments.html", {
        "comments": comments, "story": story, "is_visible": is_visible,
        "can_moderate": can_moderate, "request": request, "csrf_token": csrf_token,
        "link_people": link_people,
    })


def _story_parts(story_id: int, is_visible: bool, state) -> tuple:
    """What a shared story page depends on besides the viewer's roles."""
    return ("story", story_id, is_visible, sorted(state.reactions), state.bookmarked)


def _story_page(request, story, *, comment_form=None, share_form=None, status=200,
                state=None):
    """The story's page; ``state`` is the viewer's own state on it when already known
    (from a glance in this request)."""
    viewer = request.user
    mine = identity.is_author(story, viewer)
    can_moderate = is_moderator(viewer)
    is_visible = story.is_live and not story.is_embargoed
    if state is None:
        state = selectors.viewer_story_state(viewer=viewer, story=story)
    version = caching.content_version(caching.story_scope(story.pk))
    # Everyone who is neither the author nor a moderator and sees the comments as
    # everyone does (mutes nobody, wrote none) sees the same page, given their roles,
    # reactions and bookmark; who may open the story was decided before this.
    shared = bool(version) and not mine and not can_moderate and not state.own_comment_view \
        and status == 200 and comment_form is None and share_form is None \
        and caching.may_share(request)
    parts = _story_parts(story.pk, is_visible, state)
    if shared:
        stored = caching.get(caching.page_key(request, version, parts))
        if stored is not None:
            return caching.fill(request, stored[0])
    article = comments = None
    if version and not mine:
        # Rendered for no one in particular: no "you" tag, the canonical path, a
        # placeholder for the CSRF token; names linked to profiles only for viewers
        # who may see people, so that is part of the keys.
        neutral = SimpleNamespace(path=reverse("community:story", args=[story.pk]), user=None)
        link_people = links_people(viewer)
        name = caching.key("story-article", version, story.pk, link_people)
        article = caching.get(name)
        if article is None:
            article = _article_html(neutral, story, link_people=link_people)
            caching.put(name, article)
        if not can_moderate and not state.own_comment_view:
            name = caching.key("story-comments", version, story.pk, is_visible, link_people)
            comments = caching.get(name)
            if comments is None:
                # Shared by everyone: the CSRF token goes in at the placeholders
                # recorded now, never anywhere else.
                comments = caching.render_with_placeholders(lambda placeholders: _comments_html(
                    neutral, story, viewer=None, is_visible=is_visible, can_moderate=False,
                    csrf_token=placeholders.csrf, link_people=link_people))
                caching.put(name, comments)
    if article is None:
        article = _article_html(request, story)
    if comments is None:
        shared = False  # the comments are this viewer's own
        comments = _comments_html(request, story, viewer=viewer, is_visible=is_visible,
                                  can_moderate=can_moderate, csrf_token=get_token(request))

    def page(extra):
        # In a shared page (``extra`` holds its placeholders) the comments' forms get
        # the page's CSRF placeholder; otherwise this viewer's token.
        comments_html = comments.fill({caching.CSRF: caching.csrf_value(request, extra)}) \
            if isinstance(comments, caching.Holes) else comments
        return render(request, "community/story_detail.html", {
            "story": story, "article_html": mark_safe(article),  # noqa: S308 — a template's
            "comments_html": mark_safe(comments_html),  # noqa: S308
            "is_author": mine, "can_moderate": can_moderate, "is_lead": is_lead(viewer),
            "reactions": selectors.reaction_summary(viewer=viewer, story=story,
                                                    mine=state.reactions),
            "comment_form": comment_form or CommentForm(),
            "share_form": share_form or ShareForm(),
            "bookmarked": state.bookmarked,
            "is_visible": is_visible,
            "all_tags": selectors.active_tags() if is_lead(viewer) else [],
            **extra,
        }, status=status)

    if shared:
        cached = caching.shared_page(request, parts, page, version=version)
        if cached is not None:
            return caching.fill(request, cached[0])
    return page({})


@signed_in
def story_detail(request, story_id: int):
    viewer = request.user
    version = caching.content_version(caching.story_scope(story_id))
    if version and not is_moderator(viewer) and caching.may_share(request):
        # A shared page (see ``_story_page``) without loading the story: the same
        # visibility rules, in a lighter query.
        glance = selectors.story_glance(viewer=viewer, story_id=story_id)
        if glance is not None and (glance.author_id is None or glance.author_id != viewer.pk) \
                and not glance.state.own_comment_view:
            stored = caching.get(caching.page_key(
                request, version, _story_parts(story_id, glance.is_visible, glance.state)))
            if stored is not None:
                return caching.fill(request, stored[0])
        if glance is not None:
            story = selectors.story_get_glanced(glance=glance, story_id=story_id)
            return _story_page(request, story, state=glance.state)
    story = selectors.story_get_for_viewer(viewer=viewer, story_id=story_id)
    return _story_page(request, story)


def _notice(request, form, story=None) -> list[str]:
    data = form.cleaned_data if form.is_bound and hasattr(form, "cleaned_data") else {}
    if form.is_bound:
        anonymous = form.data.get("identity") == "anonymous"
        audience = form.data.get("audience") or "network"
        timeline = bool(form.data.get("include_timeline"))
    elif story is not None:
        anonymous, audience, timeline = story.is_anonymous, story.audience, \
            story.include_timeline
    else:
        anonymous, audience, timeline = False, "network", False
    return story_notice(anonymous=anonymous, audience=audience, include_timeline=timeline,
                        embargo_until=data.get("embargo_until") or (
                            story.embargo_until if story else None),
                        sizes=selectors.audience_sizes(),
                        organisation=settings.UPWARD_ORGANISATION_NAME)


def _preview(request, form, story=None) -> dict:
    """The story as its published page will show it: the same article, rendered from an
    unsaved copy of the form's text (to the author, as the page shows it to them)."""
    data = form.cleaned_data
    fields = ("title", "cover_quote", *PROMPTS, "body")
    anonymous = data.get("identity") == "anonymous"
    draft = Story(author=request.user, is_anonymous=anonymous,
                  include_timeline=bool(data.get("include_timeline")) and not anonymous,
                  visible_from=data.get("embargo_until") or (
                      story.visible_from if story is not None and story.visible_from
                      else timezone.now()),
                  **{field: data.get(field) or "" for field in fields})
    if story is not None:  # an edit: its page links to the earlier versions
        draft.pk, draft.edited_at = story.pk, story.edited_at
    links = mention_links("\n".join(getattr(draft, f) for f in (*PROMPTS, "body")))
    draft.rendered = {f: render_markdown(getattr(draft, f), mentions=links)
                      for f in (*PROMPTS, "body")}
    return {"anonymous": anonymous,
            "article_html": mark_safe(  # noqa: S308 — rendered by a template
                _article_html(request, draft, tags=data.get("tags") or []))}


@capability_required("write_story")
@require_http_methods(["GET", "POST"])
def story_new(request):
    form = StoryForm(request.POST or None)
    action = request.POST.get("action", "")
    preview = None
    if request.method == "POST" and form.is_valid():
        if action == "preview":
            preview = _preview(request, form)
        else:
            try:
                story = services.story_create(actor=request.user, submit=action == "publish",
                                              **form.changes())
            except ApplicationError as error:
                show_service_error(form, error)
            else:
                return _after_save(request, story, submitted=action == "publish")
    return render(request, "community/story_form.html", {
        "form": form, "preview": preview, "notice": _notice(request, form), "story": None,
    }, status=400 if form.errors else 200)


def _after_save(request, story, *, submitted: bool):
    if story.status == Status.PENDING:
        messages.success(request, "Thank you for sharing your story. A moderator will read it "
                                  "before it appears; we will let you know when it does.")
    elif story.status == Status.PUBLISHED and submitted:
        messages.success(request, "Your story is published." + (
            " People will see it from the embargo date." if story.is_embargoed else ""))
    elif story.status == Status.DRAFT:
        messages.success(request, "Your draft is saved. Only you can see it.")
        return redirect("community:story_edit", story.pk)
    else:
        messages.success(request, "Your changes are saved.")
    return redirect("community:story", story.pk)


@signed_in
@require_http_methods(["GET", "POST"])
def story_edit(request, story_id: int):
    story = selectors.story_get_own(viewer=request.user, story_id=story_id)
    form = StoryForm(request.POST or None, initial=StoryForm.initial_for(story))
    action = request.POST.get("action", "")
    preview = None
    if request.method == "POST" and form.is_valid():
        if action == "preview":
            preview = _preview(request, form, story)
        else:
            try:
                story = services.story_update(actor=request.user, story=story,
                                              **form.changes())
                if action == "publish" and story.status in (Status.DRAFT, Status.WITHDRAWN,
                                                            Status.REJECTED):
                    story = services.story_submit(actor=request.user, story=story)
            except ApplicationError as error:
                show_service_error(form, error)
            else:
                return _after_save(request, story, submitted=action == "publish")
    return render(request, "community/story_form.html", {
        "form": form, "preview": preview, "notice": _notice(request, form, story),
        "story": story,
    }, status=400 if form.errors else 200)


@signed_in
@require_http_methods(["GET", "POST"])
def story_withdraw(request, story_id: int):
    story = selectors.story_get_own(viewer=request.user, story_id=story_id)
    if request.method == "GET":
        return confirmation_page(
            request, title=f"Withdraw “{story.title}”?", button="Withdraw the story",
            explanation="Nobody else will see it until you publish it again. Its comments "
                        "and reactions are kept.",
            cancel_url=reverse("community:story", args=[story.pk]), danger=False)
    services.story_withdraw(actor=request.user, story=story)
    messages.success(request, "Your story is withdrawn: nobody else can see it now. You can "
                              "edit it and publish it again, or delete it.")
    return redirect("community:my_stories")


@signed_in
@require_http_methods(["GET", "POST"])
def story_delete(request, story_id: int):
    story = selectors.story_get_own(viewer=request.user, story_id=story_id)
    if request.method == "GET":
        return confirmation_page(
            request, title=f"Delete “{story.title}”?", button="Delete the story for good",
            explanation=["The story, its comments, reactions and earlier versions are "
                         "deleted for good. This cannot be undone.",
                         "To take it down for now instead, withdraw it."],
            cancel_url=reverse("community:story", args=[story.pk]))
    services.story_delete(actor=request.user, story=story)
    messages.success(request, "Your story and everything attached to it have been deleted.")
    return redirect("community:my_stories")


@signed_in
def story_history(request, story_id: int):
    story = selectors.story_get_for_viewer(viewer=request.user, story_id=story_id)
    return render(request, "community/story_history.html", {
        "story": story, "revisions": selectors.story_history(viewer=request.user, story=story),
    })


@signed_in
def my_stories(request):
    return render(request, "community/my_stories.html", {
        "stories": selectors.own_stories(viewer=request.user),
        "can_write": is_network_member(request.user),
    })


@signed_in
def bookmarks(request):
    page = window(selectors.bookmarked_stories(viewer=request.user), request.GET.get("page"))
    return render(request, "community/bookmarks.html", {"page": page})


# --- responses --------------------------------------------------------------------------------


@signed_in
@require_POST
def comment_create(request, story_id: int):
    story = selectors.story_get_for_viewer(viewer=request.user, story_id=story_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        parent_id = form.cleaned_data["parent"]
        parent = StoryComment.objects.filter(story=story, pk=parent_id).first() \
            if parent_id else None
        try:
            comment = services.comment_create(actor=request.user, story=story, parent=parent,
                                              body=form.cleaned_data["body"])
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            if comment.status == Status.PENDING:
                messages.success(request, "Thank you. A moderator will read your comment "
                                          "before others see it.")
            return redirect(reverse("community:story", args=[story.pk])
                            + f"#comment-{comment.pk}")
    return _story_page(request, story, comment_form=form, status=400)


@signed_in
@require_POST
def react(request, story_id: int):
    story = selectors.story_get_for_viewer(viewer=request.user, story_id=story_id)
    added = services.reaction_toggle(actor=request.user, story=story,
                                     kind=request.POST.get("kind", ""))
    if request.headers.get("HX-Request"):
        return render(request, "community/_reactions.html", {
            "story": story, "reactions": selectors.reaction_summary(viewer=request.user,
                                                                    story=story),
            "is_author": False, "announce": "Reaction added." if added else
            "Reaction removed.",
        })
    messages.success(request, "Thank you for your reaction." if added
                     else "Your reaction has been removed.")
    return redirect(reverse("community:story", args=[story.pk]) + "#reactions")


@signed_in
@require_POST
def bookmark(request, story_id: int):
    story = selectors.story_get_for_viewer(viewer=request.user, story_id=story_id)
    added = services.bookmark_toggle(actor=request.user, story=story)
    messages.success(request, "Saved to your bookmarks." if added
                     else "Removed from your bookmarks.")
    return redirect("community:story", story.pk)


@signed_in
@require_POST
def share(request, story_id: int):
    story = selectors.story_get_for_viewer(viewer=request.user, story_id=story_id)
    form = ShareForm(request.POST)
    if form.is_valid():
        try:
            services.story_share(actor=request.user, story=story, **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Shared. Your colleague will find it in their "
                                      "notifications.")
            return redirect("community:story", story.pk)
    return _story_page(request, story, share_form=form, status=400)
