from django.contrib import admin

from .models import Publication


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "active", "published_at", "published_by")
    list_filter = ("kind", "active")
    readonly_fields = ("published_at", "published_by")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.published_by = request.user
        super().save_model(request, obj, form, change)
