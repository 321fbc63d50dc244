"""Reading, checking and storing one answer sheet (shared by the web form and the paper import).

Answers are stored flat as {code: value}: single → "value", multiple → ["v", ...], scale → 1..5,
matrix → one entry per row code (1..5), number → float, text → str.
"""

from ..models import MATRIX, MULTIPLE, NUMBER, SCALE, SINGLE, SKIPPED, TEXT


def is_relevant(question, answers):
    rule = question.relevant or {}
    if not rule:
        return True
    given = answers.get(rule.get("q"))
    op, value = rule.get("op", "eq"), rule.get("value")
    if op == "eq":
        return given is not None and str(given) == str(value)
    if op == "ne":
        return given is None or str(given) != str(value)
    if op == "in":
        return given is not None and str(given) in {str(v) for v in value}
    if op == "selected":
        return isinstance(given, list) and str(value) in given
    if op in ("gte", "lte"):
        try:
            number = float(given)
        except (TypeError, ValueError):
            return False
        return number >= float(value) if op == "gte" else number <= float(value)
    return True


def _scale_value(raw, size):
    try:
        number = int(str(raw).strip().split(" ")[0].split(".")[0])
    except ValueError:
        return None
    return number if 1 <= number <= size else None


def clean(questions, raw):
    """raw: code -> str or list of str (from a form or a spreadsheet row).

    Returns (answers, errors) with errors as {code: message}. Questions hidden by skip logic are
    dropped so a stray value cannot count.
    """
    answers, errors = {}, {}
    for question in questions:
        if question.kind == SKIPPED or question.repeat:
            continue  # never asked on the web; repeats come only from an XForm instance
        if not is_relevant(question, answers):
            continue
        code = question.code
        if question.kind == MATRIX:
            size = len(question.choices) or 5
            missing = []
            for row in question.rows:
                value = raw.get(row["code"])
                value = value[0] if isinstance(value, list) and value else value
                if value in (None, ""):
                    missing.append(row["label"])
                    continue
                number = _scale_value(value, size)
                if number is None:
                    errors[row["code"]] = f"Giá trị '{value}' không thuộc thang 1–{size}."
                else:
                    answers[row["code"]] = number
            if question.required and missing:
                errors[code] = "Vui lòng đánh giá đủ các ý: " + "; ".join(missing)
            continue
        value = raw.get(code)
        if question.kind == MULTIPLE:
            values = (
                value
                if isinstance(value, list)
                else ([v.strip() for v in str(value).split(",")] if value not in (None, "") else [])
            )
            values = [v for v in values if v]
            allowed = {c["value"] for c in question.choices}
            wrong = [v for v in values if v not in allowed]
            if wrong:
                errors[code] = f"Lựa chọn không hợp lệ: {', '.join(wrong)}."
            elif values:
                answers[code] = values
            elif question.required:
                errors[code] = "Vui lòng chọn ít nhất một phương án."
            continue
        value = value[0] if isinstance(value, list) and value else value
        value = "" if value is None else str(value).strip()
        if value == "":
            if question.required:
                errors[code] = "Vui lòng trả lời câu hỏi này."
            continue
        if question.kind == SINGLE:
            if value not in {c["value"] for c in question.choices}:
                errors[code] = f"Phương án '{value}' không có trong danh sách."
            else:
                answers[code] = value
        elif question.kind == SCALE:
            number = _scale_value(value, len(question.choices) or 5)
            if number is None:
                errors[code] = f"Giá trị '{value}' không thuộc thang 1–{len(question.choices) or 5}."
            else:
                answers[code] = number
        elif question.kind == NUMBER:
            try:
                number = float(value.replace(",", "."))
            except ValueError:
                errors[code] = f"'{value}' không phải là số."
                continue
            if (
                question.min_value is not None
                and number < question.min_value
                or question.max_value is not None
                and number > question.max_value
            ):
                low = "" if question.min_value is None else f"{question.min_value:g}"
                high = "" if question.max_value is None else f"{question.max_value:g}"
                errors[code] = f"Giá trị phải nằm trong khoảng {low} – {high}."
            else:
                answers[code] = number
        elif question.kind == TEXT:
            answers[code] = value[:4000]
    return answers, errors
