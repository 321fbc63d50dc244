"""A demo catalogue of procedures for the demo province (plain data; real codes vary by province).

(code, name, field, level, statutory working days, online level, fee in đồng, department code or None,
relative volume). Levels and times follow the published national procedures the names come from.
"""
PROCEDURES = [
    # Provincial departments
    ("1.001612", "Cấp Giấy chứng nhận đăng ký doanh nghiệp", "Thành lập và hoạt động của doanh nghiệp", "tinh", 3, "toan_trinh", 50000, "bt-skhdt", 12),
    ("2.001610", "Đăng ký thay đổi nội dung đăng ký doanh nghiệp", "Thành lập và hoạt động của doanh nghiệp", "tinh", 3, "toan_trinh", 50000, "bt-skhdt", 10),
    ("1.009645", "Cấp giấy phép xây dựng công trình cấp đặc biệt, cấp I, II, III", "Hoạt động xây dựng", "tinh", 20, "mot_phan", 150000, "bt-sxd", 3),
    ("1.010005", "Cấp chứng chỉ hành nghề hoạt động xây dựng", "Hoạt động xây dựng", "tinh", 20, "toan_trinh", 300000, "bt-sxd", 2),
    ("1.004227", "Cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở lần đầu cho tổ chức", "Đất đai", "tinh", 30, "mot_phan", 100000, "bt-stnmt", 4),
    ("1.003937", "Cấp giấy phép khai thác, sử dụng nước mặt", "Tài nguyên nước", "tinh", 30, "mot_phan", 500000, "bt-stnmt", 1),
    ("1.001801", "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp", "Đường bộ", "tinh", 5, "toan_trinh", 135000, "bt-sgtvt", 20),
    ("1.002268", "Cấp giấy phép kinh doanh vận tải bằng xe ô tô", "Đường bộ", "tinh", 5, "toan_trinh", 0, "bt-sgtvt", 3),
    ("1.001193", "Cấp giấy phép xuất bản bản tin", "Xuất bản, in và phát hành", "tinh", 10, "toan_trinh", 0, "bt-stttt", 1),
    ("1.003619", "Cấp giấy phép hoạt động in", "Xuất bản, in và phát hành", "tinh", 7, "mot_phan", 0, "bt-stttt", 1),
    ("1.000105", "Cấp lý lịch tư pháp cho công dân Việt Nam", "Lý lịch tư pháp", "tinh", 10, "toan_trinh", 200000, "bt-stp", 15),
    ("2.000488", "Cấp giấy phép lao động cho người nước ngoài", "Việc làm", "tinh", 5, "toan_trinh", 600000, "bt-sldtbxh", 2),
    ("1.001978", "Giải quyết hưởng trợ cấp thất nghiệp", "Việc làm", "tinh", 20, "mot_phan", 0, "bt-sldtbxh", 8),
    ("1.002393", "Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh", "Khám bệnh, chữa bệnh", "tinh", 20, "mot_phan", 360000, "bt-syt", 2),
    ("1.001436", "Cấp Giấy chứng nhận đủ điều kiện an toàn thực phẩm", "An toàn thực phẩm", "tinh", 20, "toan_trinh", 1000000, "bt-snnptnt", 2),
    ("2.000190", "Cấp Giấy phép kinh doanh bán lẻ sản phẩm rượu", "Lưu thông hàng hóa", "tinh", 10, "toan_trinh", 1200000, "bt-sct", 2),
    ("1.005092", "Công nhận tốt nghiệp, cấp bản sao văn bằng, chứng chỉ", "Văn bằng, chứng chỉ", "tinh", 5, "toan_trinh", 0, "bt-sgddt", 4),
    ("1.000953", "Thẩm định thiết kế cơ sở dự án đầu tư", "Đầu tư", "tinh", 25, "", 0, "bt-bqlkcn", 1),
    ("1.003347", "Cấp giấy phép kinh doanh lữ hành nội địa", "Du lịch", "tinh", 10, "toan_trinh", 3000000, "bt-svhttdl", 1),
    ("1.000775", "Thẩm định hồ sơ thành lập, tổ chức lại đơn vị sự nghiệp công lập", "Tổ chức bộ máy", "tinh", 20, "", 0, "bt-snv", 1),
    ("1.005384", "Cấp giấy chứng nhận đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ", "Khoa học và công nghệ", "tinh", 12, "mot_phan", 0, "bt-skhcn", 1),
    # District level
    ("1.004837", "Cấp Giấy chứng nhận đăng ký hộ kinh doanh", "Thành lập và hoạt động hộ kinh doanh", "huyen", 3, "toan_trinh", 100000, None, 10),
    ("1.001757", "Cấp giấy phép xây dựng nhà ở riêng lẻ", "Hoạt động xây dựng", "huyen", 15, "mot_phan", 75000, None, 10),
    ("1.003003", "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", "Đất đai", "huyen", 10, "mot_phan", 50000, None, 25),
    ("1.004203", "Cấp đổi Giấy chứng nhận quyền sử dụng đất", "Đất đai", "huyen", 7, "mot_phan", 50000, None, 12),
    ("2.000908", "Cấp bản sao từ sổ gốc", "Chứng thực", "huyen", 1, "toan_trinh", 8000, None, 6),
    ("1.001612h", "Đăng ký kết hôn có yếu tố nước ngoài", "Hộ tịch", "huyen", 10, "mot_phan", 1000000, None, 1),
    ("1.000894", "Thủ tục giải quyết chế độ trợ cấp một lần đối với người có công", "Người có công", "huyen", 15, "", 0, None, 2),
    # Commune level
    ("1.001193x", "Đăng ký khai sinh", "Hộ tịch", "xa", 1, "toan_trinh", 0, None, 25),
    ("1.000656", "Đăng ký khai tử", "Hộ tịch", "xa", 1, "toan_trinh", 0, None, 6),
    ("1.000894x", "Đăng ký kết hôn", "Hộ tịch", "xa", 3, "toan_trinh", 0, None, 8),
    ("1.004884", "Cấp bản sao trích lục hộ tịch", "Hộ tịch", "xa", 1, "toan_trinh", 8000, None, 10),
    ("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", "Chứng thực", "xa", 1, "mot_phan", 2000, None, 40),
    ("2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản", "Chứng thực", "xa", 1, "", 10000, None, 15),
    ("1.005462", "Xác nhận tình trạng hôn nhân", "Hộ tịch", "xa", 3, "toan_trinh", 0, None, 12),
    ("2.000286", "Thủ tục hòa giải tranh chấp đất đai", "Đất đai", "xa", 45, "", 0, None, 1),
]
