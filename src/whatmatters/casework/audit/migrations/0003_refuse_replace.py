from django.db import migrations

from whatmatters.casework.audit import triggers


class Migration(migrations.Migration):
    """Adds the trigger that refuses REPLACE INTO (SQLite) to databases made before it."""

    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: triggers.install(schema_editor.connection),
            migrations.RunPython.noop,
        )
    ]
