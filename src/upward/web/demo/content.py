"""Realistic building blocks for the demo organisation (a fictional UK employer).

No lorem ipsum: every sentence is something a member of a social-mobility
network could plausibly write. The words are data, in
``src/upward/data/demo/organisation.toml``; later features add their own
material there.
"""

from upward.web.demo.data_files import DataFile

_file = DataFile("organisation.toml")
ORGANISATION = _file.text("organisation")
DOMAIN = _file.text("domain")
LOCATIONS = list(_file.texts("locations"))
# Career paths inside the organisation, each from an entry role upwards.
CAREER_PATHS: dict[str, list[str]] = {
    team: list(titles) for team, titles in _file.text_lists("career_paths").items()}
TEAMS = list(CAREER_PATHS)
CURRENT_TITLES = [title for path in CAREER_PATHS.values() for title in path]
# Jobs people held before joining: (job, employer).
EARLIER_JOBS = [(job, employer) for job, employer
                in _file.records("earlier_jobs", ("job", "employer"))]
ORIGINS = list(_file.texts("origins"))
CHALLENGES = list(_file.texts("challenges"))
TURNING_POINTS = list(_file.texts("turning_points"))
NOW = list(_file.texts("now"))
TOPICS = list(_file.texts("topics"))
# "" is someone who gives no pronouns.
PRONOUNS = list(_file.texts("pronouns", allow_empty=True))
_file.done()
