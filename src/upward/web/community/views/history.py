"""The edit history of a comment, discussion or reply, for its author and moderators."""

from __future__ import annotations

from django.shortcuts import render

from upward.web.community.posts import KIND_LABELS, post_title, post_url
from upward.web.community.selectors import history as selectors
from upward.web.core.content import identity
from upward.web.core.permissions import signed_in


@signed_in
def post_history(request, kind: str, post_id: int):
    post = selectors.post_get_for_history(viewer=request.user, kind=kind, post_id=post_id)
    return render(request, "community/post_history.html", {
        "post": post, "kind": kind, "kind_label": KIND_LABELS[kind], "title": post_title(post),
        "back": post_url(post), "is_author": identity.is_author(post, request.user),
        "revisions": selectors.post_history(viewer=request.user, post=post),
    })
