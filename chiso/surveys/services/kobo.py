"""The other way round: a chiso questionnaire as an XLSForm (pyxform and KoboToolbox accept it) and a
wave's answers in KoboToolbox's export conventions, so partners analyse them in their own tools.

Kobo's "XML values and headers" export: one column per question named by its group path
(`group/question`), a select_multiple as the space-separated values plus one 0/1 column per option
(`question/option`), then the submission columns (`_id`, `_uuid`, `_submission_time`, `_index`);
each repeat on its own sheet with `_index`, `_parent_table_name`, `_parent_index`. Our anonymity
holds: `_submission_time` is the day only and `_uuid` the response's random id.
"""

from chiso.core import exports

from ..models import MATRIX, MULTIPLE, NUMBER, SCALE, SINGLE, SKIPPED, TEXT

LANGUAGE = "Tiếng Việt (vi)"
ROOT = "data"


def group_name(section):
    return f"phan_{section.order + 1}"


def relevant_xpath(rule):
    """Our stored skip rule as the XLSForm `relevant` expression it means."""
    if not rule:
        return ""
    q, op, value = f"${{{rule['q']}}}", rule.get("op", "eq"), rule.get("value")
    if op == "eq":
        return f"{q} = '{value}'"
    if op == "ne":
        return f"{q} != '{value}'"
    if op == "in":
        return "(" + " or ".join(f"{q} = '{v}'" for v in value) + ")"
    if op == "selected":
        return f"selected({q}, '{value}')"
    if op in ("gte", "lte"):
        return f"{q} {'>=' if op == 'gte' else '<='} {float(value):g}"
    return ""


def _constraint(question):
    parts = []
    if question.min_value is not None:
        parts.append(f". >= {question.min_value:g}")
    if question.max_value is not None:
        parts.append(f". <= {question.max_value:g}")
    return " and ".join(parts)


def _list_name(lists, choices, hint):
    """One choices list per distinct set of options (the 1–5 scale is shared by every item)."""
    key = tuple((c["value"], c["label"]) for c in choices)
    if key not in lists:
        name = hint
        taken = {n for n, _ in lists.values()}
        n = 2
        while name in taken:
            name = f"{hint}_{n}"
            n += 1
        lists[key] = (name, choices)
    return lists[key][0]


def xlsform(questionnaire):
    """XLSX bytes of the questionnaire as an XLSForm (survey, choices, settings sheets)."""
    survey = [
        [
            "type",
            "name",
            f"label::{LANGUAGE}",
            f"hint::{LANGUAGE}",
            "required",
            "relevant",
            "constraint",
            f"constraint_message::{LANGUAGE}",
            "appearance",
            "element",
        ]
    ]
    lists = {}

    def row(
        kind,
        name,
        label="",
        hint="",
        required=False,
        relevant="",
        constraint="",
        message="",
        appearance="",
        element="",
    ):
        survey.append(
            [
                kind,
                name,
                label,
                hint,
                "yes" if required else "",
                relevant,
                constraint,
                message,
                appearance,
                element,
            ]
        )

    for section in questionnaire.sections.prefetch_related("questions"):
        row("begin_group", group_name(section), section.title, section.description)
        for q in section.questions.all():
            relevant = relevant_xpath(q.relevant)
            if q.kind == MATRIX:
                scale = _list_name(lists, q.choices, "thang_1_5")
                row("begin_group", q.code, q.text, q.hint, relevant=relevant, appearance="field-list")
                for item in q.rows:
                    row(
                        f"select_one {scale}",
                        item["code"],
                        item["label"],
                        required=q.required,
                        appearance="likert",
                        element=item.get("element") or q.element,
                    )
                row("end_group", "")
            elif q.kind in (SINGLE, SCALE, MULTIPLE):
                hint_name = "thang_1_5" if q.kind == SCALE else q.code
                name = _list_name(lists, q.choices, hint_name)
                kind = "select_multiple" if q.kind == MULTIPLE else "select_one"
                row(
                    f"{kind} {name}",
                    q.code,
                    q.text,
                    q.hint,
                    q.required,
                    relevant,
                    appearance="likert" if q.kind == SCALE else "",
                    element=q.element,
                )
            elif q.kind == NUMBER:
                constraint = _constraint(q)
                message = (
                    f"Giá trị phải nằm trong khoảng {q.min_value:g} – {q.max_value:g}."
                    if q.min_value is not None and q.max_value is not None
                    else ""
                )
                row("decimal", q.code, q.text, q.hint, q.required, relevant, constraint, message)
            elif q.kind in (TEXT, SKIPPED):
                row(
                    q.xls_type if q.kind == SKIPPED and q.xls_type else "text",
                    q.code,
                    q.text,
                    q.hint,
                    q.required,
                    relevant,
                )
        row("end_group", "")
    choices = [
        [name, option["value"], option["label"]] for name, options in lists.values() for option in options
    ]
    settings = [
        [
            questionnaire.title,
            questionnaire.code.replace("-", "_"),
            questionnaire.updated_at.strftime("%Y%m%d%H%M"),
            LANGUAGE,
        ]
    ]
    return exports.xlsx(
        exports.Sheet("survey", survey[0], survey[1:]),
        exports.Sheet("choices", ["list_name", "name", f"label::{LANGUAGE}"], choices),
        exports.Sheet("settings", ["form_title", "form_id", "version", "default_language"], settings),
    )


def _columns(questionnaire):
    """[(header, question, option or None)] for the main sheet; {repeat path: [...]} for repeats."""
    main, repeats = [], {}
    for section in questionnaire.sections.prefetch_related("questions"):
        for q in section.questions.all():
            if q.path:
                # an imported XLSForm: Kobo's header is the node's path below the root
                header = q.path.split("/", 2)[2]
                target = repeats.setdefault(q.repeat, []) if q.repeat else main
            else:
                header = f"{group_name(section)}/{q.code}"
                target = main
            if q.kind == MATRIX:
                for item in q.rows:
                    target.append((f"{group_name(section)}/{q.code}/{item['code']}", item["code"], None, q))
                continue
            target.append((header, q.code, None, q))
            if q.kind == MULTIPLE:
                for option in q.choices:
                    target.append((f"{header}/{option['value']}", q.code, option["value"], q))
    return main, repeats


def _cell(answers, code, option, question):
    value = answers.get(code)
    if option is not None:
        return "" if value is None else (1 if option in (value or []) else 0)
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    if question.kind in (NUMBER, SCALE) and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


META = ["co_quan", "kenh", "_id", "_uuid", "_submission_time", "_index"]


def tables(wave, responses):
    """{sheet name: (header, rows)} in Kobo's layout; the first sheet is the main table."""
    questionnaire = wave.questionnaire
    main, repeats = _columns(questionnaire)
    sheets = {"tra_loi": ([h for h, *_ in main] + META, [])}
    repeat_sheets = {}
    for path in repeats:
        name = path.rsplit("/", 1)[-1]
        header = [h for h, *_ in repeats[path]]
        repeat_sheets[path] = name
        sheets[name] = (header + ["_index", "_parent_table_name", "_parent_index", "_submission__uuid"], [])
    for index, response in enumerate(responses, 1):
        answers = response.answers or {}
        line = [_cell(answers, code, option, q) for _, code, option, q in main]
        line += [
            response.agency.code if response.agency else "",
            response.channel,
            index,
            str(response.id),
            response.submitted_on.isoformat(),
            index,
        ]
        sheets["tra_loi"][1].append(line)
        for path, columns in repeats.items():
            name = repeat_sheets[path]
            for item in answers.get(name, []) if isinstance(answers.get(name), list) else []:
                rows = sheets[name][1]
                rows.append(
                    [_cell(item, code, option, q) for _, code, option, q in columns]
                    + [len(rows) + 1, "tra_loi", index, str(response.id)]
                )
    return sheets


def to_csv(wave, responses):
    return exports.csv_bytes(*tables(wave, responses)["tra_loi"])


def to_xlsx(wave, responses):
    return exports.xlsx(
        *[exports.Sheet(name, header, rows) for name, (header, rows) in tables(wave, responses).items()]
    )
