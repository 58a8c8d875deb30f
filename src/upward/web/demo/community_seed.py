"""The demo community: a few hundred stories and discussions written by the seeded
members, with comments, reactions, featured stories, public pages, anonymous posts,
posts waiting for moderators, open flags and a reply a moderator edited with a reason.

Two ways of writing, on purpose:

* The *history* — stories, comments, reactions, discussions and replies dated over
  the past two years — is created directly, in bulk. The services stamp every
  post "now", notify people (and queue an email for each comment or reply, sent
  when the demo's transaction commits) and rate-limit new members; none of that
  fits back-dated history, and going through them would make seeding several
  times slower. So this module enforces the product's rules itself:

  - an anonymous author never posts under their name on their own anonymous
    story or discussion: when they answer, their comment or reply is anonymous
    too, and went through a moderator like every anonymous post;
  - every published anonymous post was approved by a moderator or lead who is not
    its author (an approval entry in the audit log, dated when it happened), and a
    public page was approved by a lead who is not the author;
  - nobody reacts to or flags their own story, and nobody reacts to, comments on,
    bookmarks or features a story others cannot see yet (drafts, posts waiting for
    a moderator, withdrawn stories, stories under embargo);
  - comments that use the author's name or ask to meet go only on named posts;
  - @mentions name real seeded members and are linked as the services link them;
  - nothing published contains a watched word; an anonymous story never shows a
    career timeline, nor its author's job, team or home town.

  ``tests/web/demo/test_community_seed.py`` checks these rules on the seeded data.

* What is happening *now* goes through the services, so their rules and side
  effects are the real ones: the member persona's draft, published and anonymous
  stories (the anonymous one waits for a moderator), a discussion and a reply
  waiting for a moderator, a comment held by a watched word, the watched words
  themselves, the featured stories, members' flags and a moderator's edit.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import cycle

from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify

from upward.web.accounts.models import CareerEntry, User
from upward.web.community import caching
from upward.web.community.defaults import ensure_defaults
from upward.web.community.models import (
    PROMPTS,
    Audience,
    Bookmark,
    Category,
    CategorySubscription,
    ConversationRequest,
    NotificationKind,
    Reaction,
    ReactionKind,
    Reply,
    Status,
    Story,
    StoryComment,
    Tag,
    Thread,
    ThreadKind,
    ThreadSubscription,
    WatchedAction,
    WatchedWord,
)
from upward.web.community.posts import kind_of
from upward.web.community.services import (
    comment_create,
    flag_create,
    post_edit,
    reply_create,
    story_create,
    story_feature_set,
    thread_create,
    watched_word_add,
)
from upward.web.community.services.notifications import mention_links
from upward.web.community.services.search_index import reindex_all
from upward.web.core.content.identity import public_name
from upward.web.core.content.rendering import render_markdown
from upward.web.core.flags.models import FlagReason
from upward.web.core.models import AuditEntry
from upward.web.core.notifications.models import Notification
from upward.web.core.roles import Role
from upward.web.demo import community_content as words
from upward.web.demo import content

MARKDOWN_FIELDS = (*PROMPTS, "body")
ORG_SHORT = content.ORGANISATION.split()[0]
# Big cities: a story about growing up far from the jobs does not start in one.
CITIES = {"London", "Manchester", "Birmingham", "Leeds", "Glasgow", "Edinburgh", "Bristol",
          "Liverpool", "Cardiff", "Belfast", "Newcastle upon Tyne", "Nottingham"}
BIO_PLACE = re.compile(r"(?:estate in|grew up in|moved to) ([A-Z][^,;.]*?)(?:[,;.]| when)")
# Words that make a tag fit a story, whatever background it was written from.
TAG_WORDS = {
    "Free school meals": ("free school meals", "free dinners"),
    "First in family at university": ("first in my family", "first person in my family",
                                      "first in family", "first of us to go"),
    "Apprenticeship": ("apprenticeship",),
    "Care experienced": ("care leaver", "foster", "in care"),
    "Young carer": ("young carer",),
    "Working while studying": ("part time, in the evenings", "part-time study",
                               "open university", "night school"),
    "Left school at 16": ("left school at sixteen", "left school in"),
    "Grew up outside the UK": ("came to the uk", "second language"),
}
TEAM_SIZES = ["four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
              "fourteen"]
# A card shows one sentence of the story: not one that leans on the sentence before.
DEPENDENT = re.compile(r"^(It|It's|That|This|They|She|He|Then|So|But|And|After that|"
                       r"Afterwards|Before that|Nothing|Years later|\w+ (years|months) later|"
                       r"For (three|two) years|Most|One of them|Some days|Everyone else)\b")
WATCHED = [("scroung*", WatchedAction.BLOCK), ("payslip", WatchedAction.HOLD)]


class Deck:
    """Deals a pool's entries without replacement and reshuffles when it runs out, so
    every entry is used once before any is used twice (repeats spread out evenly)."""

    def __init__(self, rng: random.Random, items) -> None:
        self.rng, self.items, self.cards = rng, list(items), []

    def deal(self, fits=lambda item: True):
        """The next card that ``fits``. Cards that do not fit stay for a later deal; if
        none left fits, a fresh round is shuffled in underneath. None if no entry fits."""
        for _ in range(2):
            for index in range(len(self.cards) - 1, -1, -1):
                if fits(self.cards[index]):
                    return self.cards.pop(index)
            fresh = self.items[:]
            self.rng.shuffle(fresh)
            self.cards = fresh + self.cards
        return None


class Values(dict):
    """Placeholder values; ``{Name}`` is ``{name}`` with a capital letter."""

    def __missing__(self, key: str) -> str:
        lower = key[:1].lower() + key[1:]
        if lower != key and lower in self:
            value = str(self[lower])
            return value[:1].upper() + value[1:]
        raise KeyError(key)


def fill(template: str, values: Values) -> str:
    return template.format_map(values)


def _text_of(fragment: words.Fragment) -> tuple[str, str]:
    return (fragment, "") if isinstance(fragment, str) else fragment


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?'])\s+(?=[A-Z'‘“])", text) if s.strip()]


def _with_article(title: str) -> str:
    """'Head of analytics' → 'the head of analytics', 'HR adviser' → 'an HR adviser'."""
    lowered = title if title[:2] in ("HR", "IT") else title[:1].lower() + title[1:]
    if lowered.startswith(("head of", "chief")):
        return "the " + lowered
    if title[:2] in ("HR", "IT") or lowered[:1] in "aeiou":
        return "an " + lowered
    return "a " + lowered


def _lower_title(title: str) -> str:
    return title if title[:2] in ("HR", "IT") else title[:1].lower() + title[1:]


def _first_name(user: User) -> str:
    return user.display_name.split()[0]


def _handle(user: User) -> str:
    return user.email.split("@")[0]


def _rendered(text: str) -> str:
    return render_markdown(text, mentions=mention_links(text) if "@" in text else None)


@dataclass
class Life:
    """Who wrote a story: their background and the values its placeholders take."""

    background: str
    values: Values
    level: str = ""  # named authors: "entry", "specialist" or "manager"


@dataclass
class Written:
    """A story's words, and the comments that answer particular sentences in it."""

    fields: dict
    echoes: list[str] = field(default_factory=list)
    background: str = ""


class CommunitySeeder:
    """Writes the demo community. One instance per seeding; deterministic for a seed."""

    def __init__(self, rng: random.Random, now: datetime) -> None:
        self.rng, self.now = rng, now
        self.decks: dict[str, Deck] = {}
        self.lives: dict[int, Life] = {}
        self.titles: set[str] = set()
        self.title_uses: Counter[str] = Counter()
        self.covers: set[str] = set()
        self.approvals: list[AuditEntry] = []
        people = list(User.objects.filter(is_active=True, role_assignments__role=Role.MEMBER)
                      .select_related("profile").distinct().order_by("pk"))
        self.people = people
        self.persona = {_handle(u): u for u in people if _handle(u) in
                        {"member", "moderator", "lead"}}
        self.writers = [u for u in people if _handle(u) not in self.persona]
        self.moderators = list(
            User.objects.filter(is_active=True, role_assignments__role__in=[
                Role.MODERATOR, Role.NETWORK_LEAD]).distinct().order_by("pk"))
        self.leads = list(User.objects.filter(
            is_active=True, role_assignments__role=Role.NETWORK_LEAD).distinct().order_by("pk"))
        self.careers: dict[int, list[CareerEntry]] = {}
        for entry in CareerEntry.objects.select_related("profile").order_by("start_year", "pk"):
            self.careers.setdefault(entry.profile.user_id, []).append(entry)

    # --- helpers ---------------------------------------------------------------------------

    def deck(self, name: str, items) -> Deck:
        if name not in self.decks:
            self.decks[name] = Deck(self.rng, items)
        return self.decks[name]

    def between(self, start: datetime, *, min_hours: float, max_hours: float) -> datetime:
        return start + timedelta(hours=self.rng.uniform(min_hours, max_hours))

    def days_ago(self, low: int, high: int) -> datetime:
        return self.now - timedelta(days=self.rng.randint(low, high),
                                    minutes=self.rng.randint(0, 1439))

    def joined_by(self, user: User, when: datetime) -> bool:
        # The personas are created when the demo is seeded; they count as long-standing.
        return user.date_joined <= when or _handle(user) in self.persona

    def others(self, when: datetime, exclude=()) -> list[User]:
        """Members who had joined by ``when``, minus ``exclude``."""
        skip = {u.pk for u in exclude if u is not None}
        found = [u for u in self.people if u.pk not in skip and self.joined_by(u, when)]
        return found or [u for u in self.people if u.pk not in skip]

    def crowd(self, exclude=()):
        """People to answer one post, each once, in random order: ``next_by(when)``
        gives the next one who had joined by then (None when there is nobody left)."""
        skip = {u.pk for u in exclude if u is not None}
        queue = [u for u in self.people if u.pk not in skip]
        self.rng.shuffle(queue)

        def next_by(when: datetime) -> User | None:
            for index, user in enumerate(queue):
                if self.joined_by(user, when):
                    return queue.pop(index)
            return None
        return next_by

    def approve(self, post, at: datetime, *, public_page: bool = False) -> bool:
        """Record, as ``audit_record`` would have at the time, that a moderator (for a
        public page: a lead) who is not the author approved ``post`` at ``at``.
        False if nobody else could have: the post then stays waiting."""
        candidates = [m for m in (self.leads if public_page else self.moderators)
                      if m.pk != post.author_id]
        if not candidates:
            return False
        moderator = self.rng.choice(candidates)
        action = "community.public" if public_page else "community.approve"
        detail = {"approved": True, "reason": ""} if public_page else {"kind": kind_of(post)}
        self.approvals.append(AuditEntry(
            at=at, actor_id=moderator.pk, actor_label=moderator.email, action=action,
            object_type=post._meta.label_lower, object_id=str(post.pk),
            object_label=str(post)[:254], detail=detail))
        return True

    def save_approvals(self) -> None:
        AuditEntry.objects.bulk_create(self.approvals)
        self.approvals = []

    # --- who wrote a story -----------------------------------------------------------------

    def _pick_background(self, choices=None) -> str:
        keys = list(choices or words.BACKGROUNDS)
        weights = [words.BACKGROUNDS[k].weight for k in keys]
        return self.rng.choices(keys, weights=weights)[0]

    def _random_values(self) -> Values:
        rng = self.rng
        country, language = rng.choice(words.COUNTRIES)
        team = rng.choice(content.TEAMS)
        return Values(
            place=rng.choice(words.PLACES), carer=rng.choice(words.CARERS),
            job=rng.choice(words.PARENT_WORK), siblings=rng.choice(words.SIBLINGS),
            mentor=rng.choice(words.MENTORS), uni=rng.choice(words.UNIS),
            subject=rng.choice(words.SUBJECTS), first_job=rng.choice(words.EARLIER_WORK),
            old_career=rng.choice(words.OLD_CAREERS), service=rng.choice(words.SERVICES),
            country=country, language=language, arrival_age=rng.choice(words.ARRIVAL_AGES),
            age=rng.choice(words.AGES), cared=rng.choice(words.CARED_FOR),
            qual=rng.choice(words.QUALIFICATIONS[team] + words.GENERIC_QUALIFICATIONS),
            org=ORG_SHORT)

    def life_of(self, author: User, *, anonymous: bool) -> Life:
        """A named author's life follows their profile (bio, job, career timeline) and is
        the same in each of their stories. An anonymous story gets a made-up life that
        shares nothing with its author's profile, so it cannot point back to them."""
        profile = getattr(author, "profile", None)
        if anonymous:
            values = self._random_values()
            known = {getattr(profile, "location", ""), self._bio_place(profile)}
            while values["place"] in known:
                values["place"] = self.rng.choice(words.PLACES)
            return Life(self._pick_background(), values)
        if author.pk not in self.lives:
            self.lives[author.pk] = self._named_life(author, profile)
        return self.lives[author.pk]

    @staticmethod
    def _bio_place(profile) -> str:
        match = BIO_PLACE.search(getattr(profile, "bio", "") or "")
        if not match:
            return ""
        place = match.group(1).strip()
        return place.removeprefix("Remote (").rstrip(")")

    def _named_life(self, author: User, profile) -> Life:
        rng = self.rng
        values = self._random_values()
        bio = getattr(profile, "bio", "") or ""
        place = self._bio_place(profile)
        if place:
            values["place"] = place
        hinted: tuple[str, ...] = ()
        for needle, keys in words.BIO_ORIGIN_HINTS.items():
            if needle in bio:
                hinted = keys
                break
        else:
            for needle, keys in words.BIO_OTHER_HINTS.items():
                if needle in bio:
                    hinted += keys
        if "English is my second language" in bio:
            values["arrival_age"] = "nine"
        if "my mum was a cleaner" in bio:
            values["carer"], values["job"] = "my mum", "as a cleaner"
        if "youngest of four" in bio:
            values["siblings"] = "my three older brothers and sisters"
        entries = self.careers.get(author.pk, [])
        here = [e for e in entries if e.organisation == content.ORGANISATION]
        before = [e for e in entries if e.organisation != content.ORGANISATION]
        if before:
            first = before[0]
            where = first.organisation[:1].lower() + first.organisation[1:]
            values["first_job"] = (f"a soldier in {where}" if first.title == "Soldier"
                                   else f"{_with_article(first.title)} at {where}")
            values["old_career"] = words.OLD_CAREER_OF_JOB.get(first.title,
                                                               values["old_career"])
            if first.title == "Soldier":
                values["service"] = "the army"
                hinted = hinted or ("armed_forces",)
        team = getattr(profile, "team", "") or rng.choice(content.TEAMS)
        title = getattr(profile, "job_title", "") or content.CAREER_PATHS[team][0]
        path = content.CAREER_PATHS.get(team, [])
        join_role = here[0].title if here else (path[0] if path else title)
        if "apprentice" in join_role.lower() and not hinted:
            hinted = ("apprenticeship", "working_while_studying")
        # "a marketing director", not "a marketing director in Marketing"
        in_team = "" if team.split()[0].lower() in title.lower() else f" in {team}"
        values.update(
            team=team, in_team=in_team, title=_lower_title(title), title_a=_with_article(title),
            join_role=_lower_title(join_role), join_role_a=_with_article(join_role),
            join_year=str(here[0].start_year if here else self.now.year - 3),
            n=rng.choice(TEAM_SIZES),
            qual=rng.choice(words.QUALIFICATIONS.get(team, words.GENERIC_QUALIFICATIONS)))
        if any(w in title.lower() for w in ("leader", "manager", "head", "director",
                                            "supervisor", "chief")):
            level = "manager"
        elif path and title in path and path.index(title) == 0:
            level = "entry"
        else:
            level = "specialist"
        choices = [k for k in (hinted or words.BACKGROUNDS)
                   if not (k == "regional_roots" and values["place"] in CITIES)]
        return Life(self._pick_background(choices), values, level)

    # --- a story's words -------------------------------------------------------------------

    def write_story(self, life: Life, *, anonymous: bool, advert: bool = False) -> Written:
        rng, bg = self.rng, words.BACKGROUNDS[life.background]
        values, key = life.values, life.background
        used: set[str] = set()
        echoes: list[tuple[str, str]] = []  # (the text it answers, the comment)

        def take(name: str, pool) -> str:
            fragment = self.deck(name, pool).deal(lambda f: _text_of(f)[0] not in used)
            text, echo = _text_of(fragment)
            used.add(text)
            if echo:
                echoes.append((fill(text, values), echo))
            return fill(text, values)

        def join(parts: list[str]) -> str:
            return ("\n\n" if len(parts) > 1 and rng.random() < 0.35 else " ").join(parts)

        started = [take(f"{key}.started", bg.started)]
        if bg.texture and rng.random() < 0.2:
            started.append(take("texture", words.STARTED_TEXTURE))
        hard = [take(f"{key}.hard", bg.hard)]
        if rng.random() < 0.35:
            shared = words.HARD_ANY + {"degree": words.HARD_DEGREE,
                                       "work": words.HARD_WORK}.get(bg.route, ())
            hard.append(take(f"hard.{bg.route}", shared))
        turning = [take(f"{key}.turning", bg.turning)]
        if rng.random() < 0.25:
            turning.append(take("turning", words.TURNING_ANY))
        if anonymous:
            now = [take("now.anonymous", words.NOW_ANONYMOUS)]
            if rng.random() < 0.3:
                now.append(take("reflections", words.REFLECTIONS_ANY))
        else:
            now = [take(f"now.{life.level}", words.NOW_ROLE[life.level])]
            if rng.random() < 0.85:
                now.append(take(f"reflections.{life.level}", words.REFLECTIONS[life.level])
                           if rng.random() < 0.65 else
                           take("reflections", words.REFLECTIONS_ANY))
        if rng.random() < 0.15:
            now.append(take("now.coda", words.NOW_CODA))
        roll = rng.random()
        advice = [take(f"{key}.advice", bg.advice)] if roll < 0.8 else []
        if roll > 0.6:
            advice.append(take("advice", words.ADVICE_ANY))
        if advert:
            advice.append(words.ADVERT_ADVICE)

        sections = {"prompt_started": join(started), "prompt_hard": join(hard),
                    "prompt_turning": join(turning), "prompt_now": join(now),
                    "prompt_advice": join(advice)}
        for name, chance in (("prompt_hard", 0.1), ("prompt_turning", 0.15),
                             ("prompt_now", 0.1)):
            if rng.random() < chance:
                sections[name] = ""
        fields = dict.fromkeys(MARKDOWN_FIELDS, "")
        if rng.random() < 0.12:
            # Some people ignore the prompts and write it as one piece.
            paragraphs = [sections[f] for f in ("prompt_started", "prompt_hard",
                                                "prompt_turning", "prompt_now") if sections[f]]
            fields["body"] = "\n\n".join(paragraphs)
            if sections["prompt_advice"]:
                fields["body"] += "\n\n> " + sections["prompt_advice"].replace("\n\n", " ")
        else:
            fields.update(sections)
            if rng.random() < 0.12:
                fields["body"] = self.deck("postscript", words.POSTSCRIPTS).deal()
        text = "\n".join(fields.values())
        fields["title"] = self._title(bg, life, text, anonymous=anonymous)
        fields["cover_quote"] = self._cover(fields) if rng.random() < 0.88 else ""
        # Only answer what the story still says (a prompt may have been left out).
        return Written(fields, [echo for said, echo in echoes if said in text], key)

    def _title(self, bg: words.Background, life: Life, text: str, *, anonymous: bool) -> str:
        lowered = text.lower()

        def usable(entry: str) -> bool:
            needle, _, title = entry.rpartition("|")
            if needle and fill(needle, life.values).lower() not in lowered:
                return False
            # "Still from Hull", "Still from Wigan", … twice at most: more would show.
            return (self.title_uses[title] < 2
                    and self._title_text(title, life) not in self.titles)

        decks = [(f"{life.background}.titles", bg.titles), ("titles.any", words.TITLES_ANY)]
        if not anonymous and life.level in ("specialist", "manager") \
                and self.rng.random() < 0.15:
            decks.insert(0, ("titles.promoted", words.TITLES_PROMOTED))
        for name, pool in decks:
            entry = self.deck(name, pool).deal(usable)
            if entry is not None:
                template = entry.rpartition("|")[2]
                self.title_uses[template] += 1
                title = self._title_text(template, life)
                break
        else:  # every title taken: rare, but the rule is no two stories share one
            base = self._title_text(self.rng.choice(words.TITLES_ANY).rpartition("|")[2], life)
            title, number = f"{base}, {life.values['place']}", 2
            while title in self.titles:
                title, number = f"{base}, {life.values['place']} ({number})", number + 1
        self.titles.add(title)
        return title

    @staticmethod
    def _title_text(template: str, life: Life) -> str:
        title = fill(template, life.values)
        return (title[:1].upper() + title[1:])[:120]

    def _cover(self, fields: dict) -> str:
        """A sentence from the story for its card, not one another card already shows."""
        candidates = [s for f in ("prompt_advice", "prompt_turning", "prompt_hard",
                                  "prompt_started", "body")
                      for s in _sentences(fields[f].replace("> ", "").replace("\n", " "))
                      if 40 <= len(s) <= 220 and s not in self.covers
                      and not DEPENDENT.match(s)]
        if not candidates:
            return ""
        cover = self.rng.choice(candidates)
        self.covers.add(cover)
        return cover

    def tags_for(self, written: Written, tags: dict[str, Tag]) -> list[Tag]:
        names = list(words.BACKGROUNDS[written.background].tags)
        text = " ".join(written.fields.values()).lower()
        for name, needles in TAG_WORDS.items():
            if name not in names and any(re.search(rf"\b{re.escape(n)}\b", text)
                                         for n in needles):
                names.append(name)
        return [tags[n] for n in names[:4] if n in tags]


def _story(written: Written, **attrs) -> Story:
    story = Story(**written.fields, **attrs)
    story.rendered = {f: render_markdown(getattr(story, f)) for f in MARKDOWN_FIELDS}
    return story


def _is_visible(story: Story, now: datetime) -> bool:
    return (story.status == Status.PUBLISHED and story.hidden_at is None
            and story.visible_from is not None and story.visible_from <= now)


# --- stories ------------------------------------------------------------------------------------


def _seed_stories(s: CommunitySeeder, count: int, tags: dict[str, Tag]):
    """The members' stories, written over the last two years. Returns [(story, written)]."""
    rng, now = s.rng, s.now
    plan = []
    for _ in range(count):
        anonymous = rng.random() < 0.18
        roll = rng.random()
        if anonymous:
            status = Status.PENDING if roll < 0.1 else Status.PUBLISHED
        else:
            status = Status.DRAFT if roll < 0.03 else (
                Status.WITHDRAWN if roll < 0.05 else Status.PUBLISHED)
        audience = rng.choices([Audience.NETWORK, Audience.ORGANISATION, Audience.PUBLIC],
                               weights=[70, 22, 8])[0]
        plan.append([anonymous, status, audience, None])
    # Different people write the named and the anonymous stories where there are enough
    # of them: one person's named and anonymous stories side by side would invite guessing.
    order = s.writers[:]
    rng.shuffle(order)
    anonymous_count = sum(1 for entry in plan if entry[0])
    split = len(order) - anonymous_count if len(order) > 2 * anonymous_count else len(order)
    named_authors, anonymous_authors = cycle(order[:split]), cycle(order[split:] or order)
    for entry in plan:
        entry[3] = next(anonymous_authors if entry[0] else named_authors)
    # Three named stories play a part: one reads like an advert (a member flags it), one
    # is under embargo until next week, one was under embargo when it was published.
    settled = [i for i, (anonymous, status, _, author) in enumerate(plan)
               if not anonymous and status == Status.PUBLISHED
               and author.date_joined < now - timedelta(days=60)]
    advert, embargo_ahead, embargo_past = (rng.sample(settled, 3) if len(settled) >= 3
                                           else (-1, -1, -1))

    made: list[tuple[Story, Written]] = []
    for index, (anonymous, status, audience, author) in enumerate(plan):
        life = s.life_of(author, anonymous=anonymous)
        written = s.write_story(life, anonymous=anonymous, advert=index == advert)
        if status == Status.PENDING:
            created = s.days_ago(0, 2)
        else:
            earliest = max(author.date_joined + timedelta(days=1), now - timedelta(days=700))
            span = max((now - earliest).days, 1)
            created = now - timedelta(days=rng.randint(1, span), minutes=rng.randint(0, 1439))
        story = _story(written, author=author, is_anonymous=anonymous, status=status,
                       audience=audience, created_at=created,
                       include_timeline=not anonymous and rng.random() < 0.3)
        if status in (Status.PUBLISHED, Status.WITHDRAWN):
            delay = (0.6, 30) if anonymous else (0.1, 10)  # anonymous: a moderator reads it
            story.published_at = min(now - timedelta(minutes=5),
                                     s.between(created, min_hours=delay[0], max_hours=delay[1]))
            story.visible_from = story.published_at
        if index == embargo_ahead:
            story.published_at = now - timedelta(days=2, hours=3)
            story.created_at = story.published_at - timedelta(hours=1)
            story.embargo_until = story.visible_from = now + timedelta(days=6)
        elif index == embargo_past:
            story.created_at = min(created, now - timedelta(days=30))
            story.published_at = story.created_at + timedelta(hours=1)
            story.embargo_until = story.visible_from = story.published_at + timedelta(days=7)
        made.append((story, written))
    Story.objects.bulk_create([story for story, _ in made])

    links = []
    for story, written in made:
        links += [Story.tags.through(story_id=story.pk, tag_id=tag.pk)
                  for tag in s.tags_for(written, tags)]
    Story.tags.through.objects.bulk_create(links)
    changed = []
    for story, _ in made:
        if (story.is_anonymous and story.status in (Status.PUBLISHED, Status.WITHDRAWN)
                and not s.approve(story, story.published_at)):
            story.status, story.published_at, story.visible_from = Status.PENDING, None, None
            changed.append(story)
        if (story.audience == Audience.PUBLIC and story.status == Status.PUBLISHED
                and story.visible_from <= now and rng.random() < 0.7):
            decided = min(now - timedelta(hours=1),
                          s.between(story.visible_from, min_hours=4, max_hours=96))
            if s.approve(story, decided, public_page=True):
                story.public_approved_at = decided
                changed.append(story)
    Story.objects.bulk_update(changed, ["status", "published_at", "visible_from",
                                        "public_approved_at"])
    # The history was announced when it went live; only the embargo still ahead waits
    # for `release_stories`.
    Story.objects.filter(pk__in=[story.pk for story, _ in made], status=Status.PUBLISHED,
                         visible_from__lte=now).update(announced_at=F("visible_from"))
    return made


def _persona_stories(s: CommunitySeeder, member: User, tags: dict[str, Tag]):
    """The member persona's own stories, through the services: two published (dated back
    afterwards), an anonymous one waiting for a moderator and a draft."""
    made = []
    for days_ago, audience in ((40, Audience.ORGANISATION), (12, Audience.NETWORK)):
        life = s.life_of(member, anonymous=False)
        written = s.write_story(life, anonymous=False)
        story = story_create(actor=member, submit=True, audience=audience,
                             tags=[t.slug for t in s.tags_for(written, tags)], **written.fields)
        published = s.now - timedelta(days=days_ago)
        Story.objects.filter(pk=story.pk).update(created_at=published - timedelta(hours=2),
                                                 published_at=published, visible_from=published)
        story.refresh_from_db()
        made.append((story, written))
    written = s.write_story(s.life_of(member, anonymous=True), anonymous=True)
    story_create(actor=member, submit=True, is_anonymous=True,
                 tags=[t.slug for t in s.tags_for(written, tags)], **written.fields)
    written = s.write_story(s.life_of(member, anonymous=False), anonymous=False)
    draft = story_create(actor=member, **written.fields)
    Story.objects.filter(pk=draft.pk).update(created_at=s.now - timedelta(days=2))
    return made


# --- comments and reactions ----------------------------------------------------------------------


def _seed_comments(s: CommunitySeeder, made) -> None:
    """Comments on the visible stories, chosen for each story: lines answering what it
    says, lines for its kind of background and lines that fit any story. Lines that
    use the author's name or ask to meet go on named stories only."""
    rng, now = s.rng, s.now
    tops: list[tuple[StoryComment, Story]] = []
    personal: set[int] = set()
    for story, written in made:
        if not _is_visible(story, now) or rng.random() > 0.52:
            continue
        named = not story.is_anonymous
        background = words.BACKGROUNDS[written.background]
        count = rng.choices([1, 2, 3, 4, 5], weights=[36, 30, 18, 10, 6])[0]
        lines: list[str] = []
        if written.echoes and rng.random() < 0.6:
            lines.append(rng.choice(written.echoes))
        if named and rng.random() < 0.25:
            lines.append(s.deck("comments.named", words.COMMENTS_NAMED).deal()
                         .format(first=_first_name(story.author)))
        while len(lines) < count:
            name, pool = ((f"comments.{written.background}", background.comments)
                          if rng.random() < 0.5 else ("comments.any", words.COMMENTS_ANY))
            line = s.deck(name, pool).deal(lambda c, taken=lines: c not in taken)
            if line is not None:
                lines.append(line)
        rng.shuffle(lines)
        when, next_person = story.visible_from, s.crowd(exclude=[story.author])
        for line in lines:
            when = s.between(when, min_hours=1, max_hours=72)
            person = next_person(when)
            if when > now or person is None:
                break
            if named and rng.random() < 0.08:
                other = rng.choice(s.others(when, exclude=[story.author, person]))
                line = s.deck("comments.mention", words.COMMENTS_MENTION).deal() \
                    .format(handle=_handle(other))
            tops.append((StoryComment(story=story, author=person, body=line,
                                      body_html=_rendered(line), created_at=when), story))
            if "@" in line or _first_name(story.author) in line:
                personal.add(id(tops[-1][0]))  # "Same here" would not answer these
    StoryComment.objects.bulk_create([comment for comment, _ in tops])

    answers: list[tuple[StoryComment, datetime | None]] = []
    thanked: set[int] = set()
    for comment, story in tops:
        when = s.between(comment.created_at, min_hours=0.5, max_hours=48)
        if when > now:
            continue
        if story.pk not in thanked and rng.random() < 0.3:
            # The author answers: anonymously on an anonymous story, as the service does,
            # and then only once a moderator has approved it.
            thanked.add(story.pk)
            body = s.deck("comments.thanks", words.AUTHOR_THANKS).deal()
            approved = s.between(when, min_hours=0.3, max_hours=12) \
                if story.is_anonymous else None
            if approved is not None and approved > now:
                continue
            answers.append((StoryComment(
                story=story, parent=comment, author=story.author, body=body,
                body_html=_rendered(body), is_anonymous=story.is_anonymous,
                created_at=when), approved))
        elif id(comment) not in personal and rng.random() < 0.2:
            body = s.deck("comments.answers", words.COMMENT_ANSWERS).deal()
            person = rng.choice(s.others(when, exclude=[story.author, comment.author]))
            answers.append((StoryComment(story=story, parent=comment, author=person,
                                         body=body, body_html=_rendered(body),
                                         created_at=when), None))
    StoryComment.objects.bulk_create([answer for answer, _ in answers])
    for answer, approved in answers:
        if approved is not None and not s.approve(answer, approved):
            StoryComment.objects.filter(pk=answer.pk).update(status=Status.PENDING)


def _seed_reactions(s: CommunitySeeder, stories: list[Story]) -> None:
    rng, now = s.rng, s.now
    kinds = list(ReactionKind.objects.filter(is_active=True))
    reactions = []
    for story in stories:
        if not _is_visible(story, now):
            continue
        for reactor in rng.sample(s.people, min(len(s.people), int(rng.paretovariate(1.6)) * 2)):
            if reactor.pk == story.author_id:  # nobody reacts to their own story
                continue
            when = min(now, s.between(story.visible_from, min_hours=0.2, max_hours=240))
            reactions.append(Reaction(story=story, user=reactor, kind=rng.choice(kinds),
                                      created_at=when))
    Reaction.objects.bulk_create(reactions, ignore_conflicts=True)


def _refresh_story_counts(stories: list[Story]) -> None:
    reactions = Counter(Reaction.objects.values_list("story_id", flat=True))
    comments = Counter(StoryComment.objects.filter(status=Status.PUBLISHED, hidden_at=None)
                       .values_list("story_id", flat=True))
    for story in stories:
        story.reaction_count = reactions[story.pk]
        story.comment_count = comments[story.pk]
    Story.objects.bulk_update(stories, ["reaction_count", "comment_count"])


# --- discussions --------------------------------------------------------------------------------


@dataclass
class _Planned:
    category: str
    title: str
    body: str
    kind: str
    replies: list[str]
    offers: list[str]
    follow_up: str
    anonymous: float


def _planned_threads(rng: random.Random) -> list[_Planned]:
    planned = [_Planned(t.category, t.title, t.body, t.kind, list(t.replies), list(t.offers),
                        t.follow_up, t.anonymous) for t in words.THREADS]
    for family in words.THREAD_FAMILIES:
        pool = list(family.replies)
        deck = Deck(rng, range(len(pool)))
        for value in family.values:
            start, _, end = value.partition("|")
            values = Values(value=value, **{"from": start, "to": end or start})
            chosen = sorted({deck.deal() for _ in range(rng.randint(4, 6))})
            planned.append(_Planned(
                family.category, fill(family.title, values), fill(family.body, values),
                family.kind, [fill(pool[i], values) for i in chosen],
                [fill(o, values) for o in family.offers], "", family.anonymous))
    rng.shuffle(planned)
    return planned


def _seed_threads(s: CommunitySeeder) -> list[Thread]:
    """The discussions, each with replies written for it. An anonymous discussion is
    approved by a moderator before anyone answers; its author answers anonymously."""
    rng, now = s.rng, s.now
    categories = {c.slug: c for c in Category.objects.all()}
    lead = s.persona.get("lead")
    threads: list[Thread] = []
    posts: list[list[Reply]] = []
    approvals: list[datetime | None] = []
    for plan in _planned_threads(rng):
        category = categories[plan.category]
        anonymous = category.allow_anonymous and rng.random() < plan.anonymous
        created = s.days_ago(1, 400)
        if plan.category == "events-and-volunteering" and lead and rng.random() < 0.4:
            author = lead
        else:
            author = rng.choice(s.others(created))
        threads.append(Thread(
            category=category, author=author, title=plan.title, body=plan.body,
            body_html=_rendered(plan.body), kind=plan.kind, is_anonymous=anonymous,
            created_at=created, last_activity_at=created))
        approved = s.between(created, min_hours=0.5, max_hours=20) if anonymous else None
        approvals.append(approved)
        # (text, may be anonymous): offers to meet and @mentions carry a name.
        lines = [(plan.replies[0], True)] + [(r, True) for r in plan.replies[1:]
                                              if rng.random() < 0.85]
        if not anonymous and plan.offers and rng.random() < 0.6:
            lines.insert(rng.randint(1, len(lines)), (rng.choice(plan.offers), False))
        if rng.random() < 0.3:
            lines.insert(rng.randint(0, len(lines)),
                         (s.deck("replies.any", words.REPLIES_ANY).deal(), True))
        if not anonymous and rng.random() < 0.06:
            line = s.deck("replies.mention", words.REPLIES_MENTION).deal()
            lines.insert(rng.randint(0, len(lines)), (line, False))
        replies: list[Reply] = []
        when, next_person = approved or created, s.crowd(exclude=[author])
        for line, may_be_anonymous in lines:
            when = s.between(when, min_hours=1, max_hours=96)
            person = next_person(when)
            if approved is not None and approved > now or when > now or person is None:
                break
            if "{handle}" in line:
                other = rng.choice(s.others(when, exclude=[author, person]))
                line = line.format(handle=_handle(other))
            replies.append(Reply(author=person, body=line, created_at=when,
                                 is_anonymous=may_be_anonymous and category.allow_anonymous
                                 and rng.random() < 0.2))
        if plan.follow_up and replies and rng.random() < 0.8:
            when = s.between(when, min_hours=2, max_hours=120)
            if when <= now:
                # The author comes back: anonymously in their own anonymous discussion.
                replies.append(Reply(author=author, body=plan.follow_up, created_at=when,
                                     is_anonymous=anonymous))
        posts.append(replies)
    Thread.objects.bulk_create(threads)

    held: list[tuple[Reply, datetime]] = []
    for thread, replies, approved in zip(threads, posts, approvals, strict=True):
        if approved is not None and (approved > now or not s.approve(thread, approved)):
            thread.status = Status.PENDING
            replies.clear()
        for reply in replies:
            reply.thread = thread
            reply.body_html = _rendered(reply.body)
            if reply.is_anonymous:
                held.append((reply, s.between(reply.created_at, min_hours=0.2, max_hours=8)))
    Reply.objects.bulk_create([reply for replies in posts for reply in replies])
    for reply, approved in held:
        if approved > now or not s.approve(reply, approved):
            reply.status = Status.PENDING
    Reply.objects.bulk_update([reply for reply, _ in held], ["status"])

    subscriptions = []
    for thread, replies in zip(threads, posts, strict=True):
        live = [r for r in replies if r.status == Status.PUBLISHED]
        thread.reply_count = len(live)
        thread.last_activity_at = max([thread.created_at] + [r.created_at for r in live])
        answers = [r for r in live if r.author_id != thread.author_id
                   and r.body not in words.REPLIES_ANY]
        if thread.kind == ThreadKind.QUESTION and answers and rng.random() < 0.65:
            thread.accepted_reply = max(answers, key=lambda r: len(r.body))
        followers = {thread.author_id: thread.created_at}
        for reply in replies:
            followers.setdefault(reply.author_id, reply.created_at)
        subscriptions += [ThreadSubscription(user_id=user_id, thread=thread, created_at=at)
                          for user_id, at in followers.items()]
    Thread.objects.bulk_update(threads, ["status", "reply_count", "last_activity_at",
                                         "accepted_reply"])
    ThreadSubscription.objects.bulk_create(subscriptions, ignore_conflicts=True)
    return threads


# --- what is happening now: through the services ------------------------------------------------


def _seed_moderation_now(s: CommunitySeeder, visible: list[Story],
                         threads: list[Thread]) -> None:
    """Open flags, a held comment, a discussion and a reply waiting for a moderator, and
    a reply a moderator edited — each made by the service a member or moderator uses."""
    rng, now = s.rng, s.now
    moderator = s.persona.get("moderator")
    named_stories = [st for st in visible if not st.is_anonymous]
    for (body, note), story in zip(words.FLAGGED_COMMENTS, rng.sample(named_stories, 2),
                                   strict=True):
        person = rng.choice(s.others(now, exclude=[story.author]))
        comment = StoryComment.objects.create(
            story=story, author=person, body=body, body_html=_rendered(body),
            created_at=now - timedelta(hours=rng.randint(5, 40)))
        reporter = rng.choice(s.others(now, exclude=[story.author, person]))
        flag_create(actor=reporter, post=comment, reason=FlagReason.PERSONAL_DATA, note=note)
    advert = Story.objects.filter(Q(prompt_advice__contains=words.ADVERT_ADVICE)
                                  | Q(body__contains=words.ADVERT_ADVICE)).first()
    if advert is not None and _is_visible(advert, now):
        reporter = rng.choice(s.others(now, exclude=[advert.author]))
        flag_create(actor=reporter, post=advert, reason=FlagReason.OFF_TOPIC,
                    note=words.ADVERT_FLAG_NOTE)
    target = rng.choice([st for st in visible if not st.comments_locked_at])
    comment_create(actor=rng.choice(s.others(now, exclude=[target.author])), story=target,
                   body=words.HELD_COMMENT)

    asking = Category.objects.get(slug="things-i-cant-ask-at-work")
    title, body = words.WAITING_THREAD
    waiting = thread_create(actor=rng.choice(s.writers), category=asking, title=title,
                            body=body, kind=ThreadKind.DISCUSSION, is_anonymous=True)
    Thread.objects.filter(pk=waiting.pk).update(created_at=now - timedelta(hours=3),
                                                last_activity_at=now - timedelta(hours=3))
    live = [t for t in threads if t.category_id == asking.pk
            and t.status == Status.PUBLISHED]
    if live:
        thread = rng.choice(live)
        reply_create(actor=rng.choice(s.others(now, exclude=[thread.author])), thread=thread,
                     body=words.WAITING_REPLY, is_anonymous=True)

    # A named reply that gave a phone number, edited by a moderator: the old words are in
    # its earlier versions (author and moderators only), the reason is on the post.
    if moderator is not None:
        named = (Reply.objects.filter(status=Status.PUBLISHED, is_anonymous=False,
                                      thread__status=Status.PUBLISHED,
                                      thread__is_anonymous=False)
                 .exclude(author=moderator).order_by("pk"))
        reply = named.filter(body__icontains="happy to").first() or named.first()
        if reply is not None:
            original = reply.body
            reply.body = original + words.PHONE_REPLY_TAIL
            reply.body_html = _rendered(reply.body)
            reply.save(update_fields=["body", "body_html"])
            post_edit(actor=moderator, post=reply, reason=words.PHONE_EDIT_REASON,
                      body=original)


def _persona_inbox(s: CommunitySeeder, member: User, own: list[Story], visible: list[Story],
                   threads: list[Thread]) -> None:
    """Bookmarks, a followed category and notifications for the member persona, each
    about something that is really there."""
    rng, now = s.rng, s.now
    others = [st for st in visible if st.author_id != member.pk]
    for story in rng.sample(others, 3):
        Bookmark.objects.get_or_create(user=member, story=story)
    careers = Category.objects.get(slug=slugify("Careers and progression"))
    CategorySubscription.objects.get_or_create(user=member, category=careers)
    notes = []
    if own:
        story = own[-1]
        commenter = rng.choice(s.others(now, exclude=[member]))
        comment = StoryComment.objects.create(
            story=story, author=commenter, body=words.PERSONA_COMMENT,
            body_html=_rendered(words.PERSONA_COMMENT), created_at=now - timedelta(hours=20))
        notes.append((NotificationKind.REPLY, commenter,
                      f"{commenter.display_name} commented on your story “{story.title}”",
                      f"/community/stories/{story.pk}/#comment-{comment.pk}", comment.created_at))
    events = [t for t in threads if t.status == Status.PUBLISHED and not t.is_anonymous
              and t.category.slug == "events-and-volunteering"]
    if events:
        thread = max(events, key=lambda t: t.created_at)
        author = rng.choice(s.others(now, exclude=[member, thread.author]))
        body = words.PERSONA_MENTION.format(handle=_handle(member), first=_first_name(member))
        at = max(thread.last_activity_at, now - timedelta(hours=6)) + timedelta(minutes=5)
        reply = Reply.objects.create(thread=thread, author=author, body=body,
                                     body_html=_rendered(body), created_at=at)
        Thread.objects.filter(pk=thread.pk).update(reply_count=thread.reply_count + 1,
                                                   last_activity_at=at)
        notes.append((NotificationKind.MENTION, author,
                      f"{author.display_name} mentioned you in “{thread.title}”",
                      f"/community/threads/{thread.pk}/#reply-{reply.pk}", at))
    sharer = rng.choice(s.others(now, exclude=[member]))
    shared = next(st for st in others if st.author_id != sharer.pk)
    notes.append((NotificationKind.SHARE, sharer,
                  f"{sharer.display_name} shared “{shared.title}” with you",
                  f"/community/stories/{shared.pk}/", now - timedelta(hours=15)))
    started = [t for t in threads if t.category_id == careers.pk and not t.is_anonymous
               and t.status == Status.PUBLISHED and t.author_id != member.pk]
    if started:
        thread = max(started, key=lambda t: t.created_at)
        notes.append((NotificationKind.ACTIVITY, thread.author,
                      f"{public_name(thread)} started “{thread.title}” in {careers.name}",
                      f"/community/threads/{thread.pk}/", thread.created_at))
    asker = rng.choice(s.others(now, exclude=[member]))
    asked = ConversationRequest.objects.create(
        sender=asker, recipient=member, created_at=now - timedelta(hours=9),
        message="I'm thinking about the evening degree you did. Could we have a coffee and "
                "talk about how you fitted it around work?")
    notes.append((NotificationKind.CONVERSATION, asker,
                  f"{asker.display_name} asked you for a conversation: “{asked.message}”",
                  f"/community/conversations/{asked.pk}/", asked.created_at))
    for kind, sender, text, url, at in notes:
        Notification.objects.create(recipient=member, kind=kind, sender=sender,
                                    text=text[:300], url=url, created_at=at)


# --- the whole community ------------------------------------------------------------------------


def seed_community(*, seed: int = 2026, stories: int = 260) -> dict[str, int]:
    """Create the demo community. Deterministic for a given ``seed``."""
    rng = random.Random(seed)
    now = timezone.now()
    ensure_defaults()
    s = CommunitySeeder(rng, now)
    tags = {t.name: t for t in Tag.objects.filter(is_active=True)}
    moderator = s.persona.get("moderator")
    for phrase, action in WATCHED:
        if moderator is not None and not WatchedWord.objects.filter(phrase=phrase).exists():
            watched_word_add(actor=moderator, phrase=phrase, action=action)

    made = _seed_stories(s, stories, tags)
    member = s.persona.get("member")
    own = _persona_stories(s, member, tags) if member is not None else []
    made += own
    s.save_approvals()
    all_stories = [story for story, _ in made]
    _seed_comments(s, made)
    _seed_reactions(s, all_stories)
    threads = _seed_threads(s)
    s.save_approvals()
    _refresh_story_counts(all_stories)

    visible = [st for st in all_stories if _is_visible(st, now)]
    lead = s.persona.get("lead")
    if lead is not None:
        best = sorted((st for st in visible if st.author_id != lead.pk),
                      key=lambda st: (-st.reaction_count, st.pk))[:3]
        for story in best:
            story_feature_set(actor=lead, story=story, featured=True)
    _seed_moderation_now(s, visible, threads)
    if member is not None:
        _persona_inbox(s, member, [st for st, _ in own], visible, threads)
    _refresh_story_counts(all_stories)
    reindex_all()
    caching.bump()  # bulk writes send no signals: drop any cached community page
    return {"stories": Story.objects.count(), "threads": Thread.objects.count(),
            "replies": Reply.objects.count(), "comments": StoryComment.objects.count()}
