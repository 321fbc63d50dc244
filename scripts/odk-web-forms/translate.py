"""Puts ODK Web Forms' own interface words into Vietnamese in the vendored build.

Web Forms 0.22 has no translation hook for its interface (labels, hints and constraint messages are
the form's own, in the form's languages). The few words a respondent sees are replaced here, each
exactly where it is expected: the script fails if the published build changed, so an upgrade is
checked by hand instead of silently showing English again.

    python scripts/odk-web-forms/translate.py chiso/surveys/static/surveys/odk
"""

import sys
from pathlib import Path

WORDS = [
    ('label: "Send"', 'label: "Gửi phiếu"'),
    ('"Powered by"', '"Chạy bằng"'),
    ('"Condition not satisfied: constraint"', '"Câu trả lời chưa thỏa điều kiện của câu hỏi."'),
    ('"Condition not satisfied: required"', '"Vui lòng trả lời câu hỏi này."'),
    ("`${QA} questions with errors.`", "`Còn ${QA} câu cần sửa.`"),
    ('"1 question with error."', '"Còn 1 câu cần sửa."'),
    ('createTextVNode(" Add ", -1)', 'createTextVNode(" Thêm ", -1)'),
    ('"Change language"', '"Đổi ngôn ngữ"'),
    ('"An error occurred while loading this form"', '"Không tải được biểu mẫu"'),
]


def main(folder):
    (bundle,) = sorted(Path(folder).glob("index-*.js"))
    text = bundle.read_text(encoding="utf-8")
    for english, vietnamese in WORDS:
        if text.count(vietnamese) == 1 and english not in text:
            continue  # already translated
        count = text.count(english)
        if count != 1:
            sys.exit(f"{bundle.name}: expected “{english}” once, found {count}; check the new build by hand")
        text = text.replace(english, vietnamese)
    bundle.write_text(text, encoding="utf-8")
    print(f"{bundle.name}: {len(WORDS)} interface texts in Vietnamese")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "chiso/surveys/static/surveys/odk")
