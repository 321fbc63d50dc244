"""chiso index-analysis --index PAPI --year 2021 --province "Bình Thuận" [--json]"""

import json

from django.core.management.base import BaseCommand, CommandError

from chiso.indices.services.analysis import NotFound, analyse


def _fmt(value, digits=3):
    return "–" if value is None else f"{value:.{digits}f}".replace(".", ",")


class Command(BaseCommand):
    help = "Phân tích kết quả chỉ số của một tỉnh trong một năm so với năm trước."

    def add_arguments(self, parser):
        parser.add_argument("--index", required=True)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--province", required=True)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        try:
            result = analyse(opts["index"], opts["year"], opts["province"])
        except NotFound as exc:
            raise CommandError(str(exc))
        if opts["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        prev = result["previous"] or {}
        self.stdout.write(
            f"{result['index']} {result['year']} – {result['province']}: {_fmt(result['score'])} điểm, "
            f"hạng {result['rank'] or '–'} (tính lại {result['computed_rank'] or '–'}/{result['ranked']}), {result['tier']}"
        )
        if prev:
            self.stdout.write(f"Năm {prev['year']}: {_fmt(prev['score'])} điểm, hạng {prev['rank'] or '–'}")
        for c in result["components"]:
            mark = "↓" if c["code"] in result["declined"] else " "
            self.stdout.write(
                f" {mark} {c['code']:<6} {_fmt(c['score']):>7} ({_fmt(c['delta'])}) hạng {c['rank'] or '–'}  {c['name']}"
            )
        for w in result["warnings"]:
            self.stdout.write(f"Lưu ý: {w}")
