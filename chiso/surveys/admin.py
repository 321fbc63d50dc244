"""Editing questionnaire wording (the built-in items are a paraphrase a clerk may correct)."""

from django.contrib import admin

from .models import Question, Questionnaire, Section


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ("title", "code", "kind", "source")
    inlines = [SectionInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("code", "text", "kind", "required", "element", "section")
    list_filter = ("section__questionnaire", "kind", "element")
    search_fields = ("code", "text")
    ordering = ("section__questionnaire", "section__order", "order")
