"""Markdown to safe HTML: markdown-it-py renders, nh3 sanitises.

Raw HTML in the source is escaped by the renderer (``html: False``); links with
other schemes than http(s)/mailto are dropped by both the renderer and the
sanitiser; images are not allowed (they would load from anywhere). Headings are
shifted down two levels so a post can never break the page's outline.
@mentions become links to the person's profile when the caller resolves them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr",
    "h3", "h4", "h5", "h6", "del", "s",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}

# @handle: the local part of a colleague's work address (e.g. @jade.okafor).
MENTION = re.compile(r"(?<![\w.@/])@([a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?)", re.IGNORECASE)

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_md.disable("image")
_SAFE_LINK = re.compile(r"^(https?://|mailto:|/(?!/)|#)", re.IGNORECASE)


def _validate_link(url: str) -> bool:
    # Only web, mail and same-site links: anything else (javascript:, data:, obfuscated
    # schemes such as "java&#09;script:") stays as plain text.
    return bool(_SAFE_LINK.match(url.strip()))


_md.validateLink = _validate_link


def mention_handles(text: str) -> list[str]:
    """Distinct @handles in ``text``, lower-cased, in order of appearance."""
    seen: list[str] = []
    for match in MENTION.finditer(text or ""):
        handle = match.group(1).lower()
        if handle not in seen:
            seen.append(handle)
    return seen


def _link_mentions(tokens: list[Token], mentions: Mapping[str, str]) -> None:
    """Turn @handles in plain text (not inside links or code) into links."""
    for block in tokens:
        if block.type != "inline" or not block.children:
            continue
        children: list[Token] = []
        in_link = 0
        for token in block.children:
            if token.type == "link_open":
                in_link += 1
            elif token.type == "link_close":
                in_link -= 1
            if token.type != "text" or in_link:
                children.append(token)
                continue
            position = 0
            for match in MENTION.finditer(token.content):
                url = mentions.get(match.group(1).lower())
                if url is None:
                    continue
                if match.start() > position:
                    children.append(_text(token.content[position:match.start()]))
                link = Token("link_open", "a", 1)
                link.attrs = {"href": url, "class": "mention"}
                children.extend([link, _text(match.group(0)), Token("link_close", "a", -1)])
                position = match.end()
            if position == 0:
                children.append(token)
            elif position < len(token.content):
                children.append(_text(token.content[position:]))
        block.children = children


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def render_markdown(source: str, *, mentions: Mapping[str, str] | None = None) -> str:
    """Safe HTML for ``source``. ``mentions`` maps a lower-cased handle to a profile URL."""
    if not source or not source.strip():
        return ""
    env: dict = {}
    tokens = _md.parse(source, env)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 2, 6)}"
    if mentions:
        _link_mentions(tokens, mentions)
    rendered = _md.renderer.render(tokens, _md.options, env)
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer ugc",
        allowed_classes={"a": {"mention"}},
        strip_comments=True,
    )


def plain_text(source: str) -> str:
    """The words of a Markdown text without markup (for excerpts and search)."""
    if not source:
        return ""
    text = nh3.clean(_md.render(source), tags=set())
    return " ".join(html.unescape(text).split())


def excerpt(source: str, length: int = 220) -> str:
    text = plain_text(source)
    if len(text) <= length:
        return text
    cut = text[:length].rsplit(" ", 1)[0]
    return cut.rstrip(",.;:—- ") + "…"


# A resolved @mention as rendered above (raw HTML in the source is escaped, so only
# render_markdown makes links with this class).
_MENTION_LINK = re.compile(r'<a\b[^>]*\bclass="mention"[^>]*>([^<]*)</a>')
A_COLLEAGUE = "a colleague"


def without_mention_links(rendered: str) -> str:
    """Rendered HTML for the public web: each colleague it @mentions becomes "a
    colleague" — no name, no work-address handle, no link to an internal profile."""
    return _MENTION_LINK.sub(A_COLLEAGUE, rendered or "")


def mentions_unlinked(rendered: str) -> str:
    """Rendered HTML with each @mention as its text alone (``@sam.okafor``), without the
    link to the profile: for viewers who may not open profiles ("see_people")."""
    return _MENTION_LINK.sub(r"\1", rendered or "")


def without_mentions(text: str, colleagues: set[str]) -> str:
    """Plain ``text`` with the @handles in ``colleagues`` (lower-cased) replaced as in
    :func:`without_mention_links`."""
    return MENTION.sub(lambda m: A_COLLEAGUE if m.group(1).lower() in colleagues
                       else m.group(0), text or "")


# Search snippets arrive with these markers around matches; they are escaped
# first and only then turned into <mark>, so stored text can never inject HTML. The
# search index never stores them (``searchable``), so every marker is the database's.
MARK_START, MARK_END = "\x02", "\x03"


def searchable(text: str) -> str:
    """``text`` for the search index: without the match markers, which a member could
    otherwise type to mark (and unbalance) the results page."""
    return text.replace(MARK_START, "").replace(MARK_END, "")


def highlighted(snippet: str) -> str:
    return html.escape(snippet).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
