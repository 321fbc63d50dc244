from django.core.management.base import BaseCommand, CommandError

from chiso.surveys.services.xlsform import XLSFormError, import_xlsform


class Command(BaseCommand):
    help = "Nhập một phiếu khảo sát từ tệp XLSForm (KoboToolbox, ODK)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp .xlsx theo chuẩn XLSForm")
        parser.add_argument("--code", help="mã phiếu (mặc định: form_id trong trang settings hoặc tên tệp)")

    def handle(self, *args, **options):
        try:
            questionnaire = import_xlsform(options["file"], code=options.get("code"))
        except XLSFormError as exc:
            raise CommandError(str(exc))
        n = sum(s.questions.count() for s in questionnaire.sections.all())
        self.stdout.write(
            f"Đã nhập phiếu “{questionnaire.title}” (mã {questionnaire.code}, id {questionnaire.pk}): {n} câu hỏi."
        )
