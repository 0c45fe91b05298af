"""Column widths shared by both writers (write/columns.py) and the font roles (write/typography.py).
What the pages look like is checked on real output in test_layout_pdf/docx; these pin the rules."""

from __future__ import annotations

from generator.compose.tree import Cell, Table
from generator.write.columns import PADDING_EM, fit_widths, lines
from generator.write.typography import pdf_css, roles

PT = 9.0  # the table's type size
PADDING_PT = 2 * PADDING_EM * PT


def _content_em(widths: list[float], column: int) -> float:
    return (widths[column] - PADDING_PT) / PT


def test_line_breaking_keeps_brackets_and_numbers_whole() -> None:
    assert lines("项目名称", 3.2) == [3.0, 1.0]  # the trouble to avoid: 项目名 / 称
    assert lines("投入（15分）", 3.0) == [2.0, 2.2, 2.0]  # 投入 / （15 / 分）: brackets stay with their text
    assert len(lines("x" * 100, 10)) == 6  # longer than a line: broken anywhere, nothing lost


def test_a_label_that_would_leave_a_lone_character_gets_room() -> None:
    rows = ((Cell("项目名称"), Cell("内容", align="left")),
            (Cell("主管部门"), Cell("中共杭州市委杭州市人民政府信访局" * 3, align="left")))
    first = 3.4 * PT + PADDING_PT  # 3.4 em of text: 项目名 / 称
    assert lines("项目名称", 3.4) == [3.0, 1.0]
    widths = fit_widths(Table(title="", body=rows, widths=(first, 300), font_size=PT), first + 300)
    assert lines("项目名称", _content_em(widths, 0)) == [4.0]  # widened to one line
    assert widths[1] < 300  # the room came from the wide column
    assert abs(sum(widths) - (first + 300)) < 1e-6  # the table still fills the text width


def test_numbers_always_fit_their_column() -> None:
    rows = ((Cell("合计"), Cell("12,715,200.00", align="right"), Cell("说明文字" * 10, align="left")),)
    widths = fit_widths(Table(title="", body=rows, widths=(10, 10, 80), font_size=7), 300)
    assert widths[1] / 7 - 2 * PADDING_EM >= len("12,715,200.00") * 0.6 - 1  # digits fit on one line
    assert abs(sum(widths) - 300) < 1e-6


def test_a_column_that_cannot_be_widened_is_narrowed_to_wrap_well() -> None:
    """Two label columns that both need more than the numbers can spare: one wraps 13 + 2 rather than
    14 + 1, the other fits on one line."""
    labels = ["二、政府性基金预算财政拨款收入", "二十二、灾害防治及应急管理支出"]
    rows = tuple((Cell(labels[0]), Cell("1"), Cell("7,362.86", align="right"),
                  Cell(labels[1]), Cell("33"), Cell("6,982.53", align="right")) for _ in range(3))
    widths = fit_widths(Table(title="", body=rows, widths=(25, 5, 10, 25, 5, 10), font_size=PT), 436.5)
    for column, label in ((0, labels[0]), (3, labels[1])):
        laid = lines(label, _content_em(widths, column))
        assert len(laid) == 1 or laid[-1] >= 2, (label, laid)


def test_a_short_label_is_not_wrapped_two_characters_a_line() -> None:
    """负责/人及/电话 has no lone character, yet reads as three words: its column is widened until it
    wraps three characters a line (or fewer lines), with the room taken from the wide column."""
    label = "负责人及电话"
    narrow = 2.5 * PT + PADDING_PT  # 2.5 em of text: two characters a line
    assert lines(label, 2.5) == [2.0, 2.0, 2.0]
    rows = ((Cell(label), Cell("说明文字" * 10, align="left")),)
    widths = fit_widths(Table(title="", body=rows, widths=(narrow, 300), font_size=PT), narrow + 300)
    laid = lines(label, _content_em(widths, 0))
    assert len(laid) <= 2 and laid[-1] >= 2, laid
    assert abs(sum(widths) - (narrow + 300)) < 1e-6


def test_a_paragraph_in_a_cell_spanning_rows_keeps_its_room() -> None:
    """The Shaoxing 绩效目标表: each project's 总体绩效目标 (a long paragraph) spans its indicator
    rows. Room for a label is taken where it adds no line, not from that paragraph's column."""
    paragraph = "保障热线平台全年稳定运行，提升群众诉求办理质量和效率。" * 6
    first = 3.4 * PT + PADDING_PT  # 项目名 / 称: needs room
    rows = ((Cell("项目名称"), Cell(paragraph, rowspan=2, align="left"), Cell("短")),
            (Cell("指标"), Cell("短")))
    given = (first, 200.0, 100.0)
    widths = fit_widths(Table(title="", body=rows, widths=given, font_size=PT), sum(given))
    assert lines("项目名称", _content_em(widths, 0)) == [4.0]
    # The paragraph is on as many lines as at the profile's widths (room came from the short column).
    assert len(lines(paragraph, _content_em(widths, 1))) == len(lines(paragraph, _content_em(list(given), 1)))
    assert widths[2] < 100.0


def test_font_roles_follow_official_documents_unless_the_profile_names_others() -> None:
    assert roles({}) == {"body": "仿宋_GB2312", "heading": "黑体", "heading2": "楷体_GB2312",
                         "heading3": "仿宋_GB2312", "title": "方正小标宋简体"}
    own = roles({"body": "宋体", "heading2": "黑体"})
    assert own["heading3"] == "宋体" and own["heading2"] == "黑体" and own["heading"] == "黑体"
    css = pdf_css({"heading2": "黑体"})
    assert 'h2 { font-family: "Noto Sans CJK SC"' in css  # 黑体's free stand-in
    assert 'h3 { font-family: "Noto Serif CJK SC"' in pdf_css({})
