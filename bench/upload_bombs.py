"""Time and memory to refuse the audit's decompression bombs (DOCX 97 MB, XLSX 231 MB expanded).

python bench/upload_bombs.py
"""

import os
import sys
import time
import tracemalloc

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chiso.settings")

import django  # noqa: E402

django.setup()

from chiso.core import uploads  # noqa: E402
from chiso.core.tests import bombs  # noqa: E402

for name, data in (("bom.docx", bombs.docx_bomb(97)), ("bom.xlsx", bombs.xlsx_bomb(231))):
    tracemalloc.start()
    started = time.perf_counter()
    try:
        uploads.check(data, name, ["docx", "xlsx"])
        outcome = "ACCEPTED"
    except uploads.UploadRejected as exc:
        outcome = str(exc)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        f"{name}: {len(data) / 1024:.0f} KB, refused in {elapsed * 1000:.1f} ms, peak {peak / 1024:.0f} KB: {outcome}"
    )
