"""Survey computations on generated waves: results (weighted and not) and the dashboard page.

    CHISO_VAR_DIR=/tmp/bench-surveys PYTHONPATH=. python bench/survey_results.py [--responses N]

Builds (once, into the scratch database) the registry, the surveys demo, and one extra SIPAS wave of
N generated responses (default 20,000) over 18 agencies with channel weighting, then times
compute.results, the CLI JSON and the dashboard view.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chiso.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=20000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    from chiso.registry import demo as registry_demo
    from chiso.registry.models import RoleGrant, User
    from chiso.surveys import demo
    from chiso.surveys.models import Response, Wave
    from chiso.surveys.services import compute

    started = time.perf_counter()
    registry_demo.load()
    t0 = time.perf_counter()
    demo.load()
    print(f"surveys demo load: {time.perf_counter() - t0:.2f} s (registry {t0 - started:.2f} s)")
    base = Wave.objects.get(year=2025, questionnaire__kind="sipas")
    name = f"Bench {args.responses}"
    wave = Wave.objects.filter(name=name).first()
    if wave is None:
        wave = Wave.objects.create(
            questionnaire=base.questionnaire,
            name=name,
            year=2030,
            start=base.start,
            end=base.end,
            target_group="bench",
            status=Wave.CLOSED,
            stratum_question="kenh_nop",
            stratum_shares=base.stratum_shares,
            agency_shares=base.agency_shares,
        )
        rng = random.Random(1)
        pool = list(base.responses.all())
        Response.objects.bulk_create(
            [
                Response(
                    wave=wave,
                    agency_id=r.agency_id,
                    channel=r.channel,
                    submitted_on=r.submitted_on,
                    answers=r.answers,
                )
                for r in (rng.choice(pool) for _ in range(args.responses))
            ],
            batch_size=2000,
        )
    for label, weighted in (("weighted", None), ("unweighted", False)):
        times = []
        for _ in range(3):
            t = time.perf_counter()
            result = compute.results(wave, weighted=weighted)
            times.append(time.perf_counter() - t)
        print(f"compute.results {label}, {result['responses']} responses: best {min(times):.2f} s")
    user = User.objects.filter(username="bench-surveys").first() or User.objects.create_user(
        "bench-surveys", "b@x.vn", "x"
    )
    RoleGrant.objects.get_or_create(user=user, role="monitor")
    client = Client()
    client.force_login(user)
    for target in (base, wave):
        t = time.perf_counter()
        status = client.get(f"/khao-sat/dot/{target.pk}/").status_code
        print(
            f"dashboard page ({target.responses.count()} responses, incl. comparison with earlier waves): "
            f"{time.perf_counter() - t:.2f} s, HTTP {status}"
        )


if __name__ == "__main__":
    main()
