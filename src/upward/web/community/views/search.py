"""The search page."""

from __future__ import annotations

from django.shortcuts import render

from upward.web.community import caching
from upward.web.community.forms import SearchForm
from upward.web.community.selectors.discussions import categories_visible_to
from upward.web.community.selectors.search import search_shared as run_search
from upward.web.community.selectors.search import shared_results_still_visible
from upward.web.community.selectors.stories import active_tags
from upward.web.core.permissions import signed_in


def _page(request, extra=None):
    """The page (form and results) for this viewer; ``results`` is None before a search."""
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
    response = render(request, template, {"form": form, "results": results, **(extra or {})},
                      status=400 if form.errors else 200)
    return response, results


@signed_in
def search(request):
    if not request.headers.get("HX-Request"):
        # A whole results page is shared by viewers with the same roles when its hits
        # were (shared results: see ``search_shared``), and checked against the database
        # for this viewer before it is served, as the results themselves are.
        built = {}

        def build(extra):
            response, results = _page(request, extra)
            built["results"], built["status"] = results, response.status_code
            if results is not None and not results.shared:
                response.status_code = 299  # not for sharing: shared_page stores nothing
            built["response"], built["context"] = response, extra
            return response

        cached = caching.shared_page(
            request, ("search",), build,
            version=caching.content_version(caching.STORIES, caching.DISCUSSIONS),
            extra=lambda: built["results"].posts if built.get("results") else ())
        if cached is not None:
            html, posts = cached
            if "results" in built or shared_results_still_visible(viewer=request.user,
                                                                  posts=posts):
                return caching.fill(request, html)
        elif "response" in built:
            # Built with placeholders but not for sharing: fill them in for this viewer.
            response = caching.fill(request, caching.cut(
                built["context"], built["response"].content.decode()))
            response.status_code = built["status"]
            return response
    return _page(request)[0]
