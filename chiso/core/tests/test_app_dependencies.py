"""Apps depend one way (docs/architecture.md): core ← registry ← notices ← directives ← indices ← surveys
← publication, dossiers beside directives, programme beside surveys. An import from a later app into an earlier one (or between
the two apps that sit beside each other) fails here, wherever it is written — at module level or inside
a function — and so does a cycle of module-level imports inside the package."""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the chiso package

# An app may import only apps of a strictly lower layer.
LAYERS = {
    "core": 0,
    "registry": 1,
    "notices": 2,  # the parser: no Django; reads the registry's pure modules (names, workdays)
    "directives": 3,
    "dossiers": 3,  # beside directives: neither imports the other
    "indices": 4,
    "surveys": 5,
    "programme": 5,  # remediation plans, inspections, contacts: beside surveys
    "publication": 6,
}
SHELL = 99  # the project's web shell: URL configuration, API mount, home page, commands over all apps
# core's modules that compose the apps (the rest of core is infrastructure that imports no app)
CORE_SHELL = {"views.py", "urls.py", "context.py", "admin_site.py"}


def _layer(path):
    parts = path.relative_to(ROOT).parts
    if len(parts) == 1:
        return "(project)", SHELL
    app = parts[0]
    if app == "core" and (parts[1] in CORE_SHELL or parts[1] == "management"):
        return "core (shell)", SHELL
    assert app in LAYERS, f"app {app!r}: give it a layer here and in docs/architecture.md"
    return app, LAYERS[app]


def _modules():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def _imported(path, node):
    """Absolute module names an import node refers to."""
    package = ["chiso", *path.relative_to(ROOT).parts[:-1]]
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        base = ".".join(package[: len(package) - node.level + 1])
        module = f"{base}.{node.module}" if node.module else base
        # "from . import x" may import a submodule x
        return [module] + ([f"{module}.{a.name}" for a in node.names] if not node.module else [])
    return [node.module] + [f"{node.module}.{a.name}" for a in node.names]


def test_no_app_imports_a_later_app():
    wrong = []
    for path, tree in _modules():
        app, layer = _layer(path)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for name in _imported(path, node):
                parts = name.split(".")
                if parts[0] != "chiso" or len(parts) < 2 or parts[1] not in LAYERS or parts[1] == app:
                    continue
                if app == "core (shell)" and parts[1] == "core":
                    continue
                if LAYERS[parts[1]] >= layer:
                    wrong.append(f"{path.relative_to(ROOT.parent)}:{node.lineno} {app} → {name}")
    assert not wrong, "imports against the app order:\n" + "\n".join(sorted(set(wrong)))


def _module_name(path):
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_import_cycles_at_module_level():
    modules = dict(_modules())
    names = {_module_name(p): p for p in modules}
    graph = defaultdict(set)
    for path, tree in modules.items():
        me = _module_name(path)
        for node in tree.body:  # module level only: imports inside functions run later, after loading
            if isinstance(node, ast.Import | ast.ImportFrom):
                for name in _imported(path, node):
                    while name and name not in names:
                        name = name.rpartition(".")[0]
                    if name and name != me and not me.startswith(name + "."):
                        graph[me].add(name)
    # Tarjan's strongly connected components: any component of two or more modules is a cycle.
    index, low, stack, on_stack, cycles, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in list(names):
        if v not in index:
            visit(v)
    assert not cycles, f"module-level import cycles: {cycles}"


def test_the_checker_sees_a_backward_import(tmp_path, monkeypatch):
    """The rule can fail: a registry module importing the surveys app is reported."""
    fake = tmp_path / "chiso"
    (fake / "registry").mkdir(parents=True)
    (fake / "registry" / "bad.py").write_text("def f():\n    from chiso.surveys import models\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", fake)
    try:
        test_no_app_imports_a_later_app()
    except AssertionError as exc:
        assert "registry → chiso.surveys" in str(exc)
    else:
        raise AssertionError("a backward import went unnoticed")
