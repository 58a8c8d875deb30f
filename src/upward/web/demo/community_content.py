"""Words for the demo community: the stories, discussions, comments and replies a
social-mobility network in a UK employer could plausibly hold. No lorem ipsum.

The words themselves are data files, ``src/upward/data/demo/community/*.toml``
(lives, backgrounds, sentences, discussions, moderation), read and checked
here by :class:`upward.web.demo.data_files.DataFile`: a wrong entry stops the
demo with an error naming the file and the entry.

How the parts fit together (see ``community_seed``):

* A story is one person's account. Each story picks a *background* (free school
  meals, first in family at university, an apprenticeship, care experience, …)
  and a *life*: a home town, who brought them up and what that person did for a
  living, a mentor's first name, a university and subject, an earlier job. Every
  sentence of the story is drawn from that background's own pools (or from
  shared pools that fit any background) and filled from that one life, so the
  parts of a story agree with each other.
* Pools are dealt like cards — every entry once before any entry twice — so a
  sentence turns up in two or three stories out of a few hundred, each time in
  a different life.
* A fragment may be a pair ``(text, echo)`` (``{ text = "…", echo = "…" }`` in
  the files): ``echo`` is a comment that answers
  that very fragment, used only on a story that contains it. Likewise a title
  written ``"needle|Title"`` is used only for a story whose text contains
  ``needle`` (after filling in), so a title never promises what the story lacks.
* Comments and replies are written per background or per discussion. Lines that
  name the author or offer to meet (``COMMENTS_NAMED``, a thread's ``offers``)
  go only on named posts: an anonymous author cannot be asked for a coffee.

Placeholders: ``{place}`` home town; ``{carer}`` who brought them up ("my nan"),
``{job}`` what that person did ("as a hospital porter"); ``{siblings}``;
``{mentor}`` a first name; ``{uni}``, ``{subject}``; ``{first_job}`` an earlier
job ("a checkout operator at a supermarket"); ``{old_career}`` ("hospitality");
``{service}`` ("the RAF"); ``{country}``, ``{language}``, ``{arrival_age}``;
``{age}``; ``{cared}`` the relative a young carer looked after; ``{qual}`` a
professional qualification. Named stories also get ``{title_a}`` ("a data
analyst"), ``{team}``, ``{in_team}`` (" in Finance", or nothing when the job title
already says it), ``{join_role_a}``, ``{join_year}``, ``{n}``, ``{org}``.
A capitalised placeholder (``{Carer}``) is the same value with a capital letter.
"""

from __future__ import annotations

from dataclasses import dataclass

from upward.web.demo.data_files import DataFile

# A fragment is a text, or (text, a comment that answers that text).
Fragment = str | tuple[str, str]


@dataclass(frozen=True)
class Background:
    """One kind of route: its tags, its own sentences and the comments that fit it.

    ``route`` says which shared sentences fit: "degree" (went to university),
    "work" (straight into work) or "any". ``texture`` says whether the shared
    childhood sentences fit (not for stories of care or of growing up abroad).
    """

    tags: tuple[str, ...]
    route: str
    weight: float
    titles: tuple[str, ...]
    started: tuple[Fragment, ...]
    hard: tuple[Fragment, ...]
    turning: tuple[Fragment, ...]
    advice: tuple[str, ...]
    comments: tuple[str, ...]
    texture: bool = True


@dataclass(frozen=True)
class ThreadSpec:
    """One discussion. ``replies`` come in order (a few may be left out, never the
    first, which ``follow_up`` may thank for); ``offers``
    (offers to meet or message) only when the thread is named; ``follow_up`` is the
    author coming back at the end; ``anonymous`` is how likely it is to be posted
    anonymously where the category allows it."""

    category: str
    title: str
    body: str
    kind: str
    replies: tuple[str, ...]
    offers: tuple[str, ...] = ()
    follow_up: str = ""
    anonymous: float = 0.7


@dataclass(frozen=True)
class ThreadFamily:
    """Several discussions of one kind ("Anyone else from Hull?"), each with its own
    ``{slot}`` value, sharing a pool of replies written for that kind."""

    category: str
    title: str
    body: str
    kind: str
    slot: str
    values: tuple[str, ...]
    replies: tuple[str, ...]
    offers: tuple[str, ...] = ()
    anonymous: float = 0.7


ROUTES = ("degree", "work", "any")
THREAD_KINDS = ("discussion", "question")
# A family's slot: what its {value} is ("move" values are "from team|to team").
SLOTS = ("place", "move", "qual")
CAREER_STAGES = ("entry", "specialist", "manager")


def _titles(f: DataFile, key: str) -> tuple[str, ...]:
    titles = f.texts(key)
    for i, title in enumerate(titles):
        if title.count("|") > 1 or title.startswith("|") or title.endswith("|"):
            raise f.error(f"{f.where(key)}[{i}]", 'a title is "Title" or "needle|Title"')
    return titles


def _by_stage(f: DataFile, key: str) -> dict[str, tuple[str, ...]]:
    lists = f.text_lists(key)
    if list(lists) != list(CAREER_STAGES):
        raise f.error(key, "expected the career stages " + ", ".join(CAREER_STAGES)
                      + " in that order, found " + ", ".join(lists))
    return lists


def _background(t: DataFile) -> Background:
    background = Background(
        tags=t.texts("tags"), route=t.choice("route", ROUTES),
        weight=t.number("weight", low=0.01), titles=_titles(t, "titles"),
        started=t.fragments("started"), hard=t.fragments("hard"),
        turning=t.fragments("turning"), advice=t.texts("advice"),
        comments=t.texts("comments"), texture=t.flag("texture", default=True))
    t.done()
    return background


def _thread(t: DataFile) -> ThreadSpec:
    spec = ThreadSpec(
        category=t.text("category"), title=t.text("title"), body=t.text("body"),
        kind=t.choice("kind", THREAD_KINDS), replies=t.texts("replies"),
        offers=t.texts("offers") if t.has("offers") else (),
        follow_up=t.text("follow_up") if t.has("follow_up") else "",
        anonymous=t.number("anonymous", low=0, high=1, default=0.7))
    t.done()
    return spec


def _family(t: DataFile) -> ThreadFamily:
    family = ThreadFamily(
        category=t.text("category"), title=t.text("title"), body=t.text("body"),
        kind=t.choice("kind", THREAD_KINDS), slot=t.choice("slot", SLOTS),
        values=t.texts("values"), replies=t.texts("replies"),
        offers=t.texts("offers") if t.has("offers") else (),
        anonymous=t.number("anonymous", low=0, high=1, default=0.7))
    t.done()
    if family.slot == "move":
        for i, value in enumerate(family.values):
            if value.count("|") != 1:
                raise t.error(f"{t.where('values')}[{i}]", 'a move is "from team|to team"')
    return family


def _hints(f: DataFile, key: str, known: dict[str, Background]) -> dict[str, tuple[str, ...]]:
    hints = f.text_lists(key)
    for needle, keys in hints.items():
        for i, name in enumerate(keys):
            if name not in known:
                raise f.error(f"{key}.{needle}[{i}]", f"no background called {name!r}")
    return hints


# --- the slots of a life ---------------------------------------------------------------------

_lives = DataFile("community/lives.toml")
PLACES = list(_lives.texts("places"))
CARERS = list(_lives.texts("carers"))
PARENT_WORK = list(_lives.texts("parent_work"))
SIBLINGS = list(_lives.texts("siblings"))
MENTORS = list(_lives.texts("mentors"))
UNIS = list(_lives.texts("unis"))
SUBJECTS = list(_lives.texts("subjects"))
EARLIER_WORK = list(_lives.texts("earlier_work"))
OLD_CAREERS = list(_lives.texts("old_careers"))
SERVICES = list(_lives.texts("services"))
COUNTRIES = [(country, language) for country, language
             in _lives.records("countries", ("country", "language"))]
ARRIVAL_AGES = list(_lives.texts("arrival_ages"))
AGES = list(_lives.texts("ages"))
CARED_FOR = list(_lives.texts("cared_for"))
GENERIC_QUALIFICATIONS = list(_lives.texts("generic_qualifications"))
QUALIFICATIONS = {team: list(quals) for team, quals in _lives.text_lists("qualifications").items()}
OLD_CAREER_OF_JOB = _lives.text_map("old_career_of_job")
_lives.done()

# --- backgrounds -----------------------------------------------------------------------------

_backgrounds = DataFile("community/backgrounds.toml")
_routes = _backgrounds.table("backgrounds")
BACKGROUNDS: dict[str, Background] = {key: _background(_routes.table(key))
                                      for key in _routes.names()}
_routes.done()
BIO_ORIGIN_HINTS = _hints(_backgrounds, "bio_origin_hints", BACKGROUNDS)
BIO_OTHER_HINTS = _hints(_backgrounds, "bio_other_hints", BACKGROUNDS)
_backgrounds.done()

# --- sentences any story can use --------------------------------------------------------------

_sentences = DataFile("community/sentences.toml")
STARTED_TEXTURE = _sentences.fragments("started_texture")
HARD_ANY = _sentences.fragments("hard_any")
HARD_DEGREE = _sentences.texts("hard_degree")
HARD_WORK = _sentences.texts("hard_work")
TURNING_ANY = _sentences.texts("turning_any")
NOW_ROLE = _by_stage(_sentences, "now_role")
REFLECTIONS = _by_stage(_sentences, "reflections")
REFLECTIONS_ANY = _sentences.texts("reflections_any")
NOW_ANONYMOUS = _sentences.texts("now_anonymous")
NOW_CODA = _sentences.texts("now_coda")
ADVICE_ANY = _sentences.texts("advice_any")
POSTSCRIPTS = _sentences.texts("postscripts")
TITLES_ANY = _titles(_sentences, "titles_any")
TITLES_PROMOTED = _titles(_sentences, "titles_promoted")
COMMENTS_ANY = _sentences.texts("comments_any")
COMMENTS_NAMED = _sentences.texts("comments_named")
COMMENTS_MENTION = _sentences.texts("comments_mention")
COMMENT_ANSWERS = _sentences.texts("comment_answers")
AUTHOR_THANKS = _sentences.texts("author_thanks")
_sentences.done()

# --- discussions -----------------------------------------------------------------------------

_discussions = DataFile("community/discussions.toml")
THREADS = tuple(_thread(t) for t in _discussions.tables("threads"))
THREAD_FAMILIES = tuple(_family(t) for t in _discussions.tables("thread_families"))
REPLIES_ANY = _discussions.texts("replies_any")
REPLIES_MENTION = _discussions.texts("replies_mention")
_discussions.done()

# --- what the moderators have to look at --------------------------------------------------------

_moderation = DataFile("community/moderation.toml")
FLAGGED_COMMENTS = _moderation.records("flagged_comments", ("comment", "flag"))
ADVERT_ADVICE = _moderation.text("advert_advice")
ADVERT_FLAG_NOTE = _moderation.text("advert_flag_note")
HELD_COMMENT = _moderation.text("held_comment")
PHONE_REPLY_TAIL = _moderation.text("phone_reply_tail")
PHONE_EDIT_REASON = _moderation.text("phone_edit_reason")
WAITING_THREAD = _moderation.record("waiting_thread", ("title", "body"))
WAITING_REPLY = _moderation.text("waiting_reply")
PERSONA_MENTION = _moderation.text("persona_mention")
PERSONA_COMMENT = _moderation.text("persona_comment")
_moderation.done()
