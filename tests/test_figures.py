"""Tests of the figures Markdown extension: real conversions, parsed HTML."""

import unicodedata

import figures
import markdown
import pytest
from bs4 import BeautifulSoup

# The top of shared/samples/lam-viec-cac-don-vi-2025.txt, copied: its lead line,
# its first four photos (each ``<image>`` line turned into the Markdown the
# importer writes) and the body paragraph right under them.  As exported, the
# lines are separated by single line breaks: there is no blank line at all.
SAMPLE_LEAD = (
    "Nhằm định hướng và kịp thời chỉ đạo hoạt động của các đơn vị, từ ngày 03 đến "
    "ngày 10/02, Thường trực UBND quận đã tổ chức làm việc với Văn phòng UBND quận, "
    "Phòng Nội vụ; Phòng Tài chính - Kế hoạch; Ban Bồi thường, giải phóng mặt bằng; "
    "Ban Quản lý dự án đầu tư xây dựng khu vực; Phòng Văn hóa và Thông tin; Trung "
    "tâm Văn hóa - Thể thao; Phòng Tư pháp; Thanh tra quận; Đội Thanh tra Địa bàn "
    "quận và Phòng Quản lý đô thị; Phòng Giáo dục và Đào tạo quận; Trung tâm Giáo "
    "dục Nghề nghiệp - Giáo dục Thường xuyên; Phòng Kinh tế; Chi cục thống kê; Phòng "
    "Y tế; Trung tâm Y tế và Bệnh viện quận về chương trình công tác năm 2025."
)
SAMPLE_CAPTIONS = [
    [
        "Đồng chí Nguyễn Văn Đức - Phó Bí thư Quận ủy, Chủ tịch UBND quận",
        "phát biểu kết luận buổi làm việc với Phòng Nội vụ quận",
    ],
    [
        "Đồng chí Nguyễn Minh Chánh - UVTV Quận ủy, Phó Chủ tịch UBND quận",
        "phát biểu kết luận buổi làm việc với Ban BTGPMB và Ban QLDAĐTXDKV quận",
    ],
    [
        "Đồng chí Võ Thị Chính - Quận ủy viên, Phó Chủ tịch UBND quận phát biểu",
        "kết luận buổi làm việc với Phòng VH & TT và Trung tâm VH - TT quận",
    ],
    [
        "Đồng chí Nguyễn Văn Đức - Phó Bí thư quận uỷ, Chủ tịch UBND quận",
        "phát biểu tại buổi làm việc với Phòng Tư pháp quận",
    ],
]
SAMPLE_BODY = (
    "Tại các buổi làm việc, đại diện các đơn vị đã báo cáo công tác năm 2024 và "
    "phương hướng, nhiệm vụ năm 2025. Theo đó, trong năm 2024, các đơn vị đã tập "
    "trung triển khai các phương án hoạt động để công tác an sinh được đảm bảo, "
    "đặc biệt là việc chăm lo hộ nghèo, hộ cận nghèo, các trường hợp có hoàn cảnh "
    "khó khăn; công tác quản lý trật tự xây dựng được quan tâm, không vi phạm; kịp "
    "thời nhắc nhở, vận động Nhân dân, từ đó không để phát sinh các công trình vi "
    "phạm; giải quyết kịp thời các hồ sơ, thủ tục hành chính, tỷ lệ hồ sơ đúng hạn "
    "đạt hơn 98%. Bên cạnh đó cũng còn một số hạn chế, khó khăn như vẫn còn trường "
    "hợp vi phạm cố tình tái lấn chiếm, tái vi phạm dùng vỉa hè, lề đường làm nơi "
    "buôn bán; một số dự án trên địa bàn phường còn chậm triển khai..."
)
SAMPLE_SOURCE = "\n".join(
    [SAMPLE_LEAD]
    + [
        line
        for n, caption in enumerate(SAMPLE_CAPTIONS, 1)
        for line in [f"![](anh-0{n}.jpg)", *caption]
    ]
    + [SAMPLE_BODY]
)

NFD_CAPTION = [
    unicodedata.normalize("NFD", "Quang cảnh buổi làm việc với Phòng Y tế,"),
    unicodedata.normalize("NFD", "Trung tâm Y tế và Bệnh viện quận"),
]


def convert(source: str, extra: tuple[str, ...] = (), **config) -> BeautifulSoup:
    """Convert with the extension and check the HTML5 content model."""
    md = markdown.Markdown(
        extensions=["figures.extension", *extra],
        extension_configs={"figures.extension": config} if config else {},
        output_format="html5",
    )
    soup = BeautifulSoup(md.convert(source), "html.parser")
    # <p> only holds phrasing content: a figure or a gallery in it is invalid.
    assert soup.select("p figure, p div, p figcaption") == []
    return soup


def caption_lines(figcaption) -> list[str]:
    """The caption's text, one string per line delimited by <br>."""
    lines = [""]
    for node in figcaption.children:
        if getattr(node, "name", None) == "br":
            lines.append("")
        else:
            lines[-1] += node.get_text() if node.name else str(node)
    return [line.strip() for line in lines]


def test_two_line_caption_becomes_figcaption_with_one_br():
    lines = [
        "Đồng chí Nguyễn Văn Đức - Phó Bí thư Quận ủy, Chủ tịch UBND quận",
        "phát biểu kết luận buổi làm việc với Phòng Nội vụ quận",
    ]
    soup = convert("\n".join(["![Chủ tịch UBND quận phát biểu](anh-01.jpg)", *lines]))

    figure = soup.find("figure")
    assert figure["class"] == ["vn-figure"]
    assert [child.name for child in figure.find_all(recursive=False)] == [
        "img",
        "figcaption",
    ]
    figcaption = figure.figcaption
    assert figcaption["class"] == ["vn-figure__caption"]
    assert len(figcaption.find_all("br")) == 1
    assert caption_lines(figcaption) == lines
    assert soup.find("p") is None


def test_three_line_caption_keeps_each_source_line():
    lines = [
        "Đồng chí Võ Thị Chính - QUV, Phó Chủ tịch UBND quận",
        "phát biểu kết luận buổi làm việc với Phòng GD & ĐT quận",
        "và Trung tâm GDNN - GDTX quận",
    ]
    soup = convert("\n".join(["![](anh-07.jpg)", *lines]))

    figcaption = soup.select_one("figure.vn-figure > figcaption")
    assert len(figcaption.find_all("br")) == 2
    assert caption_lines(figcaption) == lines
    # The newline after the image is not part of the caption.
    assert figcaption.get_text().startswith("Đồng chí")


def test_empty_alt_is_taken_from_caption_on_one_line():
    soup = convert("![](anh-01.jpg)\n" + "\n".join(SAMPLE_CAPTIONS[0]))

    img = soup.select_one("figure img")
    assert img["alt"] == " ".join(SAMPLE_CAPTIONS[0])
    assert img["class"] == ["vn-figure__img"]


def test_explicit_alt_is_kept():
    soup = convert(
        "![Chủ tịch UBND quận phát biểu](anh-01.jpg)\n" + "\n".join(SAMPLE_CAPTIONS[0])
    )

    assert soup.select_one("figure img")["alt"] == "Chủ tịch UBND quận phát biểu"


def test_alt_from_caption_reads_entities_and_drops_raw_html():
    soup = convert(
        "![](anh-03.jpg)\nPhòng VH &amp; TT <b>quận</b>\nvà Trung tâm VH - TT"
    )

    assert (
        soup.select_one("figure img")["alt"]
        == "Phòng VH & TT quận và Trung tâm VH - TT"
    )
    assert soup.select_one("figcaption b").get_text() == "quận"


def test_image_alone_becomes_figure_without_caption():
    soup = convert(
        "Đoạn mở đầu.\n\n![Quang cảnh buổi làm việc](anh-05.jpg)\n\nĐoạn kết."
    )

    figure = soup.find("figure")
    assert figure["class"] == ["vn-figure"]
    assert figure.find("figcaption") is None
    assert figure.img["alt"] == "Quang cảnh buổi làm việc"
    assert [p.get_text() for p in soup.find_all("p")] == ["Đoạn mở đầu.", "Đoạn kết."]
    assert soup.select(".vn-gallery") == []


def test_consecutive_figures_form_one_gallery():
    source = "\n\n".join(
        [
            "![](anh-05.jpg)\nQuang cảnh buổi làm việc với Chi cục Thống kê quận",
            "![](anh-06.jpg)\nPhòng Quản lý đô thị quận báo cáo tại buổi làm việc",
            "![Toàn cảnh](anh-08.jpg)",
        ]
    )
    soup = convert(source)

    galleries = soup.select("div.vn-gallery")
    assert len(galleries) == 1
    assert galleries[0]["data-count"] == "3"
    assert len(galleries[0].find_all("figure", recursive=False)) == 3
    assert len(soup.find_all("figure")) == 3


def test_single_figure_is_not_wrapped_in_gallery():
    soup = convert(
        "Tin hoạt động.\n\n![](anh-05.jpg)\nQuang cảnh buổi làm việc\n\nKết luận."
    )

    assert len(soup.find_all("figure")) == 1
    assert soup.select(".vn-gallery") == []
    assert soup.find("figure").parent.name == "[document]"


def test_paragraph_between_figures_splits_galleries():
    source = "\n\n".join(
        [
            "![](a.jpg)\nẢnh A",
            "![](b.jpg)\nẢnh B",
            "Các đơn vị cũng đã trình bày tóm tắt kế hoạch hoạt động năm 2025.",
            "![](c.jpg)\nẢnh C",
            "![](d.jpg)\nẢnh D",
            "![](e.jpg)\nẢnh E",
        ]
    )
    soup = convert(source)

    galleries = soup.select("div.vn-gallery")
    assert [g["data-count"] for g in galleries] == ["2", "3"]
    assert [
        [f.figcaption.get_text() for f in g.find_all("figure")] for g in galleries
    ] == [
        ["Ảnh A", "Ảnh B"],
        ["Ảnh C", "Ảnh D", "Ảnh E"],
    ]
    paragraph = soup.find("p")
    assert paragraph.parent.name == "[document]"
    assert paragraph.find_previous_sibling("div") is galleries[0]


def test_inline_image_after_text_is_left_in_paragraph():
    soup = convert("Xem sơ đồ ![Sơ đồ](so-do.png) tại trụ sở UBND quận.\nDòng thứ hai.")

    assert soup.find("figure") is None
    paragraph = soup.find("p")
    img = paragraph.find("img")
    assert img.parent is paragraph
    assert img["alt"] == "Sơ đồ"
    assert img.get("class") is None
    assert paragraph.get_text() == "Xem sơ đồ  tại trụ sở UBND quận.\nDòng thứ hai."


@pytest.mark.parametrize(
    "src", ["anh-01.jpg", "images/anh-01.jpg", "../chung/anh-01.jpg", "anh%20mot.jpg"]
)
def test_relative_src_is_rewritten_to_attach(src):
    soup = convert(f"![](<{src}>)\nChú thích\n\nXem ![]({src}) nữa.")

    assert [img["src"] for img in soup.find_all("img")] == [f"{{attach}}{src}"] * 2


@pytest.mark.parametrize(
    "src",
    [
        "/images/anh-01.jpg",
        "{static}/images/anh-01.jpg",
        "{attach}anh-01.jpg",
        "https://ubnd.example.vn/anh-01.jpg",
        "//cdn.example.vn/anh-01.jpg",
        "data:image/gif;base64,R0lGODlhAQABAAAAACw=",
        "#anh",
    ],
)
def test_absolute_and_marked_src_are_untouched(src):
    soup = convert(f"![]({src})\nChú thích")

    assert soup.find("img")["src"] == src


@pytest.mark.parametrize(
    ("prefix", "expected"), [("{static}", "{static}anh-01.jpg"), ("", "anh-01.jpg")]
)
def test_relative_prefix_is_configurable(prefix, expected):
    soup = convert("![](anh-01.jpg)", relative_prefix=prefix)

    assert soup.find("img")["src"] == expected


def test_images_at_line_starts_in_one_paragraph_become_separate_figures():
    soup = convert(
        "![](a.jpg)\nCaption A line 1\nCaption A line 2\n![](b.jpg)\nCaption B"
    )

    figures_found = soup.select("div.vn-gallery > figure.vn-figure")
    assert [f.img["src"] for f in figures_found] == ["{attach}a.jpg", "{attach}b.jpg"]
    assert [caption_lines(f.figcaption) for f in figures_found] == [
        ["Caption A line 1", "Caption A line 2"],
        ["Caption B"],
    ]
    assert soup.select_one("div.vn-gallery")["data-count"] == "2"


def test_legacy_sample_top_becomes_lead_paragraph_and_four_photo_gallery():
    soup = convert(SAMPLE_SOURCE)

    top_level = soup.find_all(recursive=False)
    assert [el.name for el in top_level] == ["p", "div", "p"]
    assert top_level[0].get_text() == SAMPLE_LEAD
    assert top_level[2].get_text() == SAMPLE_BODY
    gallery = top_level[1]
    assert gallery["class"] == ["vn-gallery"]
    assert gallery["data-count"] == "4"
    found = gallery.find_all("figure", recursive=False)
    assert [f.img["src"] for f in found] == [
        f"{{attach}}anh-0{n}.jpg" for n in range(1, 5)
    ]
    assert [caption_lines(f.figcaption) for f in found] == SAMPLE_CAPTIONS
    assert [f.img["alt"] for f in found] == [
        " ".join(lines) for lines in SAMPLE_CAPTIONS
    ]
    # Both tone placements and đ come through untouched.
    assert "Quận ủy" in found[0].figcaption.get_text()
    assert "quận uỷ" in found[3].figcaption.get_text()
    assert "QLDAĐTXDKV" in found[1].figcaption.get_text()


def test_long_line_under_caption_is_body_text_not_caption():
    source = "\n".join(
        [
            "![](anh-05.jpg)",
            "Quang cảnh buổi làm việc với Chi cục Thống kê quận",
            SAMPLE_BODY,
            "Nhóm BTV",
            "![](anh-06.jpg)",
            "Ảnh 6",
        ]
    )
    soup = convert(source)

    top_level = soup.find_all(recursive=False)
    assert [el.name for el in top_level] == ["figure", "p", "figure"]
    assert caption_lines(top_level[0].figcaption) == [
        "Quang cảnh buổi làm việc với Chi cục Thống kê quận"
    ]
    assert (
        top_level[0].img["alt"] == "Quang cảnh buổi làm việc với Chi cục Thống kê quận"
    )
    assert top_level[1].get_text() == SAMPLE_BODY + "\nNhóm BTV"
    assert top_level[1].find("br") is None
    assert caption_lines(top_level[2].figcaption) == ["Ảnh 6"]


def test_first_caption_line_is_kept_however_long():
    soup = convert("![](anh-01.jpg)\n" + SAMPLE_LEAD)

    assert soup.find("p") is None
    assert caption_lines(soup.find("figcaption")) == [SAMPLE_LEAD]


def test_caption_line_limit_counts_nfc_characters_and_is_configurable():
    # 59 characters in NFC, 79 code points in NFD.
    line = unicodedata.normalize(
        "NFD", "Đồng chí Nguyễn Văn Đức phát biểu tại buổi làm việc quận uỷ"
    )
    source = f"![](anh-01.jpg)\nẢnh 1\n{line}"

    assert len(convert(source, caption_max_line_length=59).select("figcaption br")) == 1
    split = convert(source, caption_max_line_length=58)
    assert caption_lines(split.find("figcaption")) == ["Ảnh 1"]
    assert split.find("p").get_text() == line
    unlimited = convert(
        f"![](anh-01.jpg)\nẢnh 1\n{SAMPLE_BODY}", caption_max_line_length=0
    )
    assert caption_lines(unlimited.find("figcaption")) == ["Ảnh 1", SAMPLE_BODY]


def test_nfd_caption_is_kept_as_written():
    soup = convert("![](anh-09.jpg)\n" + "\n".join(NFD_CAPTION))

    figure = soup.find("figure")
    assert caption_lines(figure.figcaption) == NFD_CAPTION
    assert figure.img["alt"] == " ".join(NFD_CAPTION)
    assert unicodedata.is_normalized("NFD", figure.figcaption.get_text())


def test_inline_markup_in_caption_is_preserved():
    source = (
        "![](anh-01.jpg)\n"
        "Đồng chí *Nguyễn Văn Đức* - Phó Bí thư Quận ủy, **Chủ tịch UBND quận**\n"
        "làm việc với [Phòng Nội vụ](/don-vi/phong-noi-vu/) quận"
    )
    soup = convert(source)

    figcaption = soup.find("figcaption")
    assert figcaption.em.get_text() == "Nguyễn Văn Đức"
    assert figcaption.strong.get_text() == "Chủ tịch UBND quận"
    assert figcaption.a["href"] == "/don-vi/phong-noi-vu/"
    assert caption_lines(figcaption) == [
        "Đồng chí Nguyễn Văn Đức - Phó Bí thư Quận ủy, Chủ tịch UBND quận",
        "làm việc với Phòng Nội vụ quận",
    ]
    assert soup.find("img")["alt"] == " ".join(caption_lines(figcaption))


def test_emphasis_spanning_lines_gets_br_inside_it():
    soup = convert("![](anh-01.jpg)\n*Quang cảnh buổi làm việc\nvới Phòng Y tế*")

    em = soup.select_one("figcaption > em")
    assert len(em.find_all("br")) == 1
    assert caption_lines(em) == ["Quang cảnh buổi làm việc", "với Phòng Y tế"]


def test_hard_line_break_in_caption_is_not_doubled():
    soup = convert("![](anh-01.jpg)\nDòng một  \nDòng hai\nDòng ba")

    figcaption = soup.find("figcaption")
    assert len(figcaption.find_all("br")) == 2
    assert caption_lines(figcaption) == ["Dòng một", "Dòng hai", "Dòng ba"]
    assert soup.find("img")["alt"] == "Dòng một Dòng hai Dòng ba"


def test_text_on_image_line_and_indentation_are_trimmed():
    soup = convert("![](anh-02.jpg)   Ảnh cùng dòng  \n   dòng thụt lề đầu dòng")

    figcaption = soup.find("figcaption")
    # Only the newline the serializer puts after <br> may remain.
    assert [text.strip("\n") for text in figcaption.strings] == [
        "Ảnh cùng dòng",
        "dòng thụt lề đầu dòng",
    ]
    assert len(figcaption.find_all("br")) == 1


def test_image_after_hard_line_break_starts_a_figure():
    soup = convert("Đoạn dẫn của bài viết  \n![](anh-03.jpg)\nẢnh của đoạn dẫn")

    top_level = soup.find_all(recursive=False)
    assert [el.name for el in top_level] == ["p", "figure"]
    assert top_level[0].get_text() == "Đoạn dẫn của bài viết"
    assert top_level[0].find("br") is None
    assert caption_lines(top_level[1].figcaption) == ["Ảnh của đoạn dẫn"]


def test_attribute_lists_of_pelican_default_extra_are_applied_not_captioned():
    source = "\n".join(
        [
            "Dẫn",
            "![](anh-01.jpg){: .anh-rong }",
            "Ảnh một",
            "![](anh-02.jpg)",
            "Ảnh hai",
            "{: #doan-anh }",
        ]
    )
    soup = convert(source, extra=("markdown.extensions.extra",))

    lead = soup.find("p")
    assert lead["id"] == "doan-anh"
    assert lead.get_text() == "Dẫn"
    found = soup.select("div.vn-gallery > figure")
    assert found[0].img["class"] == ["anh-rong", "vn-figure__img"]
    assert [caption_lines(f.figcaption) for f in found] == [["Ảnh một"], ["Ảnh hai"]]
    assert [f.img["alt"] for f in found] == ["Ảnh một", "Ảnh hai"]
    assert soup.select("[id]") == [lead]


def test_reused_markdown_instance_gives_identical_output():
    md = markdown.Markdown(extensions=["figures"], output_format="html5")
    first = md.convert(SAMPLE_SOURCE)
    md.reset()
    second = md.convert(SAMPLE_SOURCE)

    fresh = markdown.Markdown(
        extensions=["figures.extension"], output_format="html5"
    ).convert(SAMPLE_SOURCE)
    assert first == second == fresh
    assert first.count('class="vn-figure"') == 4


class FakePelican:
    def __init__(self, settings):
        self.settings = settings


def test_add_extension_appends_string_once_without_mutating_defaults():
    defaults = {
        "extension_configs": {"markdown.extensions.extra": {}},
        "output_format": "html5",
    }
    pelican_object = FakePelican({"MARKDOWN": defaults})

    figures.add_extension(pelican_object)
    figures.add_extension(pelican_object)

    settings = pelican_object.settings["MARKDOWN"]
    assert settings["extensions"] == ["figures.extension"]
    assert settings["extension_configs"] == {"markdown.extensions.extra": {}}
    assert "extensions" not in defaults
    html = markdown.Markdown(**settings).convert("![](a.jpg)\nẢnh A")
    assert (
        BeautifulSoup(html, "html.parser").select_one("figure figcaption").get_text()
        == "Ảnh A"
    )


def test_add_extension_passes_settings_and_respects_existing_name():
    pelican_object = FakePelican(
        {
            "MARKDOWN": {"extensions": ["markdown.extensions.extra", "figures"]},
            "FIGURES_RELATIVE_PREFIX": "{static}",
            "FIGURES_CAPTION_MAX_LINE_LENGTH": 0,
        }
    )

    figures.add_extension(pelican_object)

    settings = pelican_object.settings["MARKDOWN"]
    assert settings["extensions"] == ["markdown.extensions.extra", "figures"]
    assert settings["extension_configs"] == {
        "figures": {"relative_prefix": "{static}", "caption_max_line_length": 0}
    }
    html = markdown.Markdown(**settings).convert(f"![](a.jpg)\nẢnh\n{SAMPLE_BODY}")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("img")["src"] == "{static}a.jpg"
    assert caption_lines(soup.find("figcaption")) == ["Ảnh", SAMPLE_BODY]


def test_add_extension_keeps_an_existing_instance():
    instance = figures.FiguresExtension()
    pelican_object = FakePelican({"MARKDOWN": {"extensions": [instance]}})

    figures.add_extension(pelican_object)

    assert pelican_object.settings["MARKDOWN"]["extensions"] == [instance]


def test_photos_are_recorded_for_other_plugins():
    md = markdown.Markdown(extensions=["figures.extension"])
    md.convert(
        "![](anh/a.jpg)\nĐồng chí Nguyễn Văn Đức - Chủ tịch\n"
        "*phát biểu* tại Quận uỷ\n\n"
        "![Quang cảnh](/images/b.jpg)\n\nVăn bản ![x](c.jpg) trong dòng.\n"
    )
    assert md.photos == [
        {"index": 0, "src": "anh/a.jpg",
         "alt": "Đồng chí Nguyễn Văn Đức - Chủ tịch phát biểu tại Quận uỷ",
         "caption": "Đồng chí Nguyễn Văn Đức - Chủ tịch\nphát biểu tại Quận uỷ"},
        {"index": 1, "src": "/images/b.jpg", "alt": "Quang cảnh", "caption": ""},
    ]
    md.reset()
    assert md.photos == []
