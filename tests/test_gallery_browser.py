"""The photos of the sample article in headless Chromium: the lightbox
with keyboard, buttons and swipe, focus handling, what a phone downloads,
and plain links when JavaScript is off."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SAMPLE = "/tin-tuc/2025/02/lam-viec-cac-don-vi-2025/"
COUNTER = "[data-vn-lightbox-counter]"
CAPTION = "[data-vn-lightbox-caption]"


def caption_of(page, index: int) -> str:
    return page.locator("figure.vn-figure figcaption").nth(index).inner_text()


def lightbox_image(page) -> dict:
    return page.evaluate("""() => {
        const img = document.querySelector('.vn-lightbox__img');
        return {src: img.currentSrc, complete: img.complete, width: img.naturalWidth,
                alt: img.alt};
    }""")


@pytest.fixture
def article(browser, sample_url):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(sample_url + SAMPLE)
    yield page
    page.close()


def test_lightbox_pages_through_photos_and_returns_focus(article):
    page = article
    dialog = page.locator("dialog.vn-lightbox")
    assert not dialog.is_visible()
    third = page.locator("a[data-vn-lightbox]").nth(2)
    third.scroll_into_view_if_needed()
    third.focus()
    page.keyboard.press("Enter")
    assert dialog.is_visible()
    assert page.locator(COUNTER).inner_text() == "3 / 8"
    assert page.locator(CAPTION).inner_text() == caption_of(page, 2)
    page.wait_for_function("document.querySelector('.vn-lightbox__img').complete")
    shown = lightbox_image(page)
    assert shown["src"].endswith(".webp") and shown["width"] > 0
    assert shown["alt"] == third.locator("img").get_attribute("alt")

    page.keyboard.press("ArrowRight")
    assert page.locator(COUNTER).inner_text() == "4 / 8"
    assert page.locator(CAPTION).inner_text() == caption_of(page, 3)
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert page.locator(COUNTER).inner_text() == "2 / 8"
    page.get_by_role("button", name="Ảnh sau").click()
    assert page.locator(COUNTER).inner_text() == "3 / 8"

    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == third.get_attribute("href")
    classes = page.evaluate("[...document.documentElement.classList]")
    assert "vn-lightbox-open" not in classes


def test_focus_stays_inside_the_open_lightbox(article):
    page = article
    page.locator("a[data-vn-lightbox]").first.click()
    inside = ("document.querySelector('dialog.vn-lightbox')"
              ".contains(document.activeElement)")
    assert page.evaluate(inside)
    for key in ["Tab"] * 7 + ["Shift+Tab"] * 7:
        page.keyboard.press(key)
        assert page.evaluate(inside), key
    page.get_by_role("button", name="Đóng").click()
    assert not page.locator("dialog.vn-lightbox").is_visible()


def test_swipe_and_wrap_around(article):
    page = article
    page.locator("a[data-vn-lightbox]").first.click()
    stage = page.locator("[data-vn-lightbox-stage]").bounding_box()
    y = stage["y"] + stage["height"] / 3
    page.mouse.move(stage["x"] + stage["width"] * 0.8, y)
    page.mouse.down()
    page.mouse.move(stage["x"] + stage["width"] * 0.2, y, steps=5)
    page.mouse.up()
    assert page.locator(COUNTER).inner_text() == "2 / 8"
    assert page.locator("dialog.vn-lightbox").is_visible()  # a swipe is no close
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert page.locator(COUNTER).inner_text() == "8 / 8"
    assert page.locator(CAPTION).inner_text() == caption_of(page, 7)


def test_phone_downloads_small_webp_not_the_large_images(browser, sample_url):
    page = browser.new_page(viewport={"width": 360, "height": 740},
                            device_scale_factor=2)
    loaded = []
    page.on("requestfinished", lambda r: loaded.append(r.url) if "/anh/tep/" in r.url
            else None)
    page.goto(sample_url + SAMPLE)
    page.wait_for_load_state("networkidle")
    assert loaded, "the first photo loads at once"
    for url in loaded:
        assert url.endswith(".webp")
        width = int(url.rsplit("-", 1)[1].split(".")[0])
        assert width <= 960, url  # 328 CSS px × 2 fits in 960
    page.close()


@pytest.mark.parametrize("width, scale, expected", [(360, 2, 960), (1600, 1, 1600)])
def test_lightbox_loads_the_size_the_screen_needs(browser, sample_url, width, scale,
                                                  expected):
    page = browser.new_page(viewport={"width": width, "height": 800},
                            device_scale_factor=scale)
    page.goto(sample_url + SAMPLE)
    page.locator("a[data-vn-lightbox]").first.click()
    page.wait_for_function("document.querySelector('.vn-lightbox__img').complete")
    shown = lightbox_image(page)
    # The sample photos are 1600 px wide: 480, 960 and the large 1600.
    assert shown["src"].endswith(f"-{expected}.webp")
    page.close()


def test_without_javascript_a_photo_opens_its_large_image(browser, sample_url):
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(sample_url + SAMPLE)
    link = page.locator("a[data-vn-lightbox]").first
    href = link.get_attribute("href")
    assert not page.locator("dialog.vn-lightbox").is_visible()
    with page.expect_navigation():
        link.click()
    assert page.url == sample_url + href
    context.close()
