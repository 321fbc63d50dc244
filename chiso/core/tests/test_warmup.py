"""The start-up work `chiso serve` does in the gunicorn master before forking (chiso.core.warmup)."""

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import json, sys
import django
django.setup()
from django.db import connections
from django.template import engines
from chiso.core import warmup
views, templates = warmup.run()
loader = engines["django"].engine.template_loaders[0]
print(json.dumps({
    "views": views,
    "templates": templates,
    "ours": len(warmup.our_templates()),
    "cached": len(getattr(loader, "get_template_cache", {})),
    "connections": [c.alias for c in connections.all(initialized_only=True) if c.connection is not None],
    "modules": sorted(m for m in ("chiso.surveys.views", "chiso.directives.views_intake") if m in sys.modules),
}))
"""


def test_warmup_imports_every_view_and_compiles_our_templates_without_touching_the_database(tmp_path):
    repo = Path(__file__).resolve().parents[3]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "chiso.settings",
        "CHISO_VAR_DIR": str(tmp_path),
        "DEBUG": "",
        "PYTHONPATH": str(repo),
    }
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, cwd=repo, capture_output=True, text=True, check=True
    )
    found = json.loads(out.stdout.strip().splitlines()[-1])
    assert found["views"] > 200  # every route of the URL configuration was reached
    assert found["modules"] == ["chiso.directives.views_intake", "chiso.surveys.views"]
    assert found["templates"] == found["ours"] > 50 and found["cached"] >= found["ours"]
    assert found["connections"] == []  # a connection opened here would be shared by the forked workers
