"""Stored explanations gain each part's criterion key: ``[label, points]`` becomes
``[key, label, points]``, so what only the mentee may see is filtered by key.

The labels are upward.matching's criterion labels as they were when these rows were
written (copied here: a migration must not change when the library does). A part whose
criterion cannot be told from its label (the old folded "Preferences only the mentee
sees") stays ``[label, points]``: a part without a key is shown to the mentee only.
"""

from django.db import migrations

LABELS = {
    "Same goal": "goals",
    "Skills overlap": "skills",
    "Lived experience": "lived_experience",
    "Ask me about": "topics",
    "Mentor from the function asked for": "function",
    "Same location": "location",
    "Shared availability": "availability",
    "Seniority gap": "grade_gap",
    "Bookmarked by the mentee": "bookmarked",
}


def _key(label: str) -> str | None:
    head = label.split(": ", 1)[0]
    if head in LABELS:
        return LABELS[head]
    if label.startswith("Same answer to "):
        return "answers:"
    return None


def _keyed(explanation):
    out = []
    for part in explanation or []:
        if len(part) == 2:
            key = _key(str(part[0]))
            part = [key, *part] if key else list(part)
        out.append(list(part))
    return out


def forwards(apps, schema_editor):
    for name in ("ProposedMatch", "Pair"):
        model = apps.get_model("mentoring", name)
        for row in model.objects.exclude(explanation=[]).only("pk", "explanation"):
            keyed = _keyed(row.explanation)
            if keyed != row.explanation:
                model.objects.filter(pk=row.pk).update(explanation=keyed)


def backwards(apps, schema_editor):
    for name in ("ProposedMatch", "Pair"):
        model = apps.get_model("mentoring", name)
        for row in model.objects.exclude(explanation=[]).only("pk", "explanation"):
            model.objects.filter(pk=row.pk).update(
                explanation=[list(part[-2:]) for part in row.explanation])


class Migration(migrations.Migration):

    dependencies = [
        ("mentoring", "0003_erasure_pair_sides_kept"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
