from chiso.indices.tagging import suggest_components


def codes(text):
    return {(s["index"], s["component"]) for s in suggest_components(text)}


def test_online_services_go_to_e_government_and_766_online_group():
    got = codes("Nâng cao tỷ lệ hồ sơ dịch vụ công trực tuyến toàn trình")
    assert ("PAR", "LV7") in got and ("766", "N3") in got


def test_without_diacritics():
    assert ("766", "N3") in codes("nang cao ty le dich vu cong truc tuyen")


def test_apology_goes_to_procedures_and_sipas():
    got = codes("Thực hiện xin lỗi người dân khi hồ sơ trễ hạn")
    assert ("SIPAS", "DV.2") in got and ("PAPI", "D5") in got and ("PAR", "LV3") in got


def test_publicity_goes_to_papi_transparency():
    assert ("PAPI", "D2") in codes("Công khai quy hoạch, kế hoạch sử dụng đất")


def test_unrelated_text_suggests_nothing():
    assert suggest_components("Tổ chức hội nghị tổng kết năm") == []
