"""Loading the shipped frameworks into the database, shared by the data migration
(historical models) and :func:`upward.web.impact.services.frameworks.frameworks_load_shipped`.

The rule: a framework or goal missing from the database is created from the shipped
TOML; a goal the organisation has not edited is refreshed from it (so a corrected name
in a later release reaches the organisation); a goal it edited (``edited``) is never
touched. Goals the organisation added, and frameworks of its own, are left alone.
Nothing is invented: an unconfirmed goal arrives with the empty name it ships with.
"""

from __future__ import annotations

from upward.reports.frameworks import load_framework, shipped_frameworks


def load_shipped_into(framework_model, goal_model) -> dict[str, int]:
    """Create or refresh every shipped framework; return counts of what changed."""
    created = refreshed = 0
    for key in shipped_frameworks():
        data = load_framework(key)
        framework, made = framework_model.objects.get_or_create(key=key, defaults={
            "name": data.name, "publisher": data.publisher, "published": data.published,
            "source": data.source, "description": data.description, "shipped": True})
        created += made
        for goal in data.goals:
            fields = {"name": goal.name, "confirmed": goal.confirmed,
                      "description": goal.description, "source": goal.source or data.source}
            row = goal_model.objects.filter(framework=framework, number=goal.number).first()
            if row is None:
                goal_model.objects.create(framework=framework, number=goal.number, **fields)
                created += 1
            elif not row.edited and any(getattr(row, f) != v for f, v in fields.items()):
                for name, value in fields.items():
                    setattr(row, name, value)
                row.save()
                refreshed += 1
    return {"created": created, "refreshed": refreshed}
