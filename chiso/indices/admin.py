from django.contrib import admin

from .models import (
    Component,
    ImportBatch,
    Index,
    Methodology,
    Province,
    Responsibility,
    Result,
    TaskComponent,
)


class ComponentInline(admin.TabularInline):
    model = Component
    extra = 0
    fields = (
        "code",
        "name",
        "parent",
        "level",
        "position",
        "max_points",
        "scale",
        "weight",
        "grain",
        "confirmed",
        "note",
    )


@admin.register(Methodology)
class MethodologyAdmin(admin.ModelAdmin):
    list_display = ("code", "index", "year_from", "year_to", "legal_basis", "confirmed")
    list_filter = ("index", "confirmed")
    inlines = [ComponentInline]


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    list_display = ("index", "year", "province", "component_code", "score", "rank", "tier", "official")
    list_filter = ("index", "year", "official")
    search_fields = ("province__name",)


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "code",
        "region",
        "valid_from",
        "valid_to",
        "successor",
        "merger_confirmed",
        "agency",
    )
    list_filter = ("region", "merger_confirmed")


@admin.register(Responsibility)
class ResponsibilityAdmin(admin.ModelAdmin):
    list_display = ("index", "component_code", "year_from", "year_to", "lead")
    filter_horizontal = ("supporting",)


admin.site.register(Index)
admin.site.register(ImportBatch)
admin.site.register(TaskComponent)
