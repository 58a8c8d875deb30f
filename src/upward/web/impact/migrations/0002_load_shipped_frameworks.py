"""Load the shipped frameworks (Levelling Up Goals, Employer Index 2017 areas, Gatsby
Benchmarks) so they are there from the start. The same rule as the service
``frameworks_load_shipped``: goals the organisation edited are never overwritten."""

from django.db import migrations


def load(apps, schema_editor):
    from upward.web.impact.shipped import load_shipped_into

    load_shipped_into(apps.get_model("impact", "Framework"), apps.get_model("impact", "Goal"))


class Migration(migrations.Migration):
    dependencies = [("impact", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
