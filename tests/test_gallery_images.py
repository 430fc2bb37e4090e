"""What the image pipeline publishes, read back from output/: sizes, formats,
orientation, colour, transparency, and no metadata at all.

One site is built for the module from real files made here: a camera-sized
photo with GPS, XMP and IPTC, rotated phone photos, CMYK, a foreign ICC
profile, 16-bit, palette and transparent PNGs, an animated GIF and a HEIC.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from conftest import Site
from photo_factory import (
    BLUE,
    GREEN,
    RED,
    SECRET,
    camera_jpeg,
    metadata_blocks,
    png_rgb16,
    save,
    swapped_icc,
)
from PIL import Image

ARTICLE = "tin-tuc/2025/03/bai-anh/"
FOLDER = "articles/2025/03/bai-anh"
PHOTOS = [  # (file, caption)
    ("may-anh.jpg", "Ảnh máy ảnh xoay 6, có GPS"),
    ("xoay-8.jpg", "Ảnh điện thoại xoay 8"),
    ("cmyk.jpg", "Ảnh CMYK"),
    ("hoan-doi.jpg", "Ảnh có hồ sơ màu lạ"),
    ("xam-16.png", "PNG xám 16 bit"),
    ("rgb-16.png", "PNG màu 16 bit"),
    ("bang-mau.png", "PNG bảng màu"),
    ("trong-suot.png", "PNG trong suốt"),
    ("bang-mau-trong.png", "PNG bảng màu trong suốt"),
    ("dong.gif", "Ảnh động GIF"),
    ("iphone.heic", "Ảnh HEIC từ iPhone"),
]


def make_images(folder: Path) -> None:
    camera_jpeg(folder / "may-anh.jpg", (4000, 3000), orientation=6)
    camera_jpeg(folder / "xoay-8.jpg", (900, 600), orientation=8, seed=2)
    # Not used by any article: must not be published at all.
    camera_jpeg(folder / "anh-thua.jpg", (800, 600), seed=3)
    save(Image.new("CMYK", (600, 400), (0, 255, 255, 0)), folder / "cmyk.jpg",
         quality=92)
    save(Image.new("RGB", (600, 400), RED), folder / "hoan-doi.jpg",
         quality=95, icc_profile=swapped_icc())
    save(Image.new("I;16", (600, 400), 32768), folder / "xam-16.png")
    png_rgb16(folder / "rgb-16.png", (600, 400), (65535, 32768, 0))
    save(Image.new("RGB", (600, 400), BLUE).quantize(8), folder / "bang-mau.png")
    clear = Image.new("RGBA", (600, 400), (0, 0, 0, 0))
    clear.paste(Image.new("RGBA", (300, 400), (*GREEN, 255)), (0, 0))
    save(clear, folder / "trong-suot.png")
    palette = Image.new("P", (600, 400), 1)
    palette.putpalette([0, 0, 0, *RED] + [0] * 762)
    palette.paste(0, (300, 0, 600, 400))
    save(palette, folder / "bang-mau-trong.png", transparency=0)
    frames = [Image.new("RGB", (400, 300), c) for c in (RED, GREEN, BLUE)]
    save(frames[0], folder / "dong.gif", save_all=True, append_images=frames[1:],
         duration=200, loop=0)
    from pillow_heif import register_heif_opener

    register_heif_opener()
    save(Image.new("RGB", (1200, 900), GREEN), folder / "iphone.heic", quality=90)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("gallery-images"))
    make_images(site.content / FOLDER)
    body = "Đoạn mở đầu.\n\n" + "\n\n".join(
        f"![Ảnh {i}](bai-anh/{name})\n{caption}" for i, (name, caption) in
        enumerate(PHOTOS, start=1))
    site.write(f"{FOLDER}.md",
               "Title: Bài nhiều loại ảnh\nDate: 2025-03-01 08:00\n"
               f"Category: Tin hoạt động\n\n{body}\n")
    result = site.build()
    assert result.returncode == 0, result.log
    return site, result


def figure(result, name: str):
    index = [n for n, _ in PHOTOS].index(name) + 1
    return result.soup(ARTICLE).select_one(f"figure#anh-{index}")


def candidates(srcset: str) -> list[tuple[str, int]]:
    return [(url, int(width[:-1])) for url, width in
            (part.split() for part in srcset.split(","))]


def published(result, url: str) -> Path:
    path = result.output / url.lstrip("/")
    assert path.is_file(), url
    return path


def large(result, name: str, kind="fallback") -> Image.Image:
    """The largest derivative of a photo, WebP or its fallback."""
    fig = figure(result, name)
    srcset = (fig.select_one("source")["srcset"] if kind == "webp"
              else fig.select_one("img")["srcset"])
    url = candidates(srcset)[-1][0]
    return Image.open(published(result, url))


def colour(image: Image.Image, box=None) -> tuple[int, ...]:
    """Mean colour of a region (noise averaged out)."""
    region = image.convert("RGB").crop(box) if box else image.convert("RGB")
    return region.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))


def near(found, expected, tolerance=24) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(found, expected, strict=True))


def test_every_photo_is_a_picture_with_webp_and_fallback(built):
    _, result = built
    soup = result.soup(ARTICLE)
    figures = soup.select("figure.vn-figure")
    assert len(figures) == len(PHOTOS)
    for number, fig in enumerate(figures, start=1):
        assert fig["id"] == f"anh-{number}"
        source = fig.select_one("picture > source")
        img = fig.select_one("picture > img")
        assert source["type"] == "image/webp"
        assert img["width"].isdigit() and img["height"].isdigit()
        assert img["sizes"] == source["sizes"]
        webp, fallback = candidates(source["srcset"]), candidates(img["srcset"])
        assert [w for _, w in webp] == [w for _, w in fallback]
        assert [w for _, w in webp] == sorted({w for _, w in webp})
        for url, width in webp + fallback:
            with Image.open(published(result, url)) as image:
                assert image.width == width
                assert image.format == ("WEBP" if url.endswith(".webp")
                                        else {"jpg": "JPEG", "png": "PNG"}[url[-3:]])
        with Image.open(published(result, img["src"])) as image:
            assert str(image.width) == img["width"]
            assert str(image.height) == img["height"]
        link = fig.select_one("a.vn-figure__link")
        assert link["href"] == fallback[-1][0]
    # The first photo is the one a reader sees first: no lazy loading.
    imgs = soup.select("figure.vn-figure img")
    assert imgs[0]["fetchpriority"] == "high" and not imgs[0].has_attr("loading")
    for img in imgs[1:]:
        assert img["loading"] == "lazy" and img["decoding"] == "async"
        assert not img.has_attr("fetchpriority")


def test_camera_photo_sizes_are_capped_and_never_upscaled(built):
    _, result = built
    widths = [w for _, w in candidates(
        figure(result, "may-anh.jpg").select_one("img")["srcset"])]
    # 4000 × 3000 turned upright: 3000 × 4000, the large fits 2000 × 2000;
    # 1440 is left out, being within 15 % of the large 1500.
    assert widths == [480, 960, 1500]
    small = figure(result, "cmyk.jpg").select_one("img")["srcset"]
    assert [w for _, w in candidates(small)] == [480, 600]


def test_no_published_file_carries_metadata(built):
    site, result = built
    # The check sees every kind of block the camera file has.
    assert metadata_blocks(site.content / FOLDER / "may-anh.jpg") >= {
        "APP1 (EXIF/XMP)", "APP2 (ICC)", "APP13 (IPTC)", "COM", "EXIF"}
    published_images = sorted((result.output / "anh").rglob("*.*"))
    published_images = [p for p in published_images if p.suffix != ".html"]
    assert len(published_images) > 40
    for path in published_images:
        assert metadata_blocks(path) == set(), path


def test_no_output_file_leaks_the_camera_data_or_the_originals(built):
    site, result = built
    # The camera files (a clean PNG's derivative may well have its bytes).
    originals = {hashlib.sha256(p.read_bytes()).hexdigest()
                 for p in (site.content / FOLDER).glob("*.jpg")}
    secret = SECRET.encode()
    for path in result.output.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert secret not in data, path
            assert hashlib.sha256(data).hexdigest() not in originals, path
    names = {p.name for p in result.output.rglob("*")}
    assert not {name for name, _ in PHOTOS} & names
    assert "anh-thua.jpg" not in names


@pytest.mark.parametrize("name, top, bottom", [
    ("may-anh.jpg", RED, BLUE),   # orientation 6: the stored left is the top
    ("xoay-8.jpg", BLUE, RED),    # orientation 8: the stored left is the bottom
])
def test_exif_orientation_is_applied(built, name, top, bottom):
    _, result = built
    for kind in ("fallback", "webp"):
        with large(result, name, kind) as image:
            assert image.height > image.width
            w, h = image.size
            assert near(colour(image, (0, 0, w, h // 4)), top)
            assert near(colour(image, (0, 3 * h // 4, w, h)), bottom)


def test_cmyk_becomes_rgb_with_the_same_colour(built):
    _, result = built
    with large(result, "cmyk.jpg") as image:
        assert image.mode == "RGB"
        assert near(colour(image), (255, 0, 0), 16)


def test_embedded_icc_profile_is_converted_to_srgb(built):
    # Stored as red under a profile whose red primary is sRGB's green.
    _, result = built
    for kind in ("fallback", "webp"):
        with large(result, "hoan-doi.jpg", kind) as image:
            r, g, b = colour(image)
            assert g > 150 and r < 100 and b < 100, (r, g, b)


def test_sixteen_bit_pngs_keep_their_tones(built):
    _, result = built
    with large(result, "xam-16.png") as image:
        assert near(colour(image), (128, 128, 128), 4)
    with large(result, "rgb-16.png") as image:
        assert near(colour(image), (255, 128, 0), 6)


def test_opaque_palette_png_gets_a_jpeg_fallback(built):
    _, result = built
    img = figure(result, "bang-mau.png").select_one("img")
    assert img["src"].endswith(".jpg")
    with large(result, "bang-mau.png") as image:
        assert near(colour(image), BLUE, 12)


@pytest.mark.parametrize("name, opaque", [("trong-suot.png", GREEN),
                                          ("bang-mau-trong.png", RED)])
def test_transparency_is_kept_in_webp_and_png(built, name, opaque):
    _, result = built
    img = figure(result, name).select_one("img")
    assert img["src"].endswith(".png")
    for kind in ("fallback", "webp"):
        with large(result, name, kind) as image:
            rgba = image.convert("RGBA")
            w, h = rgba.size
            assert rgba.getpixel((w - 5, h // 2))[3] == 0
            left = rgba.getpixel((5, h // 2))
            assert left[3] == 255 and near(left[:3], opaque, 12)


def test_animated_gif_is_published_as_its_first_frame(built):
    _, result = built
    for kind in ("fallback", "webp"):
        with large(result, "dong.gif", kind) as image:
            assert getattr(image, "n_frames", 1) == 1
            assert near(colour(image), RED, 12)


def test_heic_from_an_iphone_is_published(built):
    _, result = built
    fig = figure(result, "iphone.heic")
    widths = [w for _, w in candidates(fig.select_one("source")["srcset"])]
    assert widths == [480, 960, 1200]
    with large(result, "iphone.heic") as image:
        assert image.format == "JPEG" and near(colour(image), GREEN, 12)


def test_derivative_names_are_content_hashes(built):
    _, result = built
    html = (result.output / ARTICLE / "index.html").read_text("utf-8")
    name = re.compile(r"/anh/tep/[0-9a-f]{2}/[0-9a-f]{16}-\d+\.(webp|jpg|png)")
    urls = re.findall(r'/anh/tep/[^" ,]+', html)
    assert len(urls) > 50
    for url in urls:
        assert name.fullmatch(url), url
