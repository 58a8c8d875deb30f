"""The demo's words are data files: every file loads and passes its checks, and bad data
stops with an error naming the file and the entry."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from upward.web.demo import (
    awards_seed,
    community_content,
    content,
    events_seed,
    mentoring_seed,
    outreach_year,
)
from upward.web.demo.data_files import PLACEHOLDERS, DataFile, DemoDataError, data_file_names


def _text_of(name: str) -> str:
    source = resources.files("upward.data").joinpath("demo")
    for part in name.split("/"):
        source = source.joinpath(part)
    return source.read_text(encoding="utf-8")


def test_every_data_file_is_loaded_and_checked_to_the_end():
    names = data_file_names()
    assert set(names) == {"organisation.toml", "community/lives.toml",
                          "community/backgrounds.toml", "community/sentences.toml",
                          "community/discussions.toml", "community/moderation.toml",
                          "mentoring.toml", "outreach.toml", "awards.toml",
                          "events.toml"}
    # Importing the modules read every file, checking each entry and leaving none unread.
    assert community_content.BACKGROUNDS and content.CAREER_PATHS and mentoring_seed.SKILLS
    assert outreach_year.TITLES
    assert awards_seed.CATEGORIES
    assert events_seed.ONE_OFFS and events_seed.SURVEY_COMMENTS
    assert DataFile.checked >= set(names)


@pytest.mark.parametrize("name", data_file_names())
def test_each_file_is_valid_toml_with_only_known_placeholders(name):
    text = _text_of(name)
    DataFile(name, data=text)  # parses
    for placeholder in re.findall(r"(?<!\{)\{([A-Za-z_]+)\}", text):
        assert placeholder in PLACEHOLDERS, (name, placeholder)


def test_the_loaded_words_have_the_shapes_the_seed_expects():
    assert content.ORGANISATION == "Northbridge Group"
    assert list(content.CAREER_PATHS) == content.TEAMS
    assert all(isinstance(p, tuple) and len(p) == 2 for p in content.EARLIER_JOBS)
    assert "" in content.PRONOUNS  # some people give none
    background = community_content.BACKGROUNDS["free_school_meals"]
    assert background.route == "degree" and background.weight == 2.6
    assert isinstance(background.started[0], tuple)  # a fragment with its echo
    assert any(isinstance(f, str) for f in background.started)
    assert not community_content.BACKGROUNDS["care_experienced"].texture
    assert community_content.THREADS[0].anonymous == 0.7  # the default when not given
    moves = next(f for f in community_content.THREAD_FAMILIES if f.slot == "move")
    assert all(v.count("|") == 1 for v in moves.values)
    assert community_content.WAITING_THREAD[0] == "Feeling strange about money conversations"
    for keys in community_content.BIO_ORIGIN_HINTS.values():
        assert set(keys) <= set(community_content.BACKGROUNDS)


def _error(make) -> str:
    with pytest.raises(DemoDataError) as caught:
        make()
    return str(caught.value)


@pytest.mark.parametrize(("data", "read", "message"), [
    ({"places": ["Hull", 7]}, lambda f: f.texts("places"),
     "demo data file x.toml: places[1]: expected a text, found an integer (7)"),
    ({"places": "Hull"}, lambda f: f.texts("places"),
     "demo data file x.toml: places: expected a list, found a text ('Hull')"),
    ({"places": []}, lambda f: f.texts("places"), "places: is an empty list"),
    ({}, lambda f: f.text("held_comment"), "demo data file x.toml: held_comment: missing"),
    ({"line": "I grew up in {town}."}, lambda f: f.text("line"),
     "line: unknown placeholder {town}; known: Cared, Carer,"),
    ({"line": "A stray { brace"}, lambda f: f.text("line"), "line: has a stray brace"),
    ({"line": "   "}, lambda f: f.text("line"), "line: is empty"),
    ({"jobs": [{"job": "Cleaner"}]}, lambda f: f.records("jobs", ("job", "employer")),
     'jobs[0]: expected { job = "…", employer = "…" }'),
    ({"hard": [{"text": "Hard.", "echo": 3}]}, lambda f: f.fragments("hard"),
     "hard[0].echo: expected a text, found an integer (3)"),
    ({"weight": "heavy"}, lambda f: f.number("weight", low=0.01),
     "weight: expected a number, found a text ('heavy')"),
    ({"anonymous": 1.5}, lambda f: f.number("anonymous", low=0, high=1),
     "anonymous: 1.5 is not between 0 and 1"),
    ({"texture": "no"}, lambda f: f.flag("texture", default=True),
     "texture: expected true or false, found a text ('no')"),
    ({"route": "college"}, lambda f: f.choice("route", ("degree", "work", "any")),
     "route: 'college' is not one of: any, degree, work"),
])
def test_bad_entries_are_named_with_their_file(data, read, message):
    assert message in _error(lambda: read(DataFile("x.toml", data=data)))


def test_a_misspelt_key_is_reported_when_the_file_is_finished():
    f = DataFile("x.toml", data={"places": ["Hull"], "plaecs": ["Wigan"]})
    f.texts("places")
    assert _error(f.done) == ("demo data file x.toml: plaecs: unknown entry (misspelt?); "
                              "expected one of: places")


def test_a_toml_syntax_error_names_the_file_and_line():
    bad = 'places = ["Hull"]\ncarers = my mum\n'
    message = _error(lambda: DataFile("community/lives.toml", data=bad))
    assert message.startswith("demo data file community/lives.toml is not valid TOML:")
    assert "line 2" in message


def test_a_missing_file_is_named():
    assert "demo data file nowhere.toml is missing" in _error(lambda: DataFile("nowhere.toml"))


def test_a_broken_background_in_the_real_file_is_named_by_its_entry():
    text = _text_of("community/backgrounds.toml").replace('route = "degree"', 'route = "uni"', 1)
    routes = DataFile("community/backgrounds.toml", data=text).table("backgrounds")
    message = _error(lambda: community_content._background(routes.table("free_school_meals")))
    assert message == ("demo data file community/backgrounds.toml: "
                       "backgrounds.free_school_meals.route: 'uni' is not one of: any, degree, "
                       "work")


def test_an_unknown_key_inside_a_background_is_named():
    text = _text_of("community/backgrounds.toml").replace("texture = false",
                                                          "textures = false", 1)
    routes = DataFile("community/backgrounds.toml", data=text).table("backgrounds")
    errors = []
    for name in routes.names():
        try:
            community_content._background(routes.table(name))
        except DemoDataError as error:
            errors.append(str(error))
    assert len(errors) == 1 and ".textures: unknown entry (misspelt?)" in errors[0]


def test_a_hint_must_name_a_real_background():
    f = DataFile("community/backgrounds.toml",
                 data={"bio_origin_hints": {"corner shop": ["shopkeeping"]}})
    message = _error(lambda: community_content._hints(f, "bio_origin_hints",
                                                      community_content.BACKGROUNDS))
    assert message.endswith("bio_origin_hints.corner shop[0]: no background called "
                            "'shopkeeping'")


def test_a_title_with_two_needles_is_refused():
    f = DataFile("community/sentences.toml", data={"titles_any": ["a|b|c"]})
    assert "titles_any[0]: a title is" in _error(lambda: community_content._titles(
        f, "titles_any"))
