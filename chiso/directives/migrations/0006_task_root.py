import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_root(apps, schema_editor):
    """Shares and periods of a task of the notice point to it; periods of a share to the share's task."""
    Task = apps.get_model("directives", "Task")
    Task.objects.filter(parent__isnull=False, parent__parent__isnull=True).update(root_id=models.F("parent_id"))
    Task.objects.filter(parent__parent__isnull=False).update(
        root_id=Subquery(Task.objects.filter(pk=OuterRef("parent_id")).values("parent_id")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("directives", "0005_official_settings"),
    ]

    operations = [
        migrations.AddField(
            model_name="task",
            name="root",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="descendants",
                to="directives.task",
            ),
        ),
        migrations.RunPython(fill_root, migrations.RunPython.noop),
    ]
