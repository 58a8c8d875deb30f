"""Helpers for the programmes tests: a programme, people and their sign-ups, in one call
each (plain functions, so they do not clash with the pairs tests' fixtures)."""

from __future__ import annotations

from upward.web.demo.factories import person
from upward.web.mentoring.services.programmes import programme_create
from upward.web.mentoring.services.signup import signup_save

GRADES = ["AO", "EO", "HEO", "SEO", "G7", "G6"]
FUNCTIONS = ["Finance", "Digital", "Operations", "Policy"]
SKILLS = ["Stakeholder management", "Data analysis", "Writing", "Public speaking"]
LOCATIONS = ["Leeds", "Cardiff", "London"]


def make_programme(lead, **fields):
    values = dict(name="Spring mentoring", description="Find a mentor.", kind="open",
                  grades=GRADES, functions=FUNCTIONS, skills=SKILLS, locations=LOCATIONS,
                  mode="optimal", ideal_grade_gap=2, default_capacity=1, max_capacity=3,
                  allow_requests=True, exclude_line_manager=True)
    values.update(fields)
    return programme_create(actor=lead, **values)


_counter = {"n": 0}


def member(name: str | None = None, roles=("member",)):
    _counter["n"] += 1
    n = _counter["n"]
    name = name or f"Person {n}"
    handle = name.lower().replace(" ", ".")
    return person(roles=list(roles), email=f"{handle}.{n}@northbridge.example",
                  display_name=name)


def sign_up(user, programme, side="mentee", **fields):
    values = dict(side=side, grade="EO" if side == "mentee" else "SEO", function="Finance",
                  wanted_function="", team="", location="Leeds",
                  goals=["First promotion"], skills_offered=[], skills_wanted=[],
                  lived_experience_shown=[], lived_experience_wanted=[], availability=[],
                  answers={}, capacity=1, about="", use_profile=True)
    if side in ("mentor", "both"):
        values["skills_offered"] = ["Stakeholder management"]
    if side in ("mentee", "both"):
        values["skills_wanted"] = ["Stakeholder management"]
    line_manager = fields.pop("line_manager", None)
    avoid = fields.pop("avoid", ())
    values.update(fields)
    return signup_save(actor=user, programme=programme, line_manager=line_manager,
                       avoid=avoid, **values)
