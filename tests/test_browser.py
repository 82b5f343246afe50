"""The rendered email in real headless Chromium, at phone and desktop widths."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from pipeline.stages.render import EditionRenderer, Recipient, View
from pipeline.stages.select import editorial_relevance, select
from tests.builders import paper_dict, pool_content

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
SHOTS = Path(tempfile.gettempdir()) / "smartxiv-screenshots"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is not installed: .ci/run must install it")
        pytest.skip("chromium not installed (apt-get install chromium)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def email_file(tmp_path_factory):
    content = pool_content(per_section=7, categories=("cs.RO", "cs.CV", "cs.LG", "cs.CL", "cs.AI"), long_abstracts=True)
    # the worst a feed sends: a very long unbroken token, TeX, markup
    content["pool"][0]["papers"][0] = paper_dict(
        "2611.10000", "cs.RO",
        title="Supercalifragilisticexpialidociousnessfulnessandevenlongerwordsthatneverbreak in $\\mathcal{O}(n^2)$ <time>",
        authors=["J\\'er\\'emy D\\'ej\\`a", "Zo\\\"e M\\\"uller"],
    )
    renderer = EditionRenderer(number=21, content=content, title="Arxiv Weekly Insights", public_base_url="https://news.example.org",
                               brought_by="the Robotics Lab", closing="Happy reading!")
    view = View.of(select(content["pool"], editorial_relevance(content["pool"])))
    copy = renderer.render(view, Recipient("ada@example.org", "Ada", "https://news.example.org/unsubscribe/t", "https://news.example.org/preferences/t"))
    path = tmp_path_factory.mktemp("email") / "copy.html"
    path.write_text(copy.html, "utf-8")
    return path


@pytest.mark.parametrize("width, height", [(375, 667), (800, 900)])
def test_renders_cleanly_in_chromium(browser, email_file, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(email_file.as_uri())
        scroll_width, client_width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert scroll_width <= client_width, f"horizontal scroll at {width}px: {scroll_width} > {client_width}"
        urls = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"
                             ".concat([...document.querySelectorAll('img[src]')].map(i => i.getAttribute('src')))")
        assert urls and all(u.startswith("https://") for u in urls), [u for u in urls if not u.startswith("https://")]
        headline = page.locator("h1.sx-headline")
        assert headline.is_visible()
        box = headline.bounding_box()
        assert box["y"] + box["height"] <= height, f"featured title below the fold at {width}px"
        assert "Jérémy Déjà" in page.inner_text("body") and "<time>" in headline.inner_text()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"edition-{width}.png"), full_page=True)
    finally:
        page.close()
