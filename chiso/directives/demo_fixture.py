"""The seed notice (TB kết luận PAR INDEX 2021, 27/7/2022) as the demo publishes it, written from
/work/shared/seed/thong-bao-ket-luan-par-index-2021.gold.json: agencies as written, deadlines as read."""

DOCUMENT = {'kind': 'THÔNG BÁO',
 'number': '',
 'issuer_text': 'UBND tỉnh',
 'place': 'Bình Thuận',
 'issued_on': None,
 'meeting_date': '2022-07-27',
 'chaired_by': 'Lê Tuấn Phong',
 'signed_by': 'Nguyễn Đức Hải Tùng',
 'signer_title': 'TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG',
 'title': 'Kết luận của Chủ tịch UBND tỉnh tại Hội nghị trực tuyến Báo cáo phân tích, đánh giá chỉ số cải '
          'cách hành chính (PAR INDEX) và chỉ số Hiệu quả quản trị và Hành chính công (PAPI) năm 2021 của '
          'tỉnh',
 'indices': ['PAR INDEX', 'SIPAS', 'PAPI', 'PCI']}

TASKS = [{'ref': 'I.1',
  'lead': 'các cơ quan, đơn vị, địa phương',
  'coordinators': [],
  'report_to': 'Sở Nội vụ',
  'deadline_kind': 'date',
  'deadline_text': 'trước ngày 31/8/2022',
  'due': '2022-08-31',
  'strict': True,
  'start': None,
  'every': None,
  'milestones': [],
  'text': 'Người đứng đầu các cơ quan, đơn vị, địa phương căn cứ kết quả báo cáo phân tích và nhiệm vụ được '
          'giao cho cơ quan, đơn vị mình, chịu trách nhiệm trước UBND tỉnh trong triển khai thực hiện các '
          'nhiệm vụ, giải pháp để khắc phục các tồn tại, hạn chế, cải thiện điểm số, thứ hạng chỉ số PAR '
          'INDEX, SIPAS, PAPI của tỉnh trong năm 2022 và những năm tiếp theo. Xây dựng kế hoạch khắc phục '
          'gửi UBND tỉnh (thông qua Sở Nội vụ để theo dõi tổng hợp) **trước ngày 31/8/2022.**'},
 {'ref': 'I.2',
  'lead': 'các cơ quan, địa phương',
  'coordinators': [],
  'report_to': None,
  'deadline_kind': 'year',
  'deadline_text': 'trong năm 2022',
  'due': '2022-12-31',
  'strict': False,
  'start': None,
  'every': None,
  'milestones': [],
  'text': 'Tiếp tục tập trung chỉ đạo thực hiện nghiêm túc Chỉ thị số 11-CT/TU ngày 07/9/2021 của Ban Thường '
          'vụ Tỉnh ủy về tăng cường sự lãnh đạo của Đảng trong việc nâng cao các chỉ số PAR INDEX, SIPAS, '
          'PAPI, PCI của tỉnh giai đoạn 2021 - 2025 và Kế hoạch số 2992/KH-UBND ngày 12/8/2021 của UBND tỉnh '
          'về thực hiện các nhiệm vụ, giải pháp nâng cao chỉ số PAR INDEX, PAPI, SIPAS. Tập trung thực hiện '
          'hoàn thành các chỉ tiêu trong năm 2022.'},
 {'ref': 'I.3',
  'lead': 'các cơ quan, địa phương',
  'coordinators': [],
  'report_to': None,
  'deadline_kind': 'none',
  'deadline_text': '',
  'due': None,
  'strict': False,
  'start': None,
  'every': None,
  'milestones': [],
  'text': 'Tập trung đẩy nhanh tiến độ thực hiện chuyển đổi số theo Nghị quyết số 10-NQ/TU ngày 18/3/2022 '
          'của Tỉnh ủy và Đề án phát triển ứng dụng dữ liệu dân cư, định danh và xác thực điện tử phục vụ '
          'chuyển đổi số quốc gia giai đoạn 2022 - 2025, tầm nhìn đến năm 2030 trên địa bàn tỉnh Bình Thuận '
          'được phê duyệt, chú trọng ứng dụng công nghệ thông tin, thực hiện số hóa các giấy tờ, thủ tục '
          'hành chính, ứng dụng cơ sở dữ liệu quốc gia về dân cư, cơ sở dữ liệu đất đai, hộ tịch, sử dụng '
          'các dịch vụ công trực tuyến...; từ đó góp phần nâng cao hiệu quả quản lý, điều hành và giảm giấy '
          'tờ hành chính, chi phí thời gian, chi phí không chính thức trong thực hiện thủ tục hành chính của '
          'người dân, doanh nghiệp.'},
 {'ref': 'I.4',
  'lead': 'các cơ quan, địa phương',
  'coordinators': [],
  'report_to': None,
  'deadline_kind': 'recurring',
  'deadline_text': 'bắt đầu thực hiện từ tháng 8/2022',
  'due': None,
  'strict': False,
  'start': '2022-08-01',
  'every': 'month',
  'milestones': [],
  'text': 'Làm tốt hơn nữa sự phối hợp giữa các cơ quan, đơn vị trong thực hiện nhiệm vụ có tính chất liên '
          'thông, phối hợp, thông qua xây dựng và cụ thể hóa, tuân thủ các quy trình, các bước giải quyết hồ '
          'sơ công việc, thời gian thực hiện ở từng khâu của thủ tục hành chính liên thông. Công khai minh '
          'bạch các quy hoạch ngành, địa phương, các quy hoạch đất đai, xây dựng, thủ tục hành chính... Thủ '
          'trưởng các sở, ngành, Chủ tịch UBND cấp huyện, cấp xã định kỳ hàng tháng sắp xếp, bố trí thời '
          'gian (ngoài thời gian quy định về tiếp công dân) để tiếp xúc, làm việc người dân, doanh nghiệp để '
          'nắm bắt tình hình và tháo gỡ'},
 {'ref': 'I.5',
  'lead': 'các cơ quan, địa phương',
  'coordinators': [],
  'report_to': None,
  'deadline_kind': 'none',
  'deadline_text': '',
  'due': None,
  'strict': False,
  'start': None,
  'every': None,
  'milestones': [],
  'text': 'Có giải pháp cụ thể để nâng cao tinh thần trách nhiệm và ý thức phục vụ nhân dân của đội ngũ cán '
          'bộ, công chức, viên chức trong thực thi công vụ, nhất là cán bộ, công chức, viên chức tiếp xúc và '
          'giải quyết hồ sơ hành chính cho tổ chức, cá nhân. Thực hiện nghiêm túc việc xin lỗi tổ chức, cá '
          'nhân đối với việc giải quyết hồ sơ trễ hẹn, hồ sơ chưa giải quyết nhưng đã quá hạn.'},
 {'ref': 'II.1.1',
  'lead': 'Sở Thông tin và Truyền thông',
  'coordinators': [],
  'report_to': None,
  'deadline_kind': 'none',
  'deadline_text': '',
  'due': None,
  'strict': False,
  'start': None,
  'every': None,
  'milestones': [],
  'text': 'Tập trung theo dõi, đôn đốc và đề xuất các nhiệm vụ, giải pháp đẩy nhanh tiến độ thực hiện Kế '
          'hoạch số 1282/KH-UBND ngày 04/5/2022 của UBND tỉnh về thực hiện Nghị quyết số 10-NQ/TU của Ban '
          'Chấp hành Đảng bộ tỉnh (khóa XIV) về chuyển đổi số đến năm 2025, định hướng đến năm 2030; gắn với '
          'thực hiện tốt các chỉ tiêu, nhiệm vụ cải cách hành chính của tỉnh.'},
 {'ref': 'II.1.2',
  'lead': 'Sở Thông tin và Truyền thông',
  'coordinators': [],
  'report_to': None,
  'deadline_kind': 'none',
  'deadline_text': '',
  'due': None,
  'strict': False,
  'start': None,
  'every': None,
  'milestones': [],
  'text': 'Rà soát đánh giá sự đáp ứng các yêu cầu về hạ tầng công nghệ thông tin và hướng dẫn các địa '
          'phương đầu tư đạt chuẩn hạ tầng công nghệ thông tin ở cấp xã để đáp ứng yêu cầu chuyển đổi số, '
          'triển khai tốt các ứng dụng phần mềm đã đầu tư và thực hiện các dịch vụ công trực tuyến trên địa '
          'bàn tỉnh.'},
 {'ref': 'II.1.3',
  'lead': 'Sở Thông tin và Truyền thông',
  'coordinators': ['các ngành, đơn vị có liên quan'],
  'report_to': None,
  'deadline_kind': 'month',
  'deadline_text': 'trong tháng 8/2022 và triển khai khắc phục các hạn chế trong tháng 9/2022',
  'due': '2022-09-30',
  'strict': False,
  'start': '2022-08-01',
  'every': None,
  'milestones': [{'text': 'trong tháng 8/2022', 'due': '2022-08-31'},
                 {'text': 'trong tháng 9/2022', 'due': '2022-09-30'}],
  'text': 'Giám đốc Sở Thông tin và Truyền thông chủ trì phối hợp các ngành, đơn vị có liên quan thành lập '
          'các Tổ kiểm tra thực hiện các nhiệm vụ sau đây:'},
 {'ref': 'II.2.1',
  'lead': 'Sở Nội vụ',
  'coordinators': [],
  'report_to': None,
  'deadline_kind': 'none',
  'deadline_text': '',
  'due': None,
  'strict': False,
  'start': None,
  'every': None,
  'milestones': [],
  'text': 'Tập trung theo dõi, kiểm tra, đôn đốc các cơ quan, đơn vị, địa phương triển khai thực hiện tốt Kế '
          'hoạch cải cách hành chính năm 2022 và giai đoạn 2021 - 2025 của tỉnh.'},
 {'ref': 'II.2.2',
  'lead': 'Sở Nội vụ',
  'coordinators': [],
  'report_to': None,
  'deadline_kind': 'date',
  'deadline_text': 'Trước ngày 10/8/2022',
  'due': '2022-08-10',
  'strict': True,
  'start': None,
  'every': None,
  'milestones': [],
  'text': 'Tham mưu UBND tỉnh ban hành Kế hoạch khắc phục những tồn tại hạn chế của các chỉ số PAR INDEX, '
          'SIPAS, PAPI của tỉnh; trong đó kế hoạch'},
 {'ref': 'II.2.3',
  'lead': 'Sở Nội vụ',
  'coordinators': ['các cơ quan, đơn vị, địa phương'],
  'report_to': None,
  'deadline_kind': 'none',
  'deadline_text': '',
  'due': None,
  'strict': False,
  'start': None,
  'every': None,
  'milestones': [],
  'text': 'Chủ trì phối hợp các cơ quan, đơn vị, địa phương tiếp tục rà soát, kiện toàn sắp xếp bộ máy bên '
          'trong của các cơ quan hành chính nhà nước; tổ chức thực hiện tốt kế hoạch đào tạo, bồi dưỡng cán '
          'bộ, công chức, viên chức đã được UBND tỉnh phê duyệt.'},
 {'ref': 'II.2.4',
  'lead': 'Sở Nội vụ',
  'coordinators': [],
  'report_to': None,
  'deadline_kind': 'none',
  'deadline_text': '',
  'due': None,
  'strict': False,
  'start': None,
  'every': None,
  'milestones': [],
  'text': 'Tập trung kiểm tra công tác cải cách hành chính trên địa bàn tỉnh, nhất là trong thực hiện các '
          'nhiệm vụ, giải pháp để cải thiện các chỉ số PAR INDEX, SIPAS, PAPI của tỉnh; đề xuất chấn chỉnh, '
          'xử lý trách nhiệm của các cơ quan, đơn vị, địa phương không thực hiện đầy đủ, kịp thời các nhiệm '
          'vụ được giao (nếu có).'},
 {'ref': 'II.2.5',
  'lead': 'Sở Nội vụ',
  'coordinators': [],
  'report_to': None,
  'deadline_kind': 'range',
  'deadline_text': 'thời gian làm việc trong khoảng từ tháng 9/2022 đến tháng 10/2022',
  'due': '2022-10-31',
  'strict': False,
  'start': '2022-09-01',
  'every': None,
  'milestones': [],
  'text': 'Tham mưu UBND tỉnh làm việc với một số Sở, ngành, địa phương có liên quan để tháo gỡ các khó '
          'khăn, vướng mắc trong thực hiện các nhiệm vụ công tác cải cách hành chính được giao (**thời gian '
          'làm việc trong khoảng từ tháng 9/2022 đến tháng 10/2022**).'},
 {'ref': 'II.2.6',
  'lead': 'Sở Nội vụ',
  'coordinators': [],
  'report_to': None,
  'deadline_kind': 'year',
  'deadline_text': 'trong năm 2022',
  'due': '2022-12-31',
  'strict': False,
  'start': None,
  'every': None,
  'milestones': [],
  'text': 'Tham mưu đề xuất Chủ tịch UBND tỉnh cùng các Sở, ngành, địa phương tổ chức một số cuộc họp chuyên '
          'đề (trong năm 2022 dự kiến từ 01 đến 02 cuộc họp) để tháo gỡ những tồn tại, vướng mắc, dẫn đến '
          'một số chỉ số thành phần của cải cách hành chính chậm cải thiện trong nhiều năm qua.'},
 {'ref': 'II.2.7',
  'lead': 'Sở Nội vụ',
  'coordinators': [],
  'report_to': None,
  'deadline_kind': 'month',
  'deadline_text': 'Thời gian thực hiện trong tháng 8/2022',
  'due': '2022-08-31',
  'strict': False,
  'start': '2022-08-01',
  'every': None,
  'milestones': [],
  'text': 'Tổ chức khảo sát lại việc lấy ý kiến Đại biểu Hội đồng nhân dân tỉnh, lãnh đạo các Sở, ngành, địa '
          'phương đối với nội dung tiêu chí Trung ương khảo sát xác định chỉ số PAR INDEX của tỉnh, qua đó '
          'nắm bắt lại những tồn tại, hạn chế cụ thể qua các ý kiến góp ý, đánh giá, để có giải pháp khắc '
          'phục kịp thời. **Thời gian thực hiện trong tháng 8/2022.**'},
 {'ref': 'II.3',
  'lead': 'Văn phòng UBND tỉnh',
  'coordinators': [],
  'report_to': None,
  'deadline_kind': 'none',
  'deadline_text': '',
  'due': None,
  'strict': False,
  'start': None,
  'every': None,
  'milestones': [],
  'text': 'Hướng dẫn, kiểm tra các cơ quan, đơn vị, địa phương trong việc tổ chức thực hiện xin lỗi người '
          'dân, doanh nghiệp đối với các trường hợp giải quyết hồ sơ hành chính trễ hẹn để đảm bảo việc xin '
          'lỗi đúng quy định, đúng thực chất, tránh hình thức, làm người dân, doanh nghiệp không hài lòng.'},
 {'ref': 'II.4.1',
  'lead': 'UBND các huyện, thị xã, thành phố',
  'coordinators': [],
  'report_to': None,
  'deadline_kind': 'recurring',
  'deadline_text': 'hàng năm',
  'due': None,
  'strict': False,
  'start': None,
  'every': 'year',
  'milestones': [],
  'text': 'Đề nghị cấp ủy Đảng tiếp tục lãnh đạo, chỉ đạo công tác CCHC theo yêu cầu của Tỉnh ủy, căn cứ kết '
          'quả công tác CCHC hàng năm và việc cải thiện các chỉ số thuộc trách nhiệm của cơ quan, đơn vị, '
          'địa phương mình để xem xét, đánh giá, nhận xét cán bộ hàng năm.'},
 {'ref': 'II.4.2',
  'lead': 'UBND các huyện, thị xã, thành phố',
  'coordinators': [],
  'report_to': None,
  'deadline_kind': 'recurring',
  'deadline_text': 'Định kỳ hàng tháng',
  'due': None,
  'strict': False,
  'start': None,
  'every': 'month',
  'milestones': [],
  'text': 'Chỉ đạo rà soát những tồn tại, hạn chế của chỉ số đã chỉ ra qua kết quả của năm 2021, từ đó đề ra '
          'những nhiệm vụ, giải pháp cụ thể để cải thiện các chỉ số thuộc trách nhiệm của địa phương mình. '
          'Định kỳ hàng tháng, Chủ tịch UBND các huyện, thị xã, thành phố bố trí thời gian làm việc, kiểm '
          'tra việc tổ'},
 {'ref': 'II.4.3',
  'lead': 'UBND các huyện, thị xã, thành phố',
  'coordinators': [],
  'report_to': None,
  'deadline_kind': 'range',
  'deadline_text': 'giai đoạn 2 (năm 2021 - 2023)',
  'due': '2023-12-31',
  'strict': False,
  'start': '2021-01-01',
  'every': None,
  'milestones': [],
  'text': 'Đẩy nhanh tiến độ đầu tư cơ sở vật chất, mua sắm trang thiết bị Bộ phận một cửa cấp xã trong giai '
          'đoạn 2 (năm 2021 - 2023) theo Đề án nâng cấp Bộ phận tiếp nhận và trả kết quả cấp huyện, cấp xã '
          'theo hướng hiện đại được UBND tỉnh phê duyệt².'},
 {'ref': 'II.4.4',
  'lead': 'UBND các huyện, thị xã, thành phố',
  'coordinators': [],
  'report_to': None,
  'deadline_kind': 'none',
  'deadline_text': '',
  'due': None,
  'strict': False,
  'start': None,
  'every': None,
  'milestones': [],
  'text': 'Chỉ đạo các cơ quan, đơn vị có liên quan và UBND cấp xã rà soát thực hiện công khai đầy đủ với '
          'nhiều hình thức thích hợp về các chủ trương, chính sách pháp luật liên quan đến đời sống của '
          'người dân, công khai các quy hoạch, trong đó bao gồm quy hoạch đất đai, quy hoạch xây dựng, dự án '
          'đầu tư và các thông tin có liên quan tiêu chí khảo sát, để góp phần cải thiện chỉ số PAPI hàng '
          'năm của tỉnh.'},
 {'ref': 'II.4.5',
  'lead': 'UBND các huyện, thị xã, thành phố',
  'coordinators': [],
  'report_to': None,
  'deadline_kind': 'none',
  'deadline_text': '',
  'due': None,
  'strict': False,
  'start': None,
  'every': None,
  'milestones': [],
  'text': 'Đẩy mạnh thực hiện các nhiệm vụ, giải pháp để nâng cao hiệu quả thực hiện các dịch vụ công trực '
          'tuyến mức độ 3, 4 trên địa bàn huyện; thực hiện nhiều hình thức tuyên truyền, hướng dẫn và hỗ trợ '
          'để tổ chức, cá nhân thực hiện các dịch vụ công đã cung cấp.'},
 {'ref': 'II.5',
  'lead': 'các Sở ngành và cơ quan có liên quan',
  'coordinators': [],
  'report_to': None,
  'deadline_kind': 'none',
  'deadline_text': '',
  'due': None,
  'strict': False,
  'start': None,
  'every': None,
  'milestones': [],
  'text': 'Theo chức năng, nhiệm vụ và giải pháp trong Báo cáo số 1457/BC-SNV ngày 06 tháng 7 năm 2022 của '
          'Sở Nội vụ về phân tích, đánh giá chỉ số cải cách hành chính (Par Index); chỉ số hài lòng của '
          'người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước (Sipas) và chỉ số hiệu quả '
          'quản trị và hành chính công (Papi) năm 2021 của tỉnh để triển khai thực hiện.'},
 {'ref': 'closing',
  'lead': 'Sở Nội vụ',
  'coordinators': ['Văn phòng UBND tỉnh'],
  'report_to': None,
  'deadline_kind': 'none',
  'deadline_text': '',
  'due': None,
  'strict': False,
  'start': None,
  'every': None,
  'milestones': [],
  'text': 'giao Sở Nội vụ chủ trì, phối hợp với Văn phòng UBND tỉnh theo dõi, đôn đốc kết quả triển khai '
          'thực hiện./.'}]
