import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import mentorwise.core.ids
import mentorwise.core.models


def fill_public_ids(apps, schema_editor):
    RematchRequest = apps.get_model("conversations", "RematchRequest")
    for rematch in RematchRequest.objects.filter(public_id__isnull=True).only("pk"):
        rematch.public_id = mentorwise.core.ids.new_public_id()
        rematch.save(update_fields=["public_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("conversations", "0001_messages_checkins_rematch_requests"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="rematchrequest",
            name="handled_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="rematchrequest",
            name="public_id",
            field=models.CharField(max_length=16, null=True, editable=False),
        ),
        migrations.RunPython(fill_public_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="rematchrequest",
            name="public_id",
            field=mentorwise.core.models.PublicIdField(
                default=mentorwise.core.ids.new_public_id,
                editable=False,
                max_length=16,
                unique=True,
            ),
        ),
    ]
