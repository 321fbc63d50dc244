"""What every official output (NĐ 30/2020/NĐ-CP, Phụ lục I) carries above and below its body: the
issuing agency under the province as it was named on the report date, số/ký hiệu, địa danh and date,
Nơi nhận, and the signer's authority, title and name from OfficialSettings."""

from dataclasses import dataclass

from chiso.registry.models import Agency

from ..models import OfficialSettings

_CITY_PROVINCES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")


@dataclass
class Issuer:
    parent: str  # "UBND TỈNH BÌNH THUẬN"
    name: str  # "SỞ NỘI VỤ"
    number: str  # "      /BC-SNV"
    place: str  # "Bình Thuận"
    province: str  # "Bình Thuận"
    province_title: str  # "tỉnh Bình Thuận"
    recipients: list
    signer_lines: list  # ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] or ["GIÁM ĐỐC"]
    signer_name: str


def province_on(day, near=None):
    """(short name, "tỉnh X"/"thành phố X") of the province on `day`, from the registry.

    `near`: an agency whose province is wanted when the registry holds several (before and after a
    merger both are in the registry, each with its validity)."""
    candidates = list(Agency.objects.valid_on(day).filter(kind="ubnd_tinh").order_by("pk"))
    chosen = None
    agency = near
    seen = set()
    while agency is not None and agency.pk not in seen and chosen is None:
        seen.add(agency.pk)
        if agency.kind == "ubnd_tinh" and agency.valid_on(day):
            chosen = agency
        agency = agency.parent
    if chosen is None and candidates:
        chosen = candidates[0]
    if chosen is None:
        return "", ""
    for prefix in (" tỉnh ", " thành phố "):
        if prefix in chosen.name:
            short = chosen.name.split(prefix, 1)[1].strip()
            return short, f"{prefix.strip()} {short}"
    short = chosen.short_name or chosen.name
    title = ("thành phố " if short in _CITY_PROVINCES else "tỉnh ") + short
    return short, title


def issuer(day, *, agency=None, near=None, symbol=None):
    """The header and signature of a report dated `day`; `agency`: an agency reporting on its own work."""
    conf = OfficialSettings.current()
    province, province_title = province_on(day, near=near or agency)
    if agency is not None:
        name, parent, sym = agency.name, "", symbol or "…"
        signer_lines, signer_name = ["THỦ TRƯỞNG ĐƠN VỊ"], ""
    else:
        name, parent, sym = (
            conf.reporter,
            f"UBND {province_title}" if province_title else "",
            symbol or conf.symbol,
        )
        signer_lines = (
            [conf.signer_authority, conf.signer_title] if conf.signer_authority else [conf.signer_title]
        )
        signer_name = conf.signer_name
    return Issuer(
        parent=parent.upper(),
        name=name.upper(),
        number=f"      /BC-{sym}",
        place=province,
        province=province,
        province_title=province_title,
        recipients=[line.strip() for line in conf.recipients.splitlines() if line.strip()],
        signer_lines=[s.upper() for s in signer_lines if s],
        signer_name=signer_name,
    )
