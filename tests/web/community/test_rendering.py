"""Markdown renders to safe HTML: the XSS corpus comes out inert, everywhere it is shown."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from upward.web.core.content.rendering import (
    MARK_END,
    MARK_START,
    excerpt,
    highlighted,
    mention_handles,
    mentions_unlinked,
    plain_text,
    render_markdown,
)

# Each entry is something people have used to run script in Markdown renderers.
XSS_CORPUS = [
    "<script>alert('xss')</script>",
    "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><circle r=10 /></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src='javascript:alert(1)'></iframe>",
    "<a href=\"javascript:alert(1)\">click</a>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java&#09;script:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![img](javascript:alert(1))",
    "![img](https://evil.example/tracker.png)",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "[a](https://example.org \"title\" onmouseover=alert(1))",
    "<div style=\"background:url(javascript:alert(1))\">styled</div>",
    "<p onclick=alert(1)>para</p>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<form action=javascript:alert(1)><button>go</button></form>",
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "<!-- <script>alert(1)</script> -->",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "[x](https://example.org/\"onmouseover=\"alert(1))",
    "<a href='https://ok.example' onclick='alert(1)'>ok</a>",
    "**bold<script>alert(1)</script>**",
    "<style>body{display:none}</style>",
    "<meta http-equiv=refresh content='0;url=https://evil.example'>",
    "<base href=https://evil.example/>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
]

DANGEROUS = re.compile(
    r"<\s*(script|iframe|object|embed|svg|math|style|form|img|meta|base|link|details|div)\b"
    r"|\son[a-z]+\s*=|javascript:|vbscript:|data:text|\sstyle\s*=",
    re.IGNORECASE,
)


def _tags_and_attributes(html: str) -> str:
    """Only the markup of ``html`` (tags with their attributes), not its text."""
    return " ".join(re.findall(r"<[^>]*>", html))


@pytest.mark.parametrize("source", XSS_CORPUS)
def test_xss_corpus_renders_inert(source):
    html = render_markdown(source)
    assert not DANGEROUS.search(_tags_and_attributes(html)), html
    for href in re.findall(r'href="([^"]*)"', _tags_and_attributes(html)):
        assert href.startswith(("http://", "https://", "mailto:", "/", "#")), href


@pytest.mark.parametrize("source", XSS_CORPUS[:12])
def test_xss_corpus_is_inert_on_every_page_and_endpoint(source, personas, client_for, api_for,
                                                        make_story, category, db):
    """Through the real services and pages: story, comment, thread, reply, search, API."""
    from upward.web.community import services

    member, lead = personas["member"], personas["lead"]
    story = make_story(member, title="Safe title", body=source, prompt_started=source)
    services.comment_create(actor=lead, story=story, body=source)
    thread = services.thread_create(actor=member, category=category, title="Safe thread",
                                    body=source)
    services.reply_create(actor=lead, thread=thread, body=source)
    pages = [reverse("community:story", args=[story.pk]),
             reverse("community:thread", args=[thread.pk]),
             reverse("community:search") + "?q=safe"]
    for url in pages:
        html = client_for(lead).get(url).content.decode()
        main = html.split('<main id="main"', 1)[1]
        assert not re.search(r"<script(?![^>]*src=\"/static/)", main, re.IGNORECASE), url
        assert not DANGEROUS.search(_tags_and_attributes(
            re.sub(r"<(details|form|div)\b[^>]*>", "", main))), url
    api = api_for(lead)
    for path in (f"/api/v1/stories/{story.pk}", f"/api/v1/threads/{thread.pk}",
                 f"/api/v1/stories/{story.pk}/comments", "/api/v1/search?q=safe"):
        html_fields = list(_html_values(api.get(path).json()))
        assert html_fields, path
        for html in html_fields:
            assert not DANGEROUS.search(_tags_and_attributes(html)), (path, html)


def _html_values(data):
    """Every ``*_html`` string in a JSON document: what API clients put into pages."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key.endswith("_html") and isinstance(value, str):
                yield value
            elif key.endswith("_html") and isinstance(value, dict):
                yield from (v for v in value.values() if isinstance(v, str))
            else:
                yield from _html_values(value)
    elif isinstance(data, list):
        for item in data:
            yield from _html_values(item)


def test_markdown_features_survive_sanitising():
    html = render_markdown(
        "# Heading\n\n**bold** and *em* and `code`\n\n> quoted\n\n- one\n- two\n\n"
        "1. first\n\n[link](https://example.org)\n\n---\n\n```\ncode block\n```")
    for fragment in ("<h3>Heading</h3>", "<strong>bold</strong>", "<em>em</em>",
                     "<code>code</code>", "<blockquote>", "<li>one</li>", "<ol>", "<hr>",
                     "<pre><code>code block"):
        assert fragment in html, fragment
    assert 'href="https://example.org"' in html
    assert 'rel="nofollow noopener noreferrer ugc"' in html


def test_headings_never_outrank_the_page():
    assert "<h3>" in render_markdown("# One") and "<h4>" in render_markdown("## Two")
    assert "<h6>" in render_markdown("###### Six") and "<h1" not in render_markdown("# One")


def test_mentions_link_only_resolved_handles_and_not_in_code_or_emails():
    html = render_markdown("Hi @jade.okafor and @nobody, mail a@jade.okafor.example, "
                           "`@jade.okafor`", mentions={"jade.okafor": "/people/7/"})
    assert html.count('href="/people/7/"') == 1
    assert "@nobody" in html and "<code>@jade.okafor</code>" in html
    assert mention_handles("@Jade.Okafor @jade.okafor x@y.z @sam") == ["jade.okafor", "sam"]


def test_mentions_unlinked_keeps_the_handle_and_every_other_link():
    html = render_markdown("Hi @jade.okafor, see [the guide](https://guide.example)",
                           mentions={"jade.okafor": "/people/7/"})
    unlinked = mentions_unlinked(html)
    assert "/people/7/" not in unlinked and "Hi @jade.okafor, see" in unlinked
    assert '<a href="https://guide.example"' in unlinked

def test_plain_text_and_excerpt():
    assert plain_text("**Bold** &amp; [link](https://x.example)") == "Bold & link"
    long = " ".join(["word"] * 100)
    cut = excerpt(long, 50)
    assert cut.endswith("…") and len(cut) <= 51


def test_highlighted_escapes_before_marking():
    snippet = f"a {MARK_START}<img src=x onerror=alert(1)>{MARK_END} b"
    assert highlighted(snippet) == "a <mark>&lt;img src=x onerror=alert(1)&gt;</mark> b"
