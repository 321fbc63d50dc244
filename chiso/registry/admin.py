from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Agency, AgencyGroup, CalendarException, RoleGrant, Succession, User


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 1


@admin.register(User)
class ChisoUserAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + (("Cơ quan", {"fields": ("full_name", "title", "agency", "phone")}),)
    list_display = ("username", "full_name", "agency", "is_active")
    list_filter = ("is_active", "role_grants__role")
    search_fields = ("username", "full_name", "email")
    inlines = [RoleGrantInline]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "parent", "valid_from", "valid_to")
    list_filter = ("kind",)
    search_fields = ("name", "code", "search_key")


admin.site.register(Succession)
admin.site.register(AgencyGroup)
admin.site.register(CalendarException)
