"""Demo: the seed notice, the demo province's PAPI results and the last closed SIPAS wave are public."""

from django.db import transaction

from chiso.directives.models import Directive
from chiso.indices.models import Index, Province, Result
from chiso.surveys.models import Wave

from .models import Publication

NOTE = (
    "Tiến độ do các cơ quan, đơn vị báo cáo và Sở Nội vụ xác nhận; "
    "“hoàn thành” là phần việc đã được cơ quan theo dõi chấp nhận kết quả."
)


@transaction.atomic
def load(stdout=None):
    made = 0
    directive = Directive.objects.filter(status=Directive.PUBLISHED).order_by("issued_on", "pk").first()
    if directive is not None:
        _, created = Publication.objects.get_or_create(
            kind=Publication.DIRECTIVE, directive=directive, defaults={"note": NOTE, "position": 1}
        )
        made += created
    index = Index.objects.filter(code="PAPI").first()
    # the demo province: the one whose departments carry out the published directive
    province = (
        Province.objects.filter(agency__children__led_tasks__directive=directive, results__index=index)
        .distinct()
        .first()
        if directive is not None
        else None
    )
    if index is not None and province is not None:
        years = Result.objects.filter(index=index, province=province).values_list("year", flat=True)
        _, created = Publication.objects.get_or_create(
            kind=Publication.INDEX,
            index=index,
            province=province,
            defaults={"year_from": min(years), "year_to": max(years), "position": 2},
        )
        made += created
    wave = Wave.objects.filter(status=Wave.CLOSED, questionnaire__kind="sipas").order_by("-year").first()
    if wave is not None:
        _, created = Publication.objects.get_or_create(
            kind=Publication.SURVEY, wave=wave, defaults={"position": 3}
        )
        made += created
    if stdout:
        stdout.write(f"Công khai: {Publication.objects.filter(active=True).count()} nội dung ({made} mới).")
