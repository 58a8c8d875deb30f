"""API tokens get a scope: read (the default for new tokens) or write.

Tokens made before scopes existed could do everything, and scripts rely on
that: they become write tokens, so nobody's script silently breaks. Their
owners can replace them with read tokens.
"""

from django.db import migrations, models

CHOICES = [("read", "Read only"), ("write", "Read and write")]


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0002_sign_in_throttling_by_django_axes"),
    ]

    operations = [
        # Existing rows are filled with the default given here: write.
        migrations.AddField(
            model_name="accesstoken",
            name="scope",
            field=models.CharField(choices=CHOICES, default="write", max_length=8),
        ),
        # New tokens are read-only unless asked otherwise.
        migrations.AlterField(
            model_name="accesstoken",
            name="scope",
            field=models.CharField(choices=CHOICES, default="read", max_length=8),
        ),
    ]
