from django.contrib import admin
from django.urls import include, path

from chiso.api import api
from chiso.core import views as core_views
from chiso.core.admin_site import restrict_admin

restrict_admin(admin.site)

urlpatterns = [
    path("", core_views.home, name="home"),
    path("", include("chiso.core.urls")),
    path("danh-muc/", include("chiso.registry.urls")),
    path("chi-dao/", include("chiso.directives.urls")),
    path("chi-so/", include("chiso.indices.urls")),
    path("ho-so/", include("chiso.dossiers.urls")),
    path("khao-sat/", include("chiso.surveys.urls")),
    path("chuong-trinh/", include("chiso.programme.urls")),
    path("cong-khai/", include("chiso.publication.urls")),
    path("api/", api.urls),
    path("quan-tri/", admin.site.urls),
]
