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


@pytest.fixture(autouse=True)
def _fast_hashing(settings, tmp_path):
    # Argon2 takes ~100 ms a hash by design; the suite creates hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Jobs run inside the request that starts them; the tests of the worker itself start real
    # `chiso worker` processes on a database of their own (core/tests/test_worker.py).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # A fresh cache per test: counters and cached cards never leak from one test into another.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": str(tmp_path)}
    }


@pytest.fixture
def demo_home_province(db):
    """The demo's province setting (registry.province) without its agencies: old name, then new."""
    from chiso.registry import demo_province, province

    province.set_history(
        [
            (
                demo_province.NATIONAL_CODE,
                demo_province.PROVINCE,
                "tỉnh",
                None,
                None,
                demo_province.END_PROVINCE,
            ),
            (
                demo_province.SUCCESSOR_NATIONAL_CODE,
                demo_province.SUCCESSOR_PROVINCE,
                "tỉnh",
                None,
                demo_province.D_PROVINCE_MERGER,
                None,
            ),
        ]
    )


@pytest.fixture
def demo_registry(db):
    from chiso.registry import demo

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
