from chiso.registry import permissions
from chiso.registry.auth_forms import LockoutAdminAuthenticationForm


def restrict_admin(site):
    """Django's admin is for administrators only, not for every staff account."""
    site.site_header = "chiso: quản trị"
    site.site_title = "chiso"
    site.index_title = "Quản trị hệ thống"

    def has_permission(request):
        return request.user.is_active and permissions.ADMIN in permissions.roles(request.user)

    site.has_permission = has_permission
    # One lockout for every login page: the admin's login form is the site's, with the admin's checks.
    site.login_form = LockoutAdminAuthenticationForm
