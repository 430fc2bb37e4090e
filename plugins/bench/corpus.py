"""A deterministic synthetic archive shaped like the district's real one.

Each article is drawn from its own seeded generator (seed and article number),
so the corpus of 1,000 articles is the first 1,000 of the corpus of 5,000 and
two runs on two machines write the same bytes. Shapes follow the samples in
content/: a title naming a unit, Vietnamese categories and tags, a lead
paragraph, body paragraphs of one long line each (1.5–6 KB in all), two to
five units and zero to three leaders mentioned per article (by name, alias or
in lower case, leaders as "đồng chí <name> - <title>"), and, when photos are
asked for, runs of captioned photos as editors write them.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import yaml
from vn_text import slugify

from .photos import CAMERA_SIZE, PhotoMaker
from .registries import Person, Registries, Unit, make_registries
from .vocabulary import load_phrases, paragraph, title

# The site's categories (PORTAL_CATEGORIES in pelicanconf.py).
CATEGORIES = ("Tin hoạt động", "Xây dựng chính quyền", "Kinh tế - Đô thị",
              "Văn hóa - Xã hội")
TAGS = ("năm 2025", "cải cách hành chính", "chuyển đổi số", "an sinh xã hội",
        "trật tự đô thị", "giáo dục", "y tế", "thể thao", "tiếp công dân",
        "giải phóng mặt bằng", "hộ kinh doanh", "văn minh đô thị", "thanh tra",
        "khen thưởng", "phòng chống dịch", "hoà giải cơ sở", "kinh tế - xã hội")
AUTHORS = ("Nhóm BTV",) * 4 + ("Trần Thu Hà", "Lê Minh Tâm")
NEWEST = datetime(2025, 12, 30, 16, 30)
PHOTO_ACTIONS = ("phát biểu tại buổi làm việc với", "kiểm tra thực tế cùng",
                 "trao quà và động viên cán bộ", "chủ trì hội nghị với",
                 "tặng hoa chúc mừng")
EDIT_MARK = "Bài viết được cập nhật"


@dataclass(frozen=True)
class CorpusSpec:
    articles: int
    photos_per_article: int = 0  # mean number of photos per article
    seed: int = 2025
    photo_size: tuple[int, int] = CAMERA_SIZE
    # When set, every n-th article has one to four photos whatever the mean
    # (a text archive with a few photo reports, as the scale test builds).
    # Last: callers pass the fields before it by position.
    photo_every: int = 0


@dataclass
class Corpus:
    """A generated corpus on disk: `content` is Pelican's PATH."""

    root: Path
    spec: CorpusSpec
    articles: list[Path] = field(default_factory=list)
    photos: int = 0
    photo_bytes: int = 0
    text_bytes: int = 0

    @property
    def content(self) -> Path:
        return self.root / "content"

    def edit_target(self) -> Path:
        """The article the one-edit rebuild changes: one in the middle."""
        return self.articles[len(self.articles) // 2]

    def edit(self, number: int) -> None:
        """Change one sentence of one article (a different one each time)."""
        path = self.edit_target()
        text = path.read_text(encoding="utf-8")
        kept = text.split(f"\n\n{EDIT_MARK}", 1)[0].rstrip("\n")
        path.write_text(f"{kept}\n\n{EDIT_MARK} lần {number}.\n", encoding="utf-8")


def mention_unit(rng: random.Random, unit: Unit) -> str:
    """The unit as editors write it: name, an abbreviation, or lower case."""
    roll = rng.random()
    if unit.aliases and roll < 0.3:
        return rng.choice(unit.aliases)
    if roll > 0.92 and unit.type == "phòng":
        return unit.name.lower()
    return unit.name


def mention_person(person: Person) -> str:
    return f"đồng chí {person.name} - {person.title}"


def pick(rng: random.Random, items: tuple, low: int, high: int) -> list:
    """Some items, the first ones (the busiest units) more often."""
    weights = [1 / (rank + 1) ** 0.7 for rank in range(len(items))]
    chosen: list = []
    for _ in range(rng.randint(low, high)):
        item = rng.choices(items, weights)[0]
        if item not in chosen:
            chosen.append(item)
    return chosen


def photo_block(rng, slug, number, people, units) -> tuple[str, str]:
    """(file name, Markdown) of one captioned photo."""
    name = f"anh-{number:02d}.jpg"
    who = mention_person(rng.choice(people)) if people and rng.random() < 0.6 \
        else rng.choice(("Quang cảnh buổi làm việc", "Các đại biểu tham dự"))
    where = mention_unit(rng, rng.choice(units))
    caption = f"{who[0].upper()}{who[1:]}\n{rng.choice(PHOTO_ACTIONS)} {where}"
    return name, f"![{who.split(' - ')[0]}]({slug}/{name})\n{caption}"


def article_text(rng, number, phrases, registries, spec):
    """(slug, date, Markdown, number of photos) of article `number`."""
    units = pick(rng, registries.units, 2, 5)
    people = pick(rng, registries.people, 0, 3)
    heading = title(rng, phrases, mention_unit(rng, units[0]))
    slug = f"{slugify(heading)[:60].rstrip('-')}-{number}"
    date = NEWEST - timedelta(hours=8 * number, minutes=rng.randrange(0, 240))
    tags = rng.sample(TAGS, rng.randint(1, 3))
    header = (f"Title: {heading}\nDate: {date:%Y-%m-%d %H:%M}\n"
              f"Category: {rng.choice(CATEGORIES)}\n"
              f"Author: {rng.choice(AUTHORS)}\nTags: {', '.join(tags)}\n")
    mentions = [mention_unit(rng, u) for u in units]
    mentions += [mention_person(p) for p in people]
    rng.shuffle(mentions)
    count = rng.randint(2, 7)
    blocks = [paragraph(rng, phrases, mentions[i::count]) for i in range(count)]
    photos = rng.randint(0, 2 * spec.photos_per_article)
    if spec.photo_every and number % spec.photo_every == 0:
        photos = photos or rng.randint(1, 4)
    taken = 0
    while taken < photos:
        run = min(photos - taken, rng.randint(1, 4))
        figures = [photo_block(rng, slug, taken + i + 1, people, units)
                   for i in range(run)]
        blocks.insert(rng.randint(1, len(blocks)),
                      "\n\n".join(markdown for _, markdown in figures))
        taken += run
    return slug, date, f"{header}\n" + "\n\n".join(blocks) + "\n", photos


class _PlainDumper(yaml.SafeDumper):
    """Writes a value used twice twice: registries refuse YAML aliases."""

    def ignore_aliases(self, data) -> bool:
        return True


def write_registries(content: Path, registries: Registries) -> None:
    data = content / "data"
    data.mkdir(parents=True, exist_ok=True)
    for name, entries in (("units.yml", registries.units_yaml()),
                          ("people.yml", registries.people_yaml())):
        (data / name).write_text(
            yaml.dump(entries, Dumper=_PlainDumper, allow_unicode=True,
                      sort_keys=False),
            encoding="utf-8")


def write_pages(content: Path, rng: random.Random, phrases) -> None:
    """The two static pages every portal has, as plain Markdown (no page
    template of our theme, so plain Pelican builds them too)."""
    for slug, heading in (("gioi-thieu", "Giới thiệu"), ("lien-he", "Liên hệ")):
        body = "\n\n".join(paragraph(rng, phrases, []) for _ in range(3))
        path = content / "pages" / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Title: {heading}\nSlug: {slug}\n\n{body}\n",
                        encoding="utf-8")


def generate(root: Path, spec: CorpusSpec) -> Corpus:
    """Write the corpus under `root` (emptied first) and describe it."""
    shutil.rmtree(root, ignore_errors=True)
    corpus = Corpus(root, spec)
    content = corpus.content
    registries = make_registries(seed=spec.seed)
    write_registries(content, registries)
    phrases = load_phrases()
    write_pages(content, random.Random(f"pages:{spec.seed}"), phrases)
    maker = PhotoMaker(spec.seed, spec.photo_size)
    for number in range(1, spec.articles + 1):
        rng = random.Random(f"article:{spec.seed}:{number}")
        slug, date, text, photos = article_text(rng, number, phrases, registries,
                                                spec)
        folder = content / "articles" / f"{date:%Y}" / f"{date:%m}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{slug}.md"
        path.write_text(text, encoding="utf-8")
        corpus.articles.append(path)
        corpus.text_bytes += len(text.encode("utf-8"))
        for photo in range(1, photos + 1):
            corpus.photo_bytes += maker.write(
                folder / slug / f"anh-{photo:02d}.jpg", corpus.photos)
            corpus.photos += 1
    return corpus
