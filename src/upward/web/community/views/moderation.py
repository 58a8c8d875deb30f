"""Flagging (members) and the moderators' pages: the review queue and its actions,
watched words and suspensions."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from upward.web.community import services
from upward.web.community.access import is_lead
from upward.web.community.forms import (
    FlagForm,
    ModeratorEditForm,
    ReasonForm,
    SuspendForm,
    WatchedWordForm,
)
from upward.web.community.models import Story, Thread
from upward.web.community.posts import KIND_LABELS, POST_KINDS, post_title, post_url
from upward.web.community.selectors import moderation as selectors
from upward.web.community.selectors.history import post_history
from upward.web.core.content.registry import content_kind
from upward.web.core.errors import ApplicationError
from upward.web.core.flags.selectors import flaggable_for_reader
from upward.web.core.forms import show_service_error
from upward.web.core.permissions import capability_required, signed_in


@signed_in
@require_http_methods(["GET", "POST"])
def flag(request, kind: str, post_id: int):
    """Flag a post — or any other content registered as flaggable."""
    post = flaggable_for_reader(viewer=request.user, kind=kind, pk=post_id)
    facts = content_kind(kind).flaggable.review(post)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.flag_create(actor=request.user, post=post, request=request,
                                 **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Thank you for telling us. A moderator will look at it; "
                                      "the author is not told who flagged it.")
            return redirect(facts.url)
    return render(request, "community/flag.html", {
        "form": form, "kind_label": content_kind(kind).label, "title": facts.title,
        "back": facts.url,
    }, status=400 if form.errors else 200)


@capability_required("moderate")
def queue(request):
    return render(request, "community/moderation/queue.html", {
        "pending": selectors.pending_posts(viewer=request.user),
        "flagged": selectors.flagged_posts(viewer=request.user),
        "public_requests": selectors.public_requests(viewer=request.user),
        "hidden": selectors.hidden_posts(viewer=request.user),
        "reason_form": ReasonForm(), "is_lead": is_lead(request.user),
    })


ACTIONS = {
    "approve": lambda r, post, form: services.post_approve(actor=r.user, post=post, request=r),
    "reject": lambda r, post, form: services.post_reject(actor=r.user, post=post, request=r,
                                                         reason=form.get("reason", "")),
    "hide": lambda r, post, form: services.post_hide(actor=r.user, post=post, request=r,
                                                     reason=form.get("reason", "")),
    "restore": lambda r, post, form: services.post_restore(actor=r.user, post=post, request=r),
    "dismiss": lambda r, post, form: services.flags_dismiss(actor=r.user, post=post,
                                                            request=r),
    "lock": lambda r, post, form: services.lock_set(actor=r.user, post=post, locked=True,
                                                    request=r),
    "unlock": lambda r, post, form: services.lock_set(actor=r.user, post=post, locked=False,
                                                      request=r),
}
DONE = {"approve": "Approved and published.", "reject": "Not approved; the author is told why.",
        "hide": "Hidden; the author is told why.", "restore": "Restored.",
        "dismiss": "Flags dismissed.", "lock": "Locked.", "unlock": "Reopened."}


@capability_required("moderate")
@require_POST
def act(request, kind: str, post_id: int, action: str):
    post = selectors.post_for_moderation(viewer=request.user, kind=kind, post_id=post_id)
    if action not in ACTIONS or (action in ("lock", "unlock")
                                 and not isinstance(post, Story | Thread)):
        raise Http404("No such action.")
    if kind not in POST_KINDS and action != "dismiss":
        # Other apps' content reaches the queue through its flags only.
        raise Http404("No such action.")
    try:
        ACTIONS[action](request, post, request.POST)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, DONE[action])
    return redirect(request.POST.get("next") if request.POST.get("next", "").startswith("/")
                    and not request.POST.get("next", "").startswith("//")
                    else "community:queue")


@capability_required("moderate")
@require_http_methods(["GET", "POST"])
def edit(request, kind: str, post_id: int):
    if kind not in POST_KINDS:
        raise Http404("No such post.")
    post = selectors.post_for_moderation(viewer=request.user, kind=kind, post_id=post_id)
    has_title = isinstance(post, Story | Thread)
    initial = {"body": post.body}
    if has_title:
        initial["title"] = post.title
    form = ModeratorEditForm(request.POST or None, initial=initial, has_title=has_title)
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if k != "reason"}
        try:
            services.post_edit(actor=request.user, post=post, request=request,
                               reason=form.cleaned_data["reason"], **changes)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "The post is edited and the author has been told why.")
            return redirect(post_url(post))
    is_story = isinstance(post, Story)
    return render(request, "community/moderation/edit.html", {
        "form": form, "kind_label": KIND_LABELS[kind], "title": post_title(post),
        "back": post_url(post), "post": post, "is_story": is_story,
        "revisions": [] if is_story else post_history(viewer=request.user, post=post),
    }, status=400 if form.errors else 200)


@capability_required("moderate")
@require_http_methods(["GET", "POST"])
def watched_words(request):
    form = WatchedWordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.watched_word_add(actor=request.user, request=request, **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "The word is now watched in every new or edited post.")
            return redirect("community:watched_words")
    return render(request, "community/moderation/watched_words.html", {
        "form": form, "words": selectors.watched_words(viewer=request.user),
    }, status=400 if form.errors else 200)


@capability_required("moderate")
@require_POST
def watched_word_remove(request, word_id: int):
    word = selectors.watched_words(viewer=request.user).filter(pk=word_id).first()
    if word is None:
        raise Http404("No such word.")
    services.watched_word_remove(actor=request.user, word=word, request=request)
    messages.success(request, f"“{word.phrase}” is no longer watched.")
    return redirect("community:watched_words")


@capability_required("moderate")
def members(request):
    query = request.GET.get("q", "")
    return render(request, "community/moderation/members.html", {
        "query": query, "found": selectors.members_for_moderation(viewer=request.user,
                                                                  query=query),
        "suspensions": selectors.suspensions_current(viewer=request.user),
    })


@capability_required("moderate")
@require_http_methods(["GET", "POST"])
def suspend(request, user_id: int):
    member = selectors.member_for_moderation(viewer=request.user, user_id=user_id)
    form = SuspendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_suspend(actor=request.user, member=member, request=request,
                                    **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, f"{member.display_name} cannot post for "
                                      f"{form.cleaned_data['days']} day(s).")
            return redirect("community:members")
    return render(request, "community/moderation/suspend.html",
                  {"form": form, "member": member}, status=400 if form.errors else 200)


@capability_required("moderate")
@require_POST
def suspension_lift(request, suspension_id: int):
    suspension = selectors.suspensions_current(viewer=request.user).filter(
        pk=suspension_id).first()
    if suspension is None:
        raise Http404("No such suspension.")
    services.suspension_lift(actor=request.user, suspension=suspension, request=request)
    messages.success(request, "The suspension is lifted.")
    return redirect("community:members")

