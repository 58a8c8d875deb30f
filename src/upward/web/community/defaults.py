"""The starting vocabulary of a new network: tags, reactions and categories.

Installed by a migration, and again by the demo seed and browser tests after the
database is flushed. Leads change all of it later; this never overwrites.
"""

from __future__ import annotations

from django.utils.text import slugify

TAGS = [
    ("First in family at university", "The first in your family to go to university."),
    ("Free school meals", "You were eligible for free school meals."),
    ("Apprenticeship", "You came in, or moved up, through an apprenticeship."),
    ("Career changer", "You changed career, sector or direction."),
    ("Care experienced", "You spent time in care."),
    ("Grew up outside the UK", "You grew up in another country."),
    ("Left school at 16", "You started work straight from school."),
    ("Returning to work", "You came back after a break: caring, illness, anything."),
    ("Working while studying", "You studied part-time or worked through your studies."),
    ("Regional roots", "You grew up far from the big cities where the jobs were."),
    ("Young carer", "You looked after someone at home when you were young."),
    ("Neurodivergent", "You are neurodivergent and found your own way."),
]
REACTIONS = [("helped", "This helped me"), ("me-too", "Me too"),
             ("thank-you", "Thank you for sharing"), ("inspiring", "Inspiring")]
# (name, description, audience, anonymous posts allowed)
CATEGORIES = [
    ("Getting started", "New here? Say hello and ask anything about the network.",
     "network", False),
    ("Careers and progression", "Promotions, applications, interviews and moving teams.",
     "network", False),
    ("Things I can't ask at work",
     "Questions you would rather not ask with your name on them. Anonymous posts are welcome "
     "here and are read by a moderator first.", "network", True),
    ("Events and volunteering", "School talks, mentoring sign-ups and network events.",
     "organisation", False),
]


def ensure_defaults(apps=None) -> None:
    """Create whatever of the starting vocabulary is missing. ``apps`` is a
    migration's app registry (historical models); omit it to use the real models."""
    if apps is None:
        from upward.web.community.models import Category, ReactionKind, Tag
    else:
        Tag = apps.get_model("community", "Tag")
        ReactionKind = apps.get_model("community", "ReactionKind")
        Category = apps.get_model("community", "Category")
    for position, (name, description) in enumerate(TAGS):
        Tag.objects.get_or_create(slug=slugify(name), defaults={
            "name": name, "description": description, "position": position * 10})
    for position, (key, label) in enumerate(REACTIONS):
        ReactionKind.objects.get_or_create(key=key, defaults={"label": label,
                                                              "position": position * 10})
    for position, (name, description, audience, anonymous) in enumerate(CATEGORIES):
        Category.objects.get_or_create(slug=slugify(name), defaults={
            "name": name, "description": description, "audience": audience,
            "allow_anonymous": anonymous, "position": position * 10})
