"""Demo surveys: two completed SIPAS waves, a completed PAR INDEX wave of delegates and managers, and
an open SIPAS wave with a public link. Answers are generated (seeded) with real differences between
agencies, channels and items, so rankings, intervals and weighting have something to show.
"""

import datetime
import hashlib
import random

from django.db import transaction

from chiso.registry.models import Agency

from .models import MATRIX, SCALE, Invitation, InvitationToken, Response, Wave
from .services import agencies as wave_agencies
from .services import builtin

OPEN_COMMENTS = [
    "Công chức hướng dẫn tận tình, chu đáo.",
    "Phải đi lại nhiều lần để bổ sung hồ sơ, đề nghị hướng dẫn một lần cho đủ.",
    "Nhận kết quả trễ hẹn nhưng không nhận được thư xin lỗi.",
    "Nơi ngồi chờ chật, thiếu quạt vào buổi trưa.",
    "Dịch vụ công trực tuyến hay bị lỗi khi tải hồ sơ lên.",
    "Thủ tục đất đai còn rườm rà, thời gian giải quyết dài.",
    "Rất hài lòng, cán bộ nhiệt tình.",
    "Nên có thêm máy lấy số thứ tự và bảng hướng dẫn rõ ràng hơn.",
    "Phí, lệ phí được niêm yết rõ ràng.",
    "Đề nghị trả lời phản ánh nhanh hơn, gọi điện báo kết quả.",
]
PAR_COMMENTS = [
    "Cần tăng cường kiểm tra công vụ đột xuất tại Bộ phận Một cửa.",
    "Số hóa hồ sơ, kết quả giải quyết TTHC còn chậm.",
    "Phân cấp, ủy quyền cho cấp huyện chưa đồng bộ.",
    "Người đứng đầu cần trực tiếp đối thoại với người dân định kỳ.",
    "Giải ngân vốn đầu tư công còn chậm so với kế hoạch.",
]
FIRST = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Quốc", "Ngọc", "Hữu", "Thu"]
LAST = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hải",
    "Hạnh",
    "Hùng",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trung",
    "Vy",
]


def _clip(value):
    return max(1, min(5, int(round(value))))


def _agencies():
    wanted = [
        "bt-stnmt",
        "bt-sxd",
        "bt-skhdt",
        "bt-sldtbxh",
        "bt-stp",
        "bt-sgtvt",
        "bt-syt",
        "bt-sct",
        "bt-snnptnt",
        "bt-stttt",
        "bt-phanthiet",
        "bt-lagi",
        "bt-tuyphong",
        "bt-bacbinh",
        "bt-hamthuanbac",
        "bt-hamthuannam",
        "bt-hamtan",
        "bt-duclinh",
    ]
    found = {a.code: a for a in Agency.objects.filter(code__in=wanted)}
    return [found[c] for c in wanted if c in found]


def _quality(agencies, seed):
    rng = random.Random(seed)
    # Land and construction offices are the usual weak spots in SIPAS; districts vary widely.
    return {
        a.code: rng.gauss(0, 0.45) - (0.5 if a.code in ("bt-stnmt", "bt-sxd", "bt-hamtan") else 0)
        for a in agencies
    }


def _sipas_answers(rng, questions, base, online=0.42):
    channel = rng.choices(["truc-tiep", "truc-tuyen", "buu-chinh"], [0.92 - online, online, 0.08])[0]
    # Online applicants in the demo are more satisfied, and over-represented in some agencies' samples.
    person = base + rng.gauss(0, 0.75) + (0.35 if channel == "truc-tuyen" else 0)
    answers = {
        "linh_vuc": rng.choice(
            ["dat-dai", "xay-dung", "ho-tich", "kinh-doanh", "lao-dong", "giao-thong", "khac"]
        ),
        "kenh_nop": channel,
        "gioi_tinh": rng.choice(["nam", "nu"]),
        "tuoi": float(rng.randint(20, 75)),
        "tre_hen": "co" if rng.random() < 0.12 - base * 0.05 else "khong",
        "da_gop_y": "co" if rng.random() < 0.22 else "khong",
    }
    if answers["tre_hen"] == "co":
        answers["thu_xin_loi"] = "co" if rng.random() < 0.35 else "khong"
    offsets = {
        "tiep-can": 0.1,
        "thu-tuc": -0.15,
        "cong-chuc": 0.15,
        "ket-qua": 0.05 - (0.6 if answers["tre_hen"] == "co" else 0),
        "phan-anh": -0.35,
        "chinh-sach": -0.1,
    }
    for q in questions:
        if q.kind == MATRIX:
            if q.code == "pa" and answers["da_gop_y"] != "co":
                continue
            for row in q.rows:
                answers[row["code"]] = _clip(
                    4.2 + person + offsets.get(row["element"], 0) + rng.gauss(0, 0.55)
                )
    answers["hai_long_chung"] = _clip(4.15 + person + rng.gauss(0, 0.45))
    if rng.random() < 0.5:
        answers["mong_doi"] = rng.sample(
            ["rut-ngan", "giam-ho-so", "truc-tuyen", "thai-do", "co-so", "phan-hoi"], rng.randint(1, 3)
        )
    if rng.random() < 0.18:
        answers["gop_y"] = rng.choice(OPEN_COMMENTS)
    return answers


def _sipas_wave(questionnaire, agencies, year, seed, quality, name, drift=0.0):
    wave = Wave.objects.create(
        questionnaire=questionnaire,
        name=name,
        year=year,
        start=datetime.date(year, 8, 1),
        end=datetime.date(year, 10, 31),
        target_group="Người dân, tổ chức đã giải quyết TTHC tại Bộ phận Một cửa các cấp",
        sample_size=1500,
        status=Wave.CLOSED,
        min_cell=30,
        stratum_question="kenh_nop",
        stratum_shares={"truc-tiep": 0.55, "truc-tuyen": 0.38, "buu-chinh": 0.07},
    )
    wave.agencies.set(agencies)
    rng = random.Random(seed)
    questions = list(questionnaire.questions())
    volumes, responses = {}, []
    for agency in agencies:
        n = rng.choice([18, 24, 40, 55, 60, 70, 85]) if agency.kind == "so" else rng.choice([45, 60, 75, 90])
        volumes[agency.code] = rng.randint(2, 40) * 500 if agency.kind == "so" else rng.randint(15, 60) * 500
        online = rng.uniform(0.15, 0.75)
        for i in range(n):
            answers = _sipas_answers(rng, questions, quality[agency.code] + drift, online)
            day = wave.start + datetime.timedelta(days=rng.randint(0, (wave.end - wave.start).days))
            channel = Response.PAPER if i % 3 == 0 else Response.PUBLIC
            responses.append(
                Response(
                    wave=wave,
                    agency=agency,
                    channel=channel,
                    submitted_on=day,
                    answers=answers,
                    paper_ref=f"{agency.code}-{i + 1:03d}" if channel == Response.PAPER else None,
                )
            )
    Response.objects.bulk_create(responses, batch_size=500)
    wave.agency_shares = volumes
    wave.agency_shares_source = "Số hồ sơ tiếp nhận trong năm theo cơ quan (số liệu minh họa)"
    wave.save()
    return wave


def _par_wave(questionnaire, agencies, quality, seed):
    year = 2025
    wave = Wave.objects.create(
        questionnaire=questionnaire,
        name="Điều tra xã hội học Chỉ số CCHC năm 2025 – đại biểu HĐND, lãnh đạo, quản lý",
        year=year,
        start=datetime.date(year, 9, 15),
        end=datetime.date(year, 11, 15),
        target_group="Đại biểu HĐND tỉnh; lãnh đạo sở, ban, ngành; lãnh đạo UBND cấp huyện (theo Kết luận II.2.7)",
        sample_size=0,
        status=Wave.CLOSED,
        min_cell=10,
    )
    wave.agencies.set(agencies)
    rng = random.Random(seed)
    questions = list(questionnaire.questions())
    groups = [
        ("dai-bieu", "Đại biểu HĐND tỉnh", 0.25),
        ("lanh-dao-so", "Lãnh đạo sở, ban, ngành", 0.3),
        ("lanh-dao-phong", "Lãnh đạo phòng thuộc sở", 0.2),
        ("lanh-dao-huyen", "Lãnh đạo UBND cấp huyện", 0.25),
    ]
    invitations, responses = [], []
    for agency in agencies:
        for _ in range(rng.randint(7, 12)):
            value, label, _w = rng.choices(groups, [g[2] for g in groups])[0]
            name = f"{rng.choice(FIRST)} {rng.choice(MIDDLE)} {rng.choice(LAST)}"
            answered = rng.random() < 0.78
            invitations.append(
                Invitation(
                    wave=wave,
                    name=name,
                    group=label,
                    agency=agency,
                    used=answered,
                    email=f"{hashlib.sha1(name.encode() + str(len(invitations)).encode()).hexdigest()[:8]}@demo.chiso.local",
                    reminders_sent=0 if answered else 1,
                )
            )
            if not answered:
                continue
            # Delegates judge more harshly than the agencies' own managers.
            person = quality[agency.code] * 1.2 + rng.gauss(0, 0.6) - (0.4 if value == "dai-bieu" else 0)
            answers = {"nhom": value, "nam_cong_tac": float(rng.randint(1, 20))}
            for q in questions:
                if q.kind == MATRIX:
                    for row in q.rows:
                        answers[row["code"]] = _clip(
                            3.95
                            + person
                            + (-0.3 if row["element"] in ("tai-chinh", "chinh-phu-so") else 0.1)
                            + rng.gauss(0, 0.6)
                        )
                elif q.kind == SCALE:
                    answers[q.code] = _clip(4.0 + person + rng.gauss(0, 0.5))
            if rng.random() < 0.3:
                answers["gop_y"] = rng.choice(PAR_COMMENTS)
            day = wave.start + datetime.timedelta(days=rng.randint(0, 50))
            responses.append(
                Response(wave=wave, agency=agency, channel=Response.WEB, submitted_on=day, answers=answers)
            )
    Invitation.objects.bulk_create(invitations, batch_size=500)
    created = list(wave.invitations.all())
    # Demo tokens are random and never shown: the demo invitations cannot be answered.
    InvitationToken.objects.bulk_create(
        [
            InvitationToken(invitation=inv, token_hash=hashlib.sha256(rng.randbytes(24)).hexdigest())
            for inv in created
        ]
    )
    rng.shuffle(responses)
    Response.objects.bulk_create(responses, batch_size=500)
    return wave


@transaction.atomic
def load(stdout=None):
    sipas = builtin.install("sipas")
    par = builtin.install("par-lanh-dao")
    agencies = _agencies()
    if not agencies:
        if stdout:
            stdout.write("Khảo sát: chưa có danh mục cơ quan, bỏ qua.")
        return
    quality = _quality(agencies, 2025)
    made = []
    if not Wave.objects.filter(questionnaire=sipas, year=2024).exists():
        made.append(
            _sipas_wave(sipas, agencies, 2024, 24, quality, "Khảo sát SIPAS của tỉnh năm 2024", drift=-0.15)
        )
    if not Wave.objects.filter(questionnaire=sipas, year=2025).exists():
        wave = _sipas_wave(sipas, agencies, 2025, 25, quality, "Khảo sát SIPAS của tỉnh năm 2025")
        wave.official, wave.official_source = {"overall": 83.94}, "trung bình cả nước SIPAS 2024, Bộ Nội vụ"
        wave.save()
        made.append(wave)
    if not Wave.objects.filter(questionnaire=par, year=2025).exists():
        made.append(_par_wave(par, agencies, quality, 7))
    if not Wave.objects.filter(questionnaire=sipas, year=2026).exists():
        wave = Wave.objects.create(
            questionnaire=sipas,
            name="Khảo sát SIPAS tại Bộ phận Một cửa năm 2026",
            year=2026,
            start=datetime.date(2026, 1, 1),
            end=datetime.date(2026, 12, 31),
            status=Wave.OPEN,
            target_group="Người dân, tổ chức đến giao dịch tại Bộ phận Một cửa (mã QR tại quầy)",
            sample_size=1500,
            public_enabled=True,
        )
        # a 2026 wave rates the agencies of 2026: the merged departments, not the abolished ones
        first_day = datetime.date(2026, 1, 1)
        current = {wave_agencies.current_successor(a, first_day) for a in agencies}
        wave.agencies.set([a for a in current if a.valid_on(first_day)])
        made.append(wave)
    if stdout:
        stdout.write(f"Khảo sát: {len(made)} đợt mới, {Response.objects.count()} phiếu trả lời.")
