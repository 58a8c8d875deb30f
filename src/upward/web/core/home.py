"""The signed-in home page: a panel from each app that has something for this person.

Core knows no app. Each app registers its panels from its ``AppConfig.ready()``::

    from upward.web.core.home import HomeItem, HomeLink, HomePanel, home_panel

    @home_panel("community.drafts", order=20)
    def drafts(viewer) -> HomePanel | None:
        if not can_write(viewer):
            return None  # not for this person: no panel at all
        return HomePanel(
            title="Your drafts",
            items=[HomeItem(s.title, reverse("community:story_edit", args=[s.pk]))
                   for s in own_drafts(viewer=viewer)[:5]],
            empty="You have no drafts.",
            actions=[HomeLink("Write a story", reverse("community:story_new"))],
        )

A panel's builder reads through its app's selectors, which decide what the viewer may
see; the page shows only the plain text and links it returns, so no template can show
more. Panels appear by ``order``, then name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from django.utils.text import slugify


@dataclass(frozen=True)
class HomeLink:
    label: str
    url: str


@dataclass(frozen=True)
class HomeItem:
    """One line of a panel: a link, and a line of plain text under it (a date, a count)."""

    label: str
    url: str
    detail: str = ""


@dataclass(frozen=True)
class HomePanel:
    """What one panel shows one person.

    ``summary`` is a sentence above the items (a count, a prompt); ``empty`` is shown
    instead of the items when there are none; ``actions`` are links under them (the
    first is drawn as a button).
    """

    title: str
    items: Sequence[HomeItem] = ()
    empty: str = ""
    summary: str = ""
    actions: Sequence[HomeLink] = ()
    # set by home_panels_for: the panel's name, for the heading's id
    name: str = field(default="", compare=False)

    @property
    def heading_id(self) -> str:
        return "panel-" + slugify(self.name.replace(".", "-"))


PanelBuilder = Callable[[object], HomePanel | None]


@dataclass(frozen=True)
class _Registered:
    name: str
    order: int
    build: PanelBuilder


_PANELS: dict[str, _Registered] = {}


def home_panel(name: str, *, order: int = 100) -> Callable[[PanelBuilder], PanelBuilder]:
    """Register ``build(viewer) -> HomePanel | None`` as the home panel ``name``
    ("app.panel"). Registering a name again replaces the panel (modules may be
    imported again, e.g. by ``ready()`` in tests)."""
    if not name or "." not in name:
        raise ValueError(f"A home panel's name is 'app.panel', not {name!r}.")

    def register(build: PanelBuilder) -> PanelBuilder:
        _PANELS[name] = _Registered(name, order, build)
        return build

    return register


def registered_panels() -> list[str]:
    """The names of the registered panels, in the order the page shows them."""
    return [panel.name for panel in sorted(_PANELS.values(), key=lambda p: (p.order, p.name))]


def home_panels_for(*, viewer) -> list[HomePanel]:
    """The panels ``viewer`` gets, in order (a builder returning None: none from it)."""
    panels = []
    for name in registered_panels():
        panel = _PANELS[name].build(viewer)
        if panel is not None:
            panels.append(replace(panel, name=name))
    return panels
