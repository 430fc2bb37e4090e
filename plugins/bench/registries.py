"""Synthetic unit and leader registries for the benchmark corpus.

A district has about 60 units (departments, centres, teams, wards) and 40
leaders worth registering. The units are a fixed list: the eighteen the
sample articles name, with the abbreviations districts really use, then the
usual other offices and the wards. The leaders are the three of the sample
articles, then names drawn (seeded) from common Vietnamese family, middle and
given names, each holding the head role of a unit. Articles mention both at
the rates `bench.corpus` sets, by name, by alias and sometimes in lower case.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from vn_text import slugify

# (name, type, aliases): the sample's units first, then the usual others.
# Types are those the units plugin knows (UNITS_TYPES).
UNITS = (
    ("Văn phòng HĐND và UBND quận", "văn phòng", ("Văn phòng UBND quận",)),
    ("Phòng Nội vụ", "phòng", ()),
    ("Phòng Tài chính - Kế hoạch", "phòng", ("Phòng TC-KH", "Phòng TC - KH")),
    ("Ban Bồi thường, giải phóng mặt bằng", "ban", ("Ban BTGPMB",)),
    ("Ban Quản lý dự án đầu tư xây dựng khu vực", "ban",
     ("Ban QLDAĐTXDKV", "Ban QLDA ĐTXD khu vực")),
    ("Phòng Văn hóa và Thông tin", "phòng", ("Phòng VH & TT", "Phòng VH&TT")),
    ("Trung tâm Văn hóa - Thể thao", "trung tâm", ("Trung tâm VH - TT",)),
    ("Phòng Tư pháp", "phòng", ()),
    ("Thanh tra quận", "thanh tra", ()),
    ("Đội Thanh tra Địa bàn quận", "đội", ()),
    ("Phòng Quản lý đô thị", "phòng", ("Phòng QLĐT",)),
    ("Phòng Giáo dục và Đào tạo", "phòng", ("Phòng GD & ĐT", "Phòng GD&ĐT")),
    ("Trung tâm Giáo dục Nghề nghiệp - Giáo dục Thường xuyên", "trung tâm",
     ("Trung tâm GDNN - GDTX",)),
    ("Phòng Kinh tế", "phòng", ()),
    ("Chi cục Thống kê", "chi cục", ()),
    ("Phòng Y tế", "phòng", ()),
    ("Trung tâm Y tế", "trung tâm", ()),
    ("Bệnh viện quận", "bệnh viện", ()),
    ("Phòng Lao động - Thương binh và Xã hội", "phòng", ("Phòng LĐTB&XH",)),
    ("Phòng Tài nguyên và Môi trường", "phòng", ("Phòng TN&MT",)),
    ("Ban Chỉ huy Quân sự quận", "ban", ("Ban CHQS quận",)),
    ("Công an quận", "cơ quan", ()),
    ("Chi cục Thuế quận", "chi cục", ()),
    ("Kho bạc Nhà nước quận", "cơ quan", ()),
    ("Chi cục Thi hành án dân sự quận", "chi cục", ("Chi cục THADS quận",)),
    ("Trung tâm Phát triển quỹ đất", "trung tâm", ()),
    ("Ban Quản lý chợ", "ban", ()),
    ("Đội Quản lý thị trường", "đội", ()),
    ("Bảo hiểm xã hội quận", "cơ quan", ("BHXH quận",)),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam quận", "cơ quan",
     ("Ủy ban MTTQ Việt Nam quận", "UBMTTQ quận")),
    ("Hội Liên hiệp Phụ nữ quận", "cơ quan", ("Hội LHPN quận",)),
    ("Quận Đoàn", "cơ quan", ()),
    ("Hội Cựu chiến binh quận", "cơ quan", ("Hội CCB quận",)),
    ("Liên đoàn Lao động quận", "cơ quan", ("LĐLĐ quận",)),
    ("Trung tâm Dịch vụ việc làm", "trung tâm", ()),
    ("Đội Cảnh sát phòng cháy và chữa cháy", "đội", ("Đội PCCC",)),
    ("Phòng Khoa học và Công nghệ", "phòng", ("Phòng KH&CN",)),
    ("Trường Chính trị quận", "cơ quan", ()),
    ("Ban Tuyên giáo Quận ủy", "ban", ()),
    ("Ban Tổ chức Quận ủy", "ban", ()),
    ("Ủy ban Kiểm tra Quận ủy", "ban", ("UBKT Quận ủy",)),
    ("Phường 1", "phường", ()),
    ("Phường 2", "phường", ()),
    ("Phường An Khánh", "phường", ()),
    ("Phường Bình Minh", "phường", ()),
    ("Phường Phú Thạnh", "phường", ()),
    *((f"Phường {n}", "phường", ()) for n in range(3, 17)),
)

PEOPLE = 40  # leaders in the registry

# The leaders of the sample articles: (name, title, unit index, rank).
SAMPLE_PEOPLE = (
    ("Nguyễn Văn Đức", "Chủ tịch UBND quận", 0, 1),
    ("Nguyễn Minh Chánh", "Phó Chủ tịch UBND quận", 0, 2),
    ("Võ Thị Chính", "Phó Chủ tịch UBND quận", 0, 3),
)
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ",
          "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý")
MIDDLE = ("Văn", "Thị", "Minh", "Hữu", "Thanh", "Ngọc", "Quốc", "Thị Thu",
          "Đức", "Hoàng", "Thị Kim", "Công")
GIVEN = ("Đức", "Hùng", "Lan", "Hoa", "Dũng", "Tuấn", "Hải", "Hương", "Sơn",
         "Bình", "Cường", "Phương", "Thảo", "Long", "Nam", "Khánh", "Trang",
         "Quang", "Thủy", "Hòa", "Tâm", "Vinh", "Đạt", "Thắng", "Nga", "Yến",
         "Uyên", "Hiếu", "Nghĩa", "Toàn", "Ánh", "Đông")
HEAD_TITLE = {"phòng": "Trưởng phòng", "ban": "Trưởng ban", "phường":
              "Chủ tịch UBND", "trung tâm": "Giám đốc", "đội": "Đội trưởng",
              "chi cục": "Chi cục trưởng", "bệnh viện": "Giám đốc",
              "văn phòng": "Chánh Văn phòng", "thanh tra": "Chánh Thanh tra"}


TERM_START = date(2021, 7, 1)


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    title: str  # as written after the name: "Chủ tịch UBND quận"
    unit: str
    rank: int


@dataclass(frozen=True)
class Registries:
    units: tuple[Unit, ...]
    people: tuple[Person, ...]

    def units_yaml(self) -> list[dict]:
        return [
            {"id": u.id, "name": u.name, "type": u.type,
             **({"aliases": list(u.aliases)} if u.aliases else {}),
             "order": number}
            for number, u in enumerate(self.units, start=1)
        ]

    def people_yaml(self) -> list[dict]:
        return [
            {"id": p.id, "name": p.name, "rank": p.rank,
             "roles": [{"title": p.title, "unit": p.unit, "from": TERM_START}]}
            for p in self.people
        ]


def make_units() -> tuple[Unit, ...]:
    return tuple(Unit(slugify(name), name, kind, aliases)
                 for name, kind, aliases in UNITS)


def make_people(units: tuple[Unit, ...], count: int, seed: int) -> tuple[Person, ...]:
    """The sample's three leaders, then heads of units with drawn names."""
    rng = random.Random(f"people:{seed}")
    people = [Person(slugify(name), name, title, units[unit].id, rank)
              for name, title, unit, rank in SAMPLE_PEOPLE]
    names = {p.name for p in people}
    heads = (u for u in units[1:] if u.type in HEAD_TITLE)
    while len(people) < count:
        unit = next(heads)
        name = " ".join((rng.choice(FAMILY), rng.choice(MIDDLE), rng.choice(GIVEN)))
        if name in names:
            continue
        names.add(name)
        title = f"{HEAD_TITLE[unit.type]} {unit.name}"
        if unit.type in ("phòng", "ban", "trung tâm", "chi cục"):
            title = f"{HEAD_TITLE[unit.type]} {unit.name.split(' ', 1)[1]}"
        people.append(Person(slugify(name), name, title, unit.id, len(people) + 1))
    return tuple(people)


def make_registries(people: int = PEOPLE, seed: int = 2025) -> Registries:
    units = make_units()
    return Registries(units, make_people(units, people, seed))
