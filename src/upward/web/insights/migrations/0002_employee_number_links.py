"""Employee-number links: a status for each claim, one confirmed link per number, a
ledger token per response, and each snapshot's employee ids with their work emails.

Numbers given before this migration were never confirmed: they become pending
claims, counted again once HR's records or an administrator confirm them.
"""

import io

import pyarrow as pa
import pyarrow.parquet as pq
from django.conf import settings
from django.db import migrations, models

import upward.web.insights.models


def forwards(apps, schema_editor):
    SurveyResponse = apps.get_model("insights", "SurveyResponse")
    SnapshotData = apps.get_model("insights", "SnapshotData")
    new_token = upward.web.insights.models.new_ledger_token
    for response in SurveyResponse.objects.only("pk", "employee_id", "updated_at").iterator():
        fields = {"ledger_token": new_token()}
        if response.employee_id:
            fields.update(link_status="pending", link_claimed_at=response.updated_at)
        SurveyResponse.objects.filter(pk=response.pk).update(**fields)
    for pk in SnapshotData.objects.values_list("pk", flat=True):
        data = SnapshotData.objects.only("parquet").get(pk=pk).parquet
        ids = pq.read_table(io.BytesIO(bytes(data)), columns=["employee_id"]).column(0)
        sink = io.BytesIO()
        pq.write_table(pa.table({"employee_id": ids,
                                 "work_email": pa.nulls(len(ids), pa.string())}),
                       sink, compression="zstd")
        SnapshotData.objects.filter(pk=pk).update(employee_emails=sink.getvalue())


class Migration(migrations.Migration):

    dependencies = [
        ("insights", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="snapshotdata",
            name="employee_emails",
            field=models.BinaryField(default=b""),
        ),
        migrations.AddField(
            model_name="surveyresponse",
            name="ledger_token",
            field=models.BigIntegerField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name="surveyresponse",
            name="link_claimed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="surveyresponse",
            name="link_decided_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="surveyresponse",
            name="link_method",
            field=models.CharField(blank=True, choices=[("", "Not confirmed"), ("hr_email", "Confirmed from HR records"), ("administrator", "Confirmed by an administrator")], default="", max_length=16),
        ),
        migrations.AddField(
            model_name="surveyresponse",
            name="link_reason",
            field=models.CharField(blank=True, help_text="Why an administrator did not accept the link; the person sees it.", max_length=200),
        ),
        migrations.AddField(
            model_name="surveyresponse",
            name="link_status",
            field=models.CharField(blank=True, choices=[("", "No employee number given"), ("pending", "Waiting for an administrator to confirm"), ("confirmed", "Confirmed"), ("rejected", "Not accepted")], default="", max_length=10),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="surveyresponse",
            name="ledger_token",
            field=models.BigIntegerField(default=upward.web.insights.models.new_ledger_token, editable=False),
        ),
        migrations.AddConstraint(
            model_name="surveyresponse",
            constraint=models.UniqueConstraint(condition=models.Q(("link_status", "confirmed")), fields=("employee_id",), name="one_confirmed_link_per_employee_number", violation_error_message="This employee number is already confirmed for another account."),
        ),
        migrations.AddConstraint(
            model_name="surveyresponse",
            constraint=models.CheckConstraint(condition=models.Q(models.Q(("employee_id", ""), ("link_status", "")), models.Q(models.Q(("employee_id", ""), _negated=True), models.Q(("link_status", ""), _negated=True)), _connector="OR"), name="link_status_with_employee_number"),
        ),
        migrations.AddConstraint(
            model_name="surveyresponse",
            constraint=models.CheckConstraint(condition=models.Q(models.Q(("link_method__in", ["hr_email", "administrator"]), ("link_status", "confirmed")), models.Q(models.Q(("link_status", "confirmed"), _negated=True), ("link_method", "")), _connector="OR"), name="confirmed_links_say_how"),
        ),
        migrations.AddConstraint(
            model_name="surveyresponse",
            constraint=models.CheckConstraint(condition=models.Q(models.Q(("link_status", "rejected"), models.Q(("link_reason", ""), _negated=True)), models.Q(models.Q(("link_status", "rejected"), _negated=True), ("link_reason", "")), _connector="OR"), name="rejected_links_say_why"),
        ),
        migrations.AddConstraint(
            model_name="surveyresponse",
            constraint=models.CheckConstraint(condition=models.Q(("ledger_token__gt", 0)), name="ledger_token_positive"),
        ),
    ]
