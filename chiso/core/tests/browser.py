"""Helpers for the browser tests (Playwright against pytest-django's live server)."""


def log_in(page, base, username, password=None):
    """Sign in through the login page as a person does, after dropping the previous session's cookie."""
    from chiso.registry.demo import DEMO_PASSWORD

    page.context.clear_cookies()
    page.goto(f"{base}/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password or DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
