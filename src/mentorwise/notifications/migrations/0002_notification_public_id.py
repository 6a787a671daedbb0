from django.db import migrations, models

import mentorwise.core.ids
import mentorwise.core.models


def fill_public_ids(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    for notice in Notification.objects.filter(public_id__isnull=True).only("pk"):
        notice.public_id = mentorwise.core.ids.new_public_id()
        notice.save(update_fields=["public_id"])


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="public_id",
            field=models.CharField(max_length=16, null=True, editable=False),
        ),
        migrations.RunPython(fill_public_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="notification",
            name="public_id",
            field=mentorwise.core.models.PublicIdField(
                default=mentorwise.core.ids.new_public_id,
                editable=False,
                max_length=16,
                unique=True,
            ),
        ),
    ]
