"""API tokens: issued and revoked by their owner on the web and with `chiso token`, hashed at rest."""

import hashlib
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from chiso.registry.models import ApiToken

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("registry_once")]


def test_a_user_issues_uses_and_revokes_a_token_on_the_web(demo_registry, user_factory):
    owner = user_factory("monitor", agency="bt-snv")
    web = Client()
    web.force_login(owner)
    page = web.post("/danh-muc/ma-api/", {"name": "Bảng tính tháng"}).content.decode()
    key = page.split('id="new-token">')[1].split("<")[0]
    assert key.startswith("chiso_")
    stored = ApiToken.objects.get(user=owner)
    assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest() and key not in stored.key_hash
    assert "chưa dùng" in web.get("/danh-muc/ma-api/").content.decode()
    assert key not in web.get("/danh-muc/ma-api/").content.decode()  # shown once only

    script = Client()
    assert script.get("/api/registry/agencies", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    assert "chưa dùng" not in web.get("/danh-muc/ma-api/").content.decode()

    web.post("/danh-muc/ma-api/", {"revoke": stored.pk})
    assert not ApiToken.objects.exists()
    assert script.get("/api/registry/agencies", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_nobody_revokes_another_users_token(demo_registry, user_factory):
    owner, other = user_factory("officer", agency="bt-snv"), user_factory("officer", agency="bt-snv")
    from chiso.registry import tokens

    tokens.issue(owner, "mã riêng XYZ")
    web = Client()
    web.force_login(other)
    web.post("/danh-muc/ma-api/", {"revoke": ApiToken.objects.get().pk})
    assert ApiToken.objects.count() == 1
    assert "mã riêng XYZ" not in web.get("/danh-muc/ma-api/").content.decode()


def test_the_token_command_creates_lists_and_revokes(demo_registry):
    out = io.StringIO()
    call_command("token", "create", "sonoivu", "--name", "báo cáo tự động", stdout=out, stderr=io.StringIO())
    key = out.getvalue().strip()
    assert key.startswith("chiso_") and ApiToken.objects.get().prefix == key[6:14]
    out = io.StringIO()
    call_command("token", "list", "sonoivu", stdout=out)
    assert "báo cáo tự động" in out.getvalue() and "chưa dùng" in out.getvalue()
    token_id = ApiToken.objects.get().pk
    with pytest.raises(CommandError, match="không có mã số"):
        call_command("token", "revoke", "vpubnd", str(token_id))
    call_command("token", "revoke", "sonoivu", str(token_id), stdout=io.StringIO())
    assert not ApiToken.objects.exists()
    with pytest.raises(CommandError, match="Không có người dùng"):
        call_command("token", "list", "khong-ai")
