from django.core.management.base import BaseCommand, CommandError

from chiso.surveys.services.xlsform import XLSFormError, import_xlsform


class Command(BaseCommand):
    help = "Nhập một phiếu khảo sát từ tệp XLSForm (KoboToolbox, ODK), đọc bằng pyxform."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp .xlsx hoặc .xls theo chuẩn XLSForm")
        parser.add_argument("--code", help="mã phiếu (mặc định: form_id trong trang settings hoặc tên tệp)")

    def handle(self, *args, **options):
        try:
            questionnaire = import_xlsform(options["file"], code=options.get("code"))
        except XLSFormError as exc:
            raise CommandError(str(exc))
        # every warning, nothing silently lost: skipped questions, pyxform's own remarks
        for warning in questionnaire.import_warnings:
            self.stderr.write(self.style.WARNING(f"Cảnh báo: {warning}"))
        n = questionnaire.questions().count()
        skipped = questionnaire.questions().filter(kind="skipped").count()
        self.stdout.write(
            f"Đã nhập phiếu “{questionnaire.title}” (mã {questionnaire.code}, id {questionnaire.pk}): {n} câu hỏi"
            + (f", {skipped} câu được giữ nhưng bỏ qua trên phiếu web" if skipped else "")
            + f"; {len(questionnaire.import_warnings)} cảnh báo."
        )
