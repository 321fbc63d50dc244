"""An XForm instance submitted by the engine → the flat answers our results use, repeats kept.

The engine (ODK Web Forms) has already applied the form's logic: non-relevant nodes are sent
empty, constraints and required answers were checked before it let the respondent send. Here we
check what the server can check without re-running XPath: the document is the form's own instance,
values have the declared shape (numbers, listed choices), and skipped questions stay empty.

Flat answers: {code: value} as for our own questionnaires (single → "v", multiple → ["a", "b"],
scale → 1..5, number → float, text → str); a repeat is stored under its name as a list of such
dicts, one per repetition, nested repeats inside.
"""

from lxml import etree

from ..models import MULTIPLE, NUMBER, SCALE, SINGLE, SKIPPED

MAX_BYTES = 2 * 1024 * 1024


class InstanceError(Exception):
    pass


def _parser():
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


def _local(tag):
    return tag.split("}", 1)[-1] if isinstance(tag, str) else ""


def _child_path(node, parts):
    """The element at relative path `parts` (namespace-blind, first match)."""
    for part in parts:
        node = next((c for c in node if _local(c.tag) == part), None)
        if node is None:
            return None
    return node


def _children_at(node, parts):
    """Every element matching relative path `parts` (repeats: one per repetition)."""
    found = [node]
    for part in parts:
        found = [c for n in found for c in n if _local(c.tag) == part]
    return found


def _value(question, text, where):
    text = (text or "").strip()
    if text == "":
        return None
    if question.kind == SKIPPED:
        return None  # never asked on the web: whatever arrives is not the respondent's answer
    allowed = {c["value"] for c in question.choices or []}
    if question.kind == MULTIPLE:
        values = text.split()
        wrong = [v for v in values if allowed and v not in allowed]
        if wrong:
            raise InstanceError(f"{where}: lựa chọn không có trong danh sách: {', '.join(wrong)}.")
        return values
    if question.kind in (SINGLE, SCALE):
        if allowed and text not in allowed:
            raise InstanceError(f"{where}: phương án “{text}” không có trong danh sách.")
        return int(text) if question.kind == SCALE else text
    if question.kind == NUMBER:
        try:
            number = float(text)
        except ValueError:
            raise InstanceError(f"{where}: “{text}” không phải là số.")
        if number != number or number in (float("inf"), float("-inf")):
            raise InstanceError(f"{where}: “{text}” không phải là số.")
        return number
    return text[:4000]


def read(questionnaire, xml):
    """(answers, instance text) from a submitted instance, or raises InstanceError."""
    if isinstance(xml, str):
        xml = xml.encode("utf-8")
    if len(xml) > MAX_BYTES:
        raise InstanceError("Phiếu gửi lên quá lớn.")
    try:
        root = etree.fromstring(xml, _parser())
    except etree.XMLSyntaxError:
        raise InstanceError("Phiếu gửi lên không phải XML hợp lệ.")
    if root.getroottree().docinfo.doctype:  # an instance never declares a DTD; entities stay unresolved
        raise InstanceError("Phiếu gửi lên không phải XML hợp lệ (có khai báo DOCTYPE).")
    if not questionnaire.xform:
        raise InstanceError("Phiếu này không nhận câu trả lời dạng XForm.")
    questions = [q for q in questionnaire.questions() if q.path]
    root_name = root_of(questionnaire.xform)
    if _local(root.tag) != root_name:
        raise InstanceError("Phiếu gửi lên không thuộc biểu mẫu này.")
    repeats = sorted({q.repeat for q in questions if q.repeat}, key=len)
    answers = _read_level(root, "/" + root_name, "", questions, repeats)
    return answers, etree.tostring(root, encoding="unicode")


def root_of(xform):
    """The name of the form's main instance root (`data` for pyxform's forms)."""
    model = etree.fromstring(xform.encode("utf-8"), _parser())
    for element in model.iter("{http://www.w3.org/2002/xforms}instance"):
        if element.get("id") is None:
            return _local(next(iter(element)).tag)
    raise InstanceError("Biểu mẫu không có instance chính.")


def _parent_repeat(path, repeats):
    owners = [r for r in repeats if r != path and path.startswith(r + "/")]
    return max(owners, key=len) if owners else ""


def _read_level(node, base, repeat, questions, repeats):
    """Answers of the questions directly in `repeat` ('' = the form itself) under `node` at `base`."""
    answers = {}
    for question in questions:
        if question.repeat != repeat:
            continue
        parts = question.path[len(base) + 1 :].split("/")
        found = _child_path(node, parts)
        value = _value(question, found.text if found is not None else "", f"Câu “{question.text[:60]}”")
        if value is not None:
            answers[question.code] = value
    for child in repeats:
        if _parent_repeat(child, repeats) != repeat:
            continue
        items = []
        for element in _children_at(node, child[len(base) + 1 :].split("/")):
            item = _read_level(element, child, child, questions, repeats)
            if item:
                items.append(item)
        if items:
            answers[child.rsplit("/", 1)[-1]] = items
    return answers
