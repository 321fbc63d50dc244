"""The outline of a document body: its points as a tree, whatever numbering it uses.

Vietnamese documents number their points with Roman numerals, capital letters, Arabic numbers
("1.", "1.1."), letters ("a)", "a."), bracketed numbers ("(1)", "(i)"), dash and plus bullets, articles
("Điều 3."), and sometimes an unnumbered line holding only an agency's name as a heading. The level
of a style is not fixed: it is the order in which styles open, as in any outline. A style seen again
closes everything opened below it.
"""

import re

from . import addressees as ad

MARK_RE = re.compile(
    r"^(?:(?P<article>Điều\s+(?P<artno>\d{1,3}))\s*[.:]\s*"
    r"|(?P<roman>(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3}))\s*[.)/]\s*"
    r"|(?P<upper>[A-HK-UW-ZĐ])\.\s+"
    r"|(?P<multi>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+"
    r"|(?P<num>\d{1,2})\s*[.)]\s*"
    r"|(?P<letter>[a-zđ])\s*[).]\s+"
    r"|\((?P<proman>i{1,3}|iv|v|vi{1,3}|ix|x)\)\s*"
    r"|\((?P<pnum>\d{1,2})\)\s*"
    r"|(?P<dash>[-–—•●○▪■◦])\s*"
    r"|(?P<plus>\+)\s*)(?=\S)"
)


class Node:
    __slots__ = ("style", "label", "ref", "text", "paras", "children", "unit", "parent", "index", "counts")

    def __init__(self, style, label, ref, text, unit, parent):
        self.style, self.label, self.ref, self.text, self.unit = style, label, ref, text, unit
        self.paras, self.children = [], []
        self.parent = parent
        self.index = 0
        self.counts = {}  # children per style, for their numbers

    def units(self):
        out = [self.unit] if self.unit is not None else []
        return out + self.paras

    def __repr__(self):
        return f"Node({self.ref!r}, {self.text[:30]!r})"


def marker(text):
    """(style, label, rest) of a point's marker, or None."""
    m = MARK_RE.match(text)
    if not m:
        return None
    rest = text[m.end() :].strip()
    g = m.groupdict()
    if g["article"]:
        return ("article",), g["artno"], rest
    if g["roman"]:
        return ("roman",), g["roman"], rest
    if g["upper"]:
        return ("upper",), g["upper"], rest
    if g["multi"]:
        return ("num", g["multi"].count(".") + 1), g["multi"], rest
    if g["num"]:
        return ("num", 1), g["num"], rest
    if g["letter"]:
        return ("letter",), g["letter"], rest
    if g["proman"]:
        return ("proman",), g["proman"], rest
    if g["pnum"]:
        return ("pnum",), g["pnum"], rest
    if g["dash"]:
        return ("dash",), None, rest
    return ("plus",), None, rest


def _ref(parent, style, label, index):
    base = parent.ref if parent is not None and parent.ref else ""
    kind = style[0]
    if kind == "article":
        own = f"Đ{label}"
        return own
    if kind == "dash":
        own = f"-{index}"
    elif kind == "plus":
        own = f"+{index}"
    elif kind == "pnum":
        own = f"({label})"
    elif kind == "num" and style[1] > 1:
        own = label.split(".")[-1]
    else:
        own = label
    return f"{base}.{own}" if base else own


def build(units):
    """The root node of the outline of body units."""
    root = Node(("root",), None, "", "", None, None)
    stack = [root]
    for u in units:
        mk = marker(u.text)
        style = label = None
        if mk is not None:
            style, label, rest = mk
        elif _is_heading(u.text, stack):
            style, label, rest = ("heading",), None, u.text
        if style is None:
            stack[-1].paras.append(u)
            continue
        idx = None
        for i in range(len(stack) - 1, 0, -1):
            if stack[i].style == style:
                idx = i
                break
        if idx is not None:
            stack = stack[:idx]
        elif style[0] == "num" and style[1] > 1:
            # "1.2." opens under "1." (the same number family one level up), wherever that is
            for i in range(len(stack) - 1, 0, -1):
                if stack[i].style == ("num", style[1] - 1):
                    stack = stack[: i + 1]
                    break
        parent = stack[-1]
        index = parent.counts[style] = parent.counts.get(style, 0) + 1
        node = Node(style, label, _ref(parent, style, label, index), rest, u, parent)
        if style == ("heading",):
            node.ref = f"{parent.ref}.H{index}" if parent.ref else f"H{index}"
        node.index = index
        parent.children.append(node)
        stack.append(node)
    return root


def _is_heading(text, stack):
    """An unnumbered line that is only an agency's name, heading the bullets after it."""
    if len(text) > 160 or text.rstrip()[-1:] in ".;":
        return False
    return ad.heading_names(text) is not None
