"""Pages for discussions: categories, threads, replies, answers and subscriptions."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from upward.web.community import services
from upward.web.community.access import is_moderator
from upward.web.community.forms import (
    ReplyEditForm,
    ReplyForm,
    ThreadEditForm,
    ThreadForm,
)
from upward.web.community.models import Reply, Status, ThreadKind
from upward.web.community.selectors import discussions as selectors
from upward.web.community.services.discussions import reply_url
from upward.web.community.views.paging import window
from upward.web.core.content import identity
from upward.web.core.errors import ApplicationError
from upward.web.core.forms import show_service_error
from upward.web.core.permissions import signed_in


@signed_in
def discussions(request):
    categories = selectors.categories_visible_to(viewer=request.user)
    page = window(selectors.thread_list(viewer=request.user), request.GET.get("page"))
    return render(request, "community/discussions.html", {
        "categories": categories.filter(is_archived=False), "page": page,
        "archived": categories.filter(is_archived=True),
    })


@signed_in
def category(request, slug: str):
    found = selectors.category_get_for_viewer(viewer=request.user, slug=slug)
    kind = request.GET.get("kind", "")
    kind = kind if kind in ThreadKind.values else ""
    page = window(selectors.thread_list(viewer=request.user, category=found, kind=kind),
                  request.GET.get("page"))
    return render(request, "community/category.html", {
        "category": found, "page": page, "kind": kind, "kinds": ThreadKind.choices,
        "subscribed": selectors.is_subscribed_to_category(viewer=request.user,
                                                          category=found),
    })


@signed_in
@require_POST
def category_subscribe(request, slug: str):
    found = selectors.category_get_for_viewer(viewer=request.user, slug=slug)
    on = request.POST.get("subscribe") == "1"
    services.category_subscription_set(actor=request.user, category=found, subscribed=on)
    messages.success(request, f"You will hear about new discussions in {found.name}." if on
                     else f"You will no longer hear about new discussions in {found.name}.")
    return redirect("community:category", found.slug)


@signed_in
@require_http_methods(["GET", "POST"])
def thread_new(request, slug: str):
    found = selectors.category_get_for_viewer(viewer=request.user, slug=slug)
    form = ThreadForm(request.POST or None, allow_anonymous=found.allow_anonymous)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.thread_create(actor=request.user, category=found,
                                            **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            if thread.status == Status.PENDING:
                messages.success(request, "Thank you. A moderator will read your post before "
                                          "it appears.")
            return redirect("community:thread", thread.pk)
    return render(request, "community/thread_form.html", {"form": form, "category": found},
                  status=400 if form.errors else 200)


def _thread_page(request, thread, *, reply_form=None, status=200):
    viewer = request.user
    quote = None
    quote_id = request.GET.get("quote", "")
    if reply_form is None:
        initial = {}
        if quote_id.isdigit():
            quote = Reply.objects.filter(thread=thread, pk=int(quote_id),
                                         status=Status.PUBLISHED, hidden_at=None).first()
            if quote is not None:
                who = identity.public_name(quote)
                quoted = "\n".join(f"> {line}" for line in quote.body.splitlines())
                initial = {"quote_of": quote.pk, "body": f"> **{who} wrote:**\n{quoted}\n\n"}
        reply_form = ReplyForm(initial=initial,
                               allow_anonymous=thread.category.allow_anonymous
                               and not thread.is_anonymous)
    return render(request, "community/thread_detail.html", {
        "thread": thread, "replies": selectors.thread_replies(viewer=viewer, thread=thread),
        "thread_byline": identity.byline(thread, viewer),
        "reply_form": reply_form, "quote": quote,
        "is_author": identity.is_author(thread, viewer), "can_moderate": is_moderator(viewer),
        "can_accept": thread.kind == ThreadKind.QUESTION and (
            identity.is_author(thread, viewer) or is_moderator(viewer)),
        "subscribed": selectors.is_subscribed_to_thread(viewer=viewer, thread=thread),
        "is_visible": thread.is_live,
    }, status=status)


@signed_in
def thread_detail(request, thread_id: int):
    thread = selectors.thread_get_for_viewer(viewer=request.user, thread_id=thread_id)
    return _thread_page(request, thread)


@signed_in
@require_POST
def reply_create(request, thread_id: int):
    thread = selectors.thread_get_for_viewer(viewer=request.user, thread_id=thread_id)
    form = ReplyForm(request.POST, allow_anonymous=thread.category.allow_anonymous
                     and not thread.is_anonymous)
    if form.is_valid():
        quote_id = form.cleaned_data.get("quote_of")
        quote = Reply.objects.filter(thread=thread, pk=quote_id).first() if quote_id else None
        try:
            reply = services.reply_create(
                actor=request.user, thread=thread, body=form.cleaned_data["body"],
                quote_of=quote, is_anonymous=form.cleaned_data.get("is_anonymous", False))
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            if reply.status == Status.PENDING:
                messages.success(request, "Thank you. A moderator will read your reply before "
                                          "others see it.")
            return redirect(reply_url(reply))
    return _thread_page(request, thread, reply_form=form, status=400)


@signed_in
@require_http_methods(["GET", "POST"])
def thread_edit(request, thread_id: int):
    thread = selectors.thread_get_for_viewer(viewer=request.user, thread_id=thread_id)
    if not identity.is_author(thread, request.user):
        return render(request, "core/error.html", {"title": "Page not found", "message":
                      "We could not find that page."}, status=404)
    form = ThreadEditForm(request.POST or None, initial={"title": thread.title,
                                                         "body": thread.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.thread_update(actor=request.user, thread=thread, **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Your changes are saved.")
            return redirect("community:thread", thread.pk)
    return render(request, "community/post_edit.html", {
        "form": form, "title": "Edit your discussion", "back": thread,
    }, status=400 if form.errors else 200)


@signed_in
@require_http_methods(["GET", "POST"])
def reply_edit(request, reply_id: int):
    reply = selectors.reply_get_for_viewer(viewer=request.user, reply_id=reply_id)
    if not identity.is_author(reply, request.user):
        return render(request, "core/error.html", {"title": "Page not found", "message":
                      "We could not find that page."}, status=404)
    form = ReplyEditForm(request.POST or None, initial={"body": reply.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.reply_update(actor=request.user, reply=reply, **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Your reply is updated.")
            return redirect(reply_url(reply))
    return render(request, "community/post_edit.html", {
        "form": form, "title": "Edit your reply", "back": reply.thread,
    }, status=400 if form.errors else 200)


@signed_in
@require_POST
def thread_subscribe(request, thread_id: int):
    thread = selectors.thread_get_for_viewer(viewer=request.user, thread_id=thread_id)
    on = request.POST.get("subscribe") == "1"
    services.thread_subscription_set(actor=request.user, thread=thread, subscribed=on)
    messages.success(request, "You are following this discussion." if on
                     else "You have stopped following this discussion.")
    return redirect("community:thread", thread.pk)


@signed_in
@require_POST
def reply_accept(request, thread_id: int):
    thread = selectors.thread_get_for_viewer(viewer=request.user, thread_id=thread_id)
    reply_id = request.POST.get("reply", "")
    reply = Reply.objects.filter(thread=thread, pk=int(reply_id)).first() \
        if reply_id.isdigit() else None
    if reply_id and reply is None:
        raise ApplicationError("That reply is not part of this question.", status=404)
    services.reply_accept(actor=request.user, thread=thread, reply=reply, request=request)
    messages.success(request, "Marked as the answer." if reply else "The answer is cleared.")
    return redirect("community:thread", thread.pk)
