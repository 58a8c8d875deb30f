"""The search page."""

from __future__ import annotations

from django.shortcuts import render

from upward.web.community.forms import SearchForm
from upward.web.community.selectors.discussions import categories_visible_to
from upward.web.community.selectors.search import search as run_search
from upward.web.community.selectors.stories import active_tags
from upward.web.core.permissions import signed_in


@signed_in
def search(request):
    form = SearchForm(request.GET or None, tags=active_tags(),
                      categories=categories_visible_to(viewer=request.user))
    results = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        try:
            page = max(1, int(request.GET.get("page", "1")))
        except ValueError:
            page = 1
        data = form.cleaned_data
        results = run_search(viewer=request.user, query=data["q"], kind=data["kind"],
                             tag=data["tag"], category=data["category"], page=page)
    template = "community/_search_results.html" if request.headers.get("HX-Request") \
        else "community/search.html"
    return render(request, template, {"form": form, "results": results},
                  status=400 if form.errors else 200)
