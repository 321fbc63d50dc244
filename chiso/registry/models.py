from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

from chiso.core.models import AuditedModel

from .names import search_key
from .permissions import ROLE_CHOICES

KIND_CHOICES = [
    ("ubnd_tinh", "UBND tỉnh"),
    ("so", "Sở, cơ quan chuyên môn"),
    ("ban_nganh", "Ban, ngành"),
    ("ubnd_huyen", "UBND cấp huyện"),
    ("ubnd_xa", "UBND cấp xã"),
    ("trung_uong", "Cơ quan Trung ương trên địa bàn"),
    ("su_nghiep", "Đơn vị sự nghiệp"),
    ("doan_the", "Đoàn thể"),
]


class AgencyQuerySet(models.QuerySet):
    def valid_on(self, day):
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )

    def search(self, text):
        key = search_key(text)
        query = self
        for word in key.split():
            query = query.filter(search_key__contains=word)
        return query


class Agency(AuditedModel):
    code = models.SlugField("mã", max_length=80, unique=True)
    name = models.CharField("tên đầy đủ", max_length=300)
    short_name = models.CharField("tên ngắn", max_length=120, blank=True)
    aliases = models.JSONField("tên gọi khác, viết tắt", default=list, blank=True)
    kind = models.CharField("loại", max_length=20, choices=KIND_CHOICES)
    parent = models.ForeignKey(
        "self",
        verbose_name="trực thuộc",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField("hoạt động từ", null=True, blank=True)
    valid_to = models.DateField("hoạt động đến", null=True, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    # The unit's code in the national list of administrative units (tỉnh, huyện, xã; QĐ 124/2004/QĐ-TTg
    # and its updates) for UBND agencies; blank for departments and other bodies.
    national_code = models.CharField("mã đơn vị hành chính", max_length=10, blank=True, db_index=True)
    search_key = models.CharField(max_length=1000, blank=True, db_index=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AgencyQuerySet.as_manager()

    def audit_access(self):
        return ("agency", "view", [self.pk])

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = "cơ quan, đơn vị"
        verbose_name_plural = "cơ quan, đơn vị"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # One stored key per agency makes searching with or without diacritics the same on SQLite
        # (whose lower() and LIKE know only ASCII) and PostgreSQL.
        self.search_key = " | ".join(search_key(n) for n in [self.name, self.short_name, *self.aliases] if n)
        super().save(*args, **kwargs)

    def valid_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class Succession(AuditedModel):
    KINDS = [
        ("merge", "Hợp nhất, sáp nhập"),
        ("split", "Chia tách"),
        ("rename", "Đổi tên"),
        ("transfer", "Chuyển giao chức năng"),
    ]

    predecessor = models.ForeignKey(
        Agency, verbose_name="đơn vị cũ", on_delete=models.CASCADE, related_name="successions_out"
    )
    successor = models.ForeignKey(
        Agency, verbose_name="đơn vị kế thừa", on_delete=models.CASCADE, related_name="successions_in"
    )
    date = models.DateField("từ ngày")
    kind = models.CharField("hình thức", max_length=20, choices=KINDS, default="merge")
    # A split gives each successor its share: "bảo trợ xã hội" of Sở LĐTBXH went to Sở Y tế in 2025,
    # "giáo dục nghề nghiệp" to Sở GD&ĐT, the rest to Sở Nội vụ (the main successor, share left blank:
    # it takes whatever no share names).
    share = models.CharField("phần được giao", max_length=300, blank=True)
    main = models.BooleanField("đơn vị kế thừa chính", default=True)
    note = models.TextField("căn cứ, ghi chú", blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor", "date"], name="unique_succession")
        ]
        verbose_name = "kế thừa"
        verbose_name_plural = "kế thừa"

    def __str__(self):
        return f"{self.predecessor} → {self.successor} ({self.date:%d/%m/%Y})"


class HomeProvince(AuditedModel):
    """The province this installation serves: one row per period of its history, one line in all.

    Bình Thuận until 30/6/2025, then Lâm Đồng (NQ 202/2025/QH15), for an installation that started in
    2022; one row for a province set up in 2026. Set by `chiso setup-province` or a demo; every page,
    report header and analysis asks `registry.province` rather than naming a province.
    """

    code = models.CharField("mã tỉnh", max_length=5)
    name = models.CharField("tên", max_length=100)
    kind = models.CharField("loại", max_length=20, default="tỉnh")
    agency = models.ForeignKey(
        Agency, verbose_name="UBND tỉnh", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    valid_from = models.DateField("từ ngày", null=True, blank=True)
    valid_to = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        ordering = ["valid_from"]
        verbose_name = "tỉnh của hệ thống"
        verbose_name_plural = "tỉnh của hệ thống"

    def __str__(self):
        return f"{self.kind} {self.name}"

    def valid_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class AgencyGroup(AuditedModel):
    """A phrase notices use for many agencies at once; its members depend on the date."""

    code = models.SlugField("mã", max_length=80, unique=True)
    name = models.CharField("tên nhóm", max_length=300)
    aliases = models.JSONField("cách viết khác", default=list, blank=True)
    kinds = models.JSONField("gồm các loại cơ quan", default=list, blank=True)
    members = models.ManyToManyField(
        Agency, verbose_name="thêm các cơ quan", blank=True, related_name="groups"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "nhóm cơ quan"
        verbose_name_plural = "nhóm cơ quan"

    def __str__(self):
        return self.name

    def agencies_on(self, day):
        return (
            Agency.objects.valid_on(day)
            .filter(Q(kind__in=self.kinds) | Q(pk__in=self.members.all()))
            .distinct()
        )


class User(AbstractUser):
    full_name = models.CharField("họ và tên", max_length=200, blank=True)
    title = models.CharField("chức vụ", max_length=200, blank=True)
    agency = models.ForeignKey(
        Agency, verbose_name="cơ quan", null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    phone = models.CharField("điện thoại", max_length=30, blank=True)

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    def __str__(self):
        return self.full_name or self.get_username()


class RoleGrant(AuditedModel):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField("vai trò", max_length=20, choices=ROLE_CHOICES)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="unique_role_grant")]
        verbose_name = "vai trò"
        verbose_name_plural = "vai trò"

    def __str__(self):
        return f"{self.user}: {self.get_role_display()}"

    def audit_access(self):
        """(kind, action, agency ids) a reader of this object's audit log must be allowed (core.views.audit_log)."""
        return ("user", "view", [self.user.agency_id])


class LoginFailure(models.Model):
    username = models.CharField(max_length=150, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)


class CalendarException(AuditedModel):
    """A day the Government or the province decided differently from the usual calendar."""

    OFF, WORK = "off", "work"
    KINDS = [(OFF, "Ngày nghỉ thêm"), (WORK, "Ngày làm việc bù")]

    date = models.DateField("ngày", unique=True)
    kind = models.CharField("loại", max_length=10, choices=KINDS)
    note = models.CharField("căn cứ", max_length=300, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = "ngày nghỉ, làm bù"
        verbose_name_plural = "ngày nghỉ, làm bù"

    def __str__(self):
        return f"{self.date:%d/%m/%Y}: {self.get_kind_display()}"


class ApiToken(models.Model):
    """A personal API token; only its hash is stored, the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("tên", max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"
