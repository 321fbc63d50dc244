import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM is safe there because
# the test client and live server run the views in their own threads.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives headless Chromium against a live server")


def _test_settings(tmp_path):
    return {
        # Argon2 takes ~100 ms a hash by design; the suite creates hundreds of users.
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "MEDIA_ROOT": tmp_path / "media",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        # Jobs run inside the request that starts them; the tests of the worker itself start real
        # `chiso worker` processes on a database of their own (core/tests/test_worker.py).
        "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        # A fresh cache per test: counters and cached cards never leak from one test into another.
        "CACHES": {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": str(tmp_path)}
        },
    }


@pytest.fixture(autouse=True)
def _fast_hashing(settings, tmp_path):
    for name, value in _test_settings(tmp_path).items():
        setattr(settings, name, value)
    yield
    from chiso.core import jobqueue

    jobqueue.close_side_connection()


@pytest.fixture(scope="module")
def module_settings(tmp_path_factory):
    """The same settings for a module-scoped fixture (those run before the per-test fixture above)."""
    from django.test import override_settings

    with override_settings(**_test_settings(tmp_path_factory.mktemp("module"))):
        yield


@pytest.fixture
def demo_home_province(db):
    """The demo's province setting (registry.province) without its agencies: old name, then new."""
    from chiso.registry import demo_province, province

    province.set_history(demo_province.province_history())


# ---- data loaded once for a whole module ----------------------------------------------------------
# Loading the demo registry takes ~1 s on SQLite and ~2 s on PostgreSQL, and a few hundred tests use
# it. A module whose tests only need it as loaded says `pytestmark = pytest.mark.usefixtures(
# "registry_once")`: the registry is committed once before the module's first test, each test still
# runs in a transaction rolled back at its end (so it sees the registry exactly as loaded), and the
# module's end empties the database as a transactional test does. Not for a module with transactional
# tests (live server): those empty the database at their end.


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker, module_settings):
    yield django_db_blocker
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(scope="module")
def registry_once(module_db):
    from chiso.registry import demo

    with module_db.unblock():
        demo.load()


@pytest.fixture
def demo_registry(request, db):
    from chiso.registry import demo, services

    if "registry_once" in request.fixturenames:
        # loaded for the module; the registry's in-process cache is dropped as a load leaves it
        services._invalidate()
    else:
        demo.load()


@pytest.fixture
def user_factory(db):
    from chiso.registry.models import Agency, RoleGrant, User

    counter = {"n": 0}

    def make(*roles, agency=None, username=None, password="mat-khau-thu-nghiem"):
        counter["n"] += 1
        if isinstance(agency, str):
            agency = Agency.objects.get(code=agency)
        user = User.objects.create_user(
            username or f"user{counter['n']}",
            f"u{counter['n']}@example.vn",
            password,
            agency=agency,
            full_name=f"Người dùng {counter['n']}",
        )
        for role in roles:
            RoleGrant.objects.create(user=user, role=role)
        return user

    return make


@pytest.fixture
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium chưa được cài (make test cài gói chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def artifacts_dir():
    path = os.path.join(os.path.dirname(__file__), "test-artifacts")
    os.makedirs(path, exist_ok=True)
    return path
