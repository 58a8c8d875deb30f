"""Network leads' pages: tags, reactions and categories; featuring stories, public-page
decisions and re-tagging (only of stories the lead may see: 404 for the rest, as for a
missing one)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from upward.web.community import services
from upward.web.community.forms import CategoryForm, ReactionKindForm, TagForm
from upward.web.community.models import Category, ReactionKind, Tag
from upward.web.community.selectors.stories import story_get_for_viewer
from upward.web.core.errors import ApplicationError
from upward.web.core.forms import show_service_error
from upward.web.core.permissions import capability_required


def _page(request, *, tag_form=None, reaction_form=None, status=200):
    return render(request, "community/manage.html", {
        "tags": Tag.objects.all(), "reactions": ReactionKind.objects.all(),
        "categories": Category.objects.all(),
        "tag_form": tag_form or TagForm(), "reaction_form": reaction_form or ReactionKindForm(),
    }, status=status)


@capability_required("curate")
def manage(request):
    return _page(request)


@capability_required("curate")
@require_POST
def tag_add(request):
    form = TagForm(request.POST)
    if form.is_valid():
        try:
            services.tag_save(actor=request.user, request=request, **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, f"Added the tag “{form.cleaned_data['name']}”.")
            return redirect("community:manage")
    return _page(request, tag_form=form, status=400)


@capability_required("curate")
@require_POST
def tag_toggle(request, tag_id: int):
    tag = Tag.objects.filter(pk=tag_id).first()
    if tag is None:
        raise Http404("No such tag.")
    services.tag_save(actor=request.user, tag=tag, name=tag.name, description=tag.description,
                      is_active=not tag.is_active, request=request)
    messages.success(request, f"“{tag.name}” is now {'in use' if tag.is_active else 'retired'}.")
    return redirect("community:manage")


@capability_required("curate")
@require_http_methods(["GET", "POST"])
def tag_edit(request, tag_id: int):
    tag = Tag.objects.filter(pk=tag_id).first()
    if tag is None:
        raise Http404("No such tag.")
    form = TagForm(request.POST or None,
                   initial={"name": tag.name, "description": tag.description})
    if request.method == "POST" and form.is_valid():
        try:
            services.tag_save(actor=request.user, tag=tag, is_active=tag.is_active,
                              request=request, **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, f"The tag “{tag.name}” is saved.")
            return redirect("community:manage")
    return render(request, "community/tag_form.html", {"form": form, "tag": tag},
                  status=400 if form.errors else 200)


@capability_required("curate")
@require_POST
def reaction_add(request):
    form = ReactionKindForm(request.POST)
    if form.is_valid():
        try:
            services.reaction_kind_save(actor=request.user, request=request,
                                        **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, f"Added the reaction “{form.cleaned_data['label']}”.")
            return redirect("community:manage")
    return _page(request, reaction_form=form, status=400)


@capability_required("curate")
@require_POST
def reaction_toggle(request, kind_id: int):
    kind = ReactionKind.objects.filter(pk=kind_id).first()
    if kind is None:
        raise Http404("No such reaction.")
    services.reaction_kind_save(actor=request.user, kind=kind, label=kind.label,
                                is_active=not kind.is_active, request=request)
    state = "offered" if kind.is_active else "retired"
    messages.success(request, f"“{kind.label}” is now {state}.")
    return redirect("community:manage")


@capability_required("curate")
@require_http_methods(["GET", "POST"])
def category_edit(request, category_id: int | None = None):
    found = Category.objects.filter(pk=category_id).first() if category_id else None
    if category_id and found is None:
        raise Http404("No such category.")
    initial = {f: getattr(found, f) for f in CategoryForm.base_fields} if found else None
    form = CategoryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.category_save(actor=request.user, category=found, request=request,
                                   **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "The category is saved.")
            return redirect("community:manage")
    return render(request, "community/category_form.html", {"form": form, "category": found},
                  status=400 if form.errors else 200)


@capability_required("curate")
@require_POST
def feature(request, story_id: int):
    story = story_get_for_viewer(viewer=request.user, story_id=story_id)
    featured = request.POST.get("featured") == "1"
    try:
        services.story_feature_set(actor=request.user, story=story, featured=featured,
                                   request=request)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Featured at the top of the feed." if featured
                         else "No longer featured.")
    return redirect("community:story", story.pk)


@capability_required("curate")
@require_POST
def public_decide(request, story_id: int):
    story = story_get_for_viewer(viewer=request.user, story_id=story_id)
    approve = request.POST.get("decision") == "approve"
    try:
        services.story_public_decide(actor=request.user, story=story, approve=approve,
                                     reason=request.POST.get("reason", ""), request=request)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "The story now has a public page." if approve
                         else "The story stays inside the organisation; the author is told why.")
    return redirect("community:queue")


@capability_required("curate")
@require_POST
def retag(request, story_id: int):
    story = story_get_for_viewer(viewer=request.user, story_id=story_id)
    services.story_retag(actor=request.user, story=story, tags=request.POST.getlist("tags"),
                         request=request)
    messages.success(request, "The story's tags are updated.")
    return redirect("community:story", story.pk)
