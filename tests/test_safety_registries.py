"""Registries that would expand without bound (YAML alias bombs) or carry
huge values are refused with the file and line, and never printed whole."""

from __future__ import annotations

import entities  # plugins/ is on sys.path (conftest)
from test_build import article
from test_tasks import invoke


def alias_bomb(levels: int) -> str:
    """`levels` nested aliases, each a list of ten of the one before."""
    lines = ['- id: phong-a', '  name: Phòng A', '  type: phòng', '  description:',
             '    - &a0 "lol"']
    for n in range(1, levels):
        lines.append(f"    - &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]")
    lines += ["- id: phong-b", "  name: Phòng B", "  type: phòng",
              f"  aliases: *a{levels - 1}"]
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_with_its_line(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data/units.yml").write_text(alias_bomb(6), encoding="utf-8")
    [problem] = entities.load(str(tmp_path)).problems
    assert problem.line == 5 and problem.path.endswith("units.yml")
    assert "neo hoặc bí danh YAML" in problem.message
    assert problem.hint == "hãy viết thẳng giá trị vào từng mục"


def test_oversized_value_is_refused_with_its_line(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data/people.yml").write_text(
        "- id: nguoi-a\n  name: Nguyễn Văn A\n  aliases:\n    - " + "x" * 50_000
        + "\n", encoding="utf-8")
    [problem] = entities.load(str(tmp_path)).problems
    assert problem.line == 4 and "50,000 ký tự" in problem.message


def test_check_names_the_bomb_briefly_and_the_build_goes_on(site):
    site.write("data/units.yml", alias_bomb(6))
    site.write("articles/2025/03/a.md", article(body="Phòng A họp."))
    checked = invoke("check", "--content", str(site.content))
    out = checked.stdout + checked.stderr
    assert checked.returncode == 1
    assert len(out) < 5_000, out[:300]
    assert "dòng 5: [lỗi] không được dùng neo hoặc bí danh YAML" in out
    assert "Traceback" not in out

    result = site.build()
    assert result.returncode == 0, result.log
    assert "units.yml:5: không được dùng neo" in " ".join(result.log.split())
    assert (result.output / "tin-tuc/2025/03/a/index.html").is_file()
    assert site.build("strict", strict=True).returncode != 0


def test_values_in_messages_are_cut_short(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data/units.yml").write_text(
        "- id: phong-a\n  name: Phòng A\n  type: phòng\n  aliases: [["
        + ", ".join(["1234567890"] * 20_000) + "]]\n", encoding="utf-8")
    messages = [p.format() for p in entities.load(str(tmp_path)).problems]
    assert messages and all(len(m) < 400 for m in messages), messages




def test_a_huge_unknown_id_in_a_header_is_named_briefly(site):
    site.write("data/units.yml", "- id: phong-a\n  name: Phòng A\n  type: phòng\n")
    site.write("articles/2025/03/a.md", article(extra="Units: " + "x" * 20_000 + "\n"))
    checked = invoke("check", "--content", str(site.content))
    out = checked.stdout + checked.stderr
    assert "không có đơn vị nào mang mã 'xxxx" in out
    assert len(out) < 2_000, out[:300]


def test_an_invisible_character_in_a_registered_name_is_a_warning(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data/people.yml").write_text(
        "- id: nguyen-van-duc\n  name: Nguyễn Văn Đ\u200dức\n", encoding="utf-8")
    [problem] = entities.load(str(tmp_path)).problems
    assert problem.level == "cảnh báo" and problem.line == 2
    assert problem.format().startswith("people: ")
    assert "ký tự vô hình U+200D" in problem.message
