"""A GIN index for full-text search of profiles on PostgreSQL (other databases skip it).

The expression matches what `SearchVector("search_document", config="simple")` generates, so
PostgreSQL uses the index for the mentor search.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS profile_search_document_gin ON profiles_profile "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_document, '')))"
)
DROP = "DROP INDEX IF EXISTS profile_search_document_gin"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("profiles", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
