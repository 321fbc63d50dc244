import json

from django.core.management.base import BaseCommand, CommandError

from chiso.surveys.models import Wave
from chiso.surveys.services import compute


class Command(BaseCommand):
    help = "Kết quả một đợt khảo sát (--wave ID --json) hoặc danh sách các đợt (--list)."

    def add_arguments(self, parser):
        parser.add_argument("--wave", type=int, help="mã (id) đợt khảo sát")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
        parser.add_argument("--list", action="store_true", help="liệt kê các đợt khảo sát và mã")
        parser.add_argument("--unweighted", action="store_true", help="bỏ qua gia quyền")

    def handle(self, *args, **options):
        if options["list"]:
            waves = Wave.objects.select_related("questionnaire").order_by("id")
            if options["json"]:
                self.stdout.write(
                    json.dumps(
                        [
                            {
                                "id": w.pk,
                                "name": w.name,
                                "year": w.year,
                                "kind": w.questionnaire.kind,
                                "status": w.status,
                                "responses": w.responses.count(),
                            }
                            for w in waves
                        ],
                        ensure_ascii=False,
                    )
                )
                return
            for w in waves:
                self.stdout.write(
                    f"{w.pk}\t{w.year}\t{w.get_status_display()}\t{w.responses.count()} phiếu\t{w.name}"
                )
            return
        if not options["wave"]:
            raise CommandError("Cần --wave ID hoặc --list.")
        wave = Wave.objects.filter(pk=options["wave"]).select_related("questionnaire").first()
        if wave is None:
            raise CommandError(
                f"Không có đợt khảo sát mã {options['wave']} (xem: chiso survey-results --list)."
            )
        result = compute.results(wave, weighted=False if options["unweighted"] else None)
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        o = result["overall"]
        self.stdout.write(
            f"{wave.name}: {result['responses']} phiếu; hài lòng chung {o['satisfied_share']}% "
            f"(KTC 95 %: {o['ci_low']}–{o['ci_high']}){' – đã gia quyền' if result['weighted'] else ''}"
        )
        for e in result["elements"]:
            self.stdout.write(
                f"  {e['name']}: {e['satisfied_share']}% ({e['ci_low']}–{e['ci_high']}), n={e['n']}"
            )
        for w in result["warnings"]:
            self.stdout.write(f"  ! {w}")
