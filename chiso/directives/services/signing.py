"""What every official output (NĐ 30/2020/NĐ-CP, Phụ lục I) carries above and below its body: the
issuing agency under the province as it was named on the report date (chiso.registry.province, the
one source), số/ký hiệu, địa danh and date, Nơi nhận, and the signer from OfficialSettings."""

from dataclasses import dataclass

from chiso.registry import province

from ..models import OfficialSettings


@dataclass
class Issuer:
    parent: str  # "UBND TỈNH LÂM ĐỒNG" (empty when an agency reports on its own work)
    name: str  # "SỞ NỘI VỤ"
    number: str  # "      /BC-SNV"
    place: str  # "Lâm Đồng"
    recipients: list
    signer_lines: list  # ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] or ["GIÁM ĐỐC"]
    signer_name: str


def issuer(day, *, agency=None):
    """The header and signature of a report dated `day`; `agency`: an agency reporting on its own work."""
    conf = OfficialSettings.current()
    if agency is not None:
        name, parent, symbol = agency.name, "", "…"
        signer_lines, signer_name = ["THỦ TRƯỞNG ĐƠN VỊ"], ""
    else:
        name, parent, symbol = conf.reporter, province.authority_header(day), conf.symbol
        signer_lines = (
            [conf.signer_authority, conf.signer_title] if conf.signer_authority else [conf.signer_title]
        )
        signer_name = conf.signer_name
    return Issuer(
        parent=parent.upper(),
        name=name.upper(),
        number=f"      /BC-{symbol}",
        place=province.place(day),
        recipients=[line.strip() for line in conf.recipients.splitlines() if line.strip()],
        signer_lines=[s.upper() for s in signer_lines if s],
        signer_name=signer_name,
    )
