"""Benchmark of detection against Pelican's own reading of the same articles.

Detection must stay a small part of a build whatever the size of the
registries: `measure()` writes a deterministic synthetic site (articles in
Vietnamese made from the words of the repository's sample articles, with
photos and captions, units and leaders mentioned at realistic rates, and
registries of the given sizes), times Pelican reading every article with the
project's reader and Markdown extensions, then times detection over the same
titles, bodies and captions, and reports the ratio. Times are CPU time of
this process: machines that build the site are often busy with other work,
and the ratio must not depend on what else runs. `invoke bench-detection`
prints it; the site benchmark (`invoke bench`) can call `measure` too.
"""

from __future__ import annotations

import os
import random
import re
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_WORD = re.compile(r"[^\W\d_]+")
_FALLBACK_TEXT = ("công tác năm kế hoạch triển khai nhiệm vụ địa bàn người dân hội "
                  "nghị báo cáo kết quả chỉ đạo thực hiện đơn vị phường quận")
_TYPES = ("Phòng", "Ban", "Trung tâm", "Đội", "Chi cục", "Hội")
_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ")
_MIDDLE = ("Văn", "Thị", "Minh", "Thanh", "Hữu", "Ngọc", "Quốc", "Thu", "Đức", "Kim")
_GIVEN = ("An", "Bình", "Chánh", "Chính", "Dũng", "Đức", "Giang", "Hà", "Hải", "Hùng",
          "Khánh", "Lan", "Long", "Mai", "Nam", "Phúc", "Quang", "Sơn", "Tâm", "Yến")


def vocabulary(folder: Path = ROOT / "content" / "articles") -> list[str]:
    """Lower-case words of the sample articles, in a stable order."""
    words = set()
    for path in sorted(folder.rglob("*.md")) if folder.is_dir() else ():
        words.update(w.lower() for w in _WORD.findall(path.read_text("utf-8")))
    return sorted(words) or _FALLBACK_TEXT.split()


def _phrase(rng, words, n):
    return " ".join(rng.choice(words) for _ in range(n))


def write_registries(data: Path, rng, words, units: int, people: int):
    """units.yml and people.yml with distinct names; returns the names."""
    data.mkdir(parents=True, exist_ok=True)
    unit_names, seen = [], set()
    while len(unit_names) < units:
        name = f"{rng.choice(_TYPES)} {_phrase(rng, words, 3).capitalize()}"
        if name.lower() not in seen:
            seen.add(name.lower())
            unit_names.append(name)
    lines = []
    for i, name in enumerate(unit_names):
        short = "".join(w[0] for w in name.split()[1:]).upper() + str(i)
        lines += [f"- id: don-vi-{i}", f"  name: {name}", "  type: phòng",
                  f"  aliases: [{name.split()[0]} {short}]"]
    (data / "units.yml").write_text("\n".join(lines) + "\n", "utf-8")
    # Distinct for up to 2,000 people: the first two parts alone differ
    # below 100, the given name takes over after that.
    person_names = [
        f"{_SURNAMES[i % 10]} {_MIDDLE[i // 10 % 10]} {_GIVEN[i // 100 % 20]}"
        for i in range(people)]
    lines = []
    for i, name in enumerate(person_names):
        lines += [f"- id: nguoi-{i}", f"  name: {name}", f"  rank: {i}",
                  "  roles:", "    - title: Phó Chủ tịch UBND quận"]
    (data / "people.yml").write_text("\n".join(lines) + "\n", "utf-8")
    return unit_names, person_names


def write_articles(content: Path, rng, words, count: int, units, people):
    """Articles like the samples: 4–10 paragraphs, 0–8 captioned photos."""
    from PIL import Image

    (content / "images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (8, 6), (120, 40, 40)).save(content / "images" / "anh.jpg")
    for n in range(count):
        folder = content / "articles" / f"{2015 + n % 10}" / f"{1 + n % 12:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        mentioned = rng.sample(units, rng.randint(1, 4))
        blocks = []
        for p in range(rng.randint(4, 10)):
            sentence = _phrase(rng, words, rng.randint(40, 90)).capitalize()
            if p < len(mentioned):
                sentence += f" với {mentioned[p]} về {_phrase(rng, words, 6)}."
            blocks.append(sentence)
        for _ in range(rng.randint(0, 8)):
            who = rng.choice(people)
            caption = (f"Đồng chí {who} - Phó Chủ tịch UBND quận\n"
                       f"{_phrase(rng, words, 8)} với {rng.choice(units)}")
            blocks.insert(rng.randint(1, len(blocks)),
                          f"![{_phrase(rng, words, 5)}]({{static}}/images/anh.jpg)\n"
                          + caption)
        text = (f"Title: {_phrase(rng, words, 10).capitalize()}\n"
                f"Date: {2015 + n % 10}-{1 + n % 12:02d}-{1 + n % 28:02d} 08:00\n"
                "Category: Tin hoạt động\n\n" + "\n\n".join(blocks) + "\n")
        (folder / f"bai-{n:05d}.md").write_text(text, "utf-8")


def measure(articles: int = 5000, units: int = 200, people: int = 100,
            seed: int = 3) -> dict:
    """Time Pelican's reading and our detection over one synthetic site."""
    from pelican import Pelican
    from pelican.contents import Article
    from pelican.readers import Readers
    from pelican.settings import read_settings

    from .detect import html_text
    from .registry import load

    rng = random.Random(seed)
    words = vocabulary()
    with tempfile.TemporaryDirectory(prefix="bench-entities-") as tmp:
        content = Path(tmp) / "content"
        unit_names, person_names = write_registries(
            content / "data", rng, words, units, people)
        write_articles(content, rng, words, articles, unit_names, person_names)
        settings = read_settings(str(ROOT / "pelicanconf.py"), override={
            "PATH": str(content), "OUTPUT_PATH": str(Path(tmp) / "output"),
            "PLUGINS": ["portal", "vn_text", "figures"], "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False, "PORTAL_STRICT": False})
        pelican = Pelican(settings)  # loads the reader and Markdown extensions
        readers = Readers(pelican.settings)
        context = {**pelican.settings, "generated_content": {},
                   "static_content": {}, "static_links": set(), "localsiteurl": ""}
        paths = sorted(os.path.relpath(p, content)
                       for p in (content / "articles").rglob("*.md"))
        start = time.process_time()
        read = [readers.read_file(str(content), path, content_class=Article,
                                  context=context) for path in paths]
        reading = time.process_time() - start

        start = time.process_time()
        registries = load(str(content), pelican.settings)
        compiling = time.process_time() - start
        texts = [(a.title, a._content, [p["caption"] for p in a.photos]) for a in read]
        start = time.process_time()
        found = 0
        for title, body, captions in texts:
            text = html_text(body, captions=False)
            detection = registries.detect(title, text, captions)
            found += len(detection.units) + len(detection.people)
        detecting = time.process_time() - start
    return {
        "articles": len(read), "units": units, "people": people,
        "photos": sum(len(c) for _, _, c in texts), "matches": found,
        "registry_problems": len(registries.problems),
        "read_seconds": round(reading, 3), "compile_seconds": round(compiling, 4),
        "detect_seconds": round(detecting, 3),
        "ratio": round(detecting / reading, 4) if reading else None,
    }


def format_result(result: dict) -> str:
    return "\n".join([
        f"Nhận diện đơn vị và lãnh đạo: {result['articles']} bài, "
        f"{result['photos']} ảnh; danh sách {result['units']} đơn vị, "
        f"{result['people']} lãnh đạo",
        f"  Pelican đọc các bài:      {result['read_seconds']:.3f} s",
        f"  dựng bộ nhận diện:        {result['compile_seconds']:.4f} s",
        f"  nhận diện (tiêu đề, bài, chú thích): {result['detect_seconds']:.3f} s",
        f"  tỉ lệ nhận diện / đọc:    {result['ratio']}",
    ])
