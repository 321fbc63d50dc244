import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_home_requires_login_then_shows_navigation(client, demo_registry):
    response = client.get(reverse("home"))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
    assert client.login(username="sonoivu", password="chiso-demo-2022")
    page = client.get(reverse("home")).content.decode()
    for label in [
        "Tổng quan",
        "Chỉ đạo &amp; nhiệm vụ",
        "Chỉ số",
        "Hồ sơ TTHC",
        "Khảo sát",
        "Báo cáo",
        "Danh mục",
    ]:
        assert label in page
    assert "Content-Security-Policy" in client.get(reverse("home")).headers
