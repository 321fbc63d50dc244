"""The phrases notices use for many agencies at once ("UBND các xã, phường", "các sở, ban, ngành").

Plain data, the same for every province: a group is defined by kinds of agencies, so its members on a
date are whatever the registry holds then (the districts until 30/6/2025, the communes and special
zones after).
"""

from .gazetteer import GroupEntry

STANDARD = [
    GroupEntry(
        "ubnd-cap-huyen",
        "UBND các huyện, thị xã, thành phố",
        ["ubnd_huyen"],
        [
            "Ủy ban nhân dân các huyện, thị xã, thành phố",
            "UBND cấp huyện",
            "các huyện, thị xã, thành phố",
            "Chủ tịch UBND các huyện, thị xã, thành phố",
            "UBND các huyện, thị, thành phố",
        ],
    ),
    GroupEntry(
        "ubnd-cap-xa",
        "UBND cấp xã",
        ["ubnd_xa"],
        [
            "Ủy ban nhân dân cấp xã",
            "UBND các xã, phường, thị trấn",
            "UBND các xã, phường",
            "UBND các xã, phường, đặc khu",
            "Ủy ban nhân dân các xã, phường",
            "Ủy ban nhân dân các xã, phường, đặc khu",
            "Chủ tịch UBND các xã, phường",
            "các xã, phường, thị trấn",
            "các xã, phường, đặc khu",
            "các xã, phường",
        ],
    ),
    GroupEntry(
        "cac-so-nganh",
        "các Sở, ngành",
        ["so", "ban_nganh"],
        [
            "các sở, ban, ngành",
            "các Sở ngành",
            "các sở, ban, ngành tỉnh",
            "các ngành",
            "Thủ trưởng các sở, ngành",
            "Thủ trưởng các sở, ban, ngành",
            "các Sở ngành và cơ quan có liên quan",
            "các CQCM thuộc UBND tỉnh",
            "các cơ quan chuyên môn thuộc UBND tỉnh",
        ],
    ),
    GroupEntry(
        "cac-co-quan-dia-phuong",
        "các cơ quan, đơn vị, địa phương",
        ["so", "ban_nganh", "ubnd_huyen"],
        [
            "các cơ quan, địa phương",
            "các cơ quan, đơn vị",
            "các sở, ngành, địa phương",
            "các cấp, các ngành",
            "các cơ quan, đơn vị, địa phương có liên quan",
            "các ngành, đơn vị có liên quan",
            "các cơ quan, đơn vị có liên quan",
        ],
    ),
    GroupEntry(
        "cqtw-tren-dia-ban",
        "các cơ quan Trung ương trên địa bàn tỉnh",
        ["trung_uong"],
        ["các CQTW trên địa bàn tỉnh", "các cơ quan Trung ương trên địa bàn"],
    ),
]


def ensure(model):
    """Create or update the standard groups (AgencyGroup model passed in to keep this module plain)."""
    for group in STANDARD:
        model.objects.update_or_create(
            code=group.code, defaults={"name": group.name, "aliases": group.aliases, "kinds": group.kinds}
        )
