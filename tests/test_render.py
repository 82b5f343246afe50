"""Rendering: escaping, safe links, size, both paths giving the same bytes, text/HTML parity."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from pipeline.stages.render import GMAIL_CLIP_BYTES, EditionRenderer, Recipient, RenderError, View
from pipeline.stages.select import editorial_relevance, select
from tests.builders import paper_dict, pool_content

BASE = "https://news.example.org"


def _renderer(content, **kw):
    return EditionRenderer(number=16, content=content, title="Arxiv Weekly Insights", public_base_url=BASE,
                           brought_by="the Robotics Lab", closing="See you next week.", **kw)


def _reader(name="Ada", email="ada@example.org"):
    return Recipient(email, name, f"{BASE}/unsubscribe/tok?a=1&b=2", f"{BASE}/preferences/tok")


def _default_view(content, **kw):
    return View.of(select(content["pool"], editorial_relevance(content["pool"]), **kw))


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.srcs, self.titles, self._grab, self.scripts = [], [], [], None, 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag in ("img", "script", "link") and ("src" in a or "href" in a):
            self.srcs.append(a.get("src") or a.get("href"))
        if tag == "script":
            self.scripts += 1
        if tag in ("h1", "h3") and a.get("class", "").startswith(("sx-headline", "sx-title")):
            self._grab = []

    def handle_data(self, data):
        if self._grab is not None:
            self._grab.append(data)

    def handle_endtag(self, tag):
        if tag in ("h1", "h3") and self._grab is not None:
            self.titles.append("".join(self._grab).strip())
            self._grab = None


def _parse(html: str) -> _Links:
    p = _Links()
    p.feed(html)
    return p


@pytest.mark.parametrize(
    "reader",
    [
        _reader(),
        _reader(name=None),
        _reader(name='Jérémy "JJ" O\'Brien <b>&amp;</b>', email="o'brien+news@example.org"),
    ],
)
def test_assembled_copy_is_byte_identical_to_the_naive_render(reader):
    content = pool_content()
    renderer = _renderer(content)
    for kw in ({}, {"categories": ["cs.CL"]}, {"papers_per_section": 2, "max_papers": 5}):
        view = _default_view(content, **kw)
        fast, naive = renderer.render(view, reader), renderer.render_naive(view, reader)
        assert fast.html == naive.html
        assert fast.text == naive.text and fast.subject == naive.subject


def test_the_edition_reads_like_the_reference():
    content = pool_content(per_section=3)
    copy = _renderer(content).render(_default_view(content), _reader())
    assert copy.subject == f"#16 Arxiv Weekly Insights: {content['pool'][0]['papers'][0]['title']}"
    assert copy.html.startswith("<!doctype html>")
    for needle in ("#16 Arxiv Weekly Insights", "Hi Ada,", "Welcome to the 16th edition of Arxiv Weekly Insights.",
                   "Brought to you by the Robotics Lab.", "See you next week.", "Featured this week",
                   "Robotics", "Computer Vision and Pattern Recognition", "Machine Learning", "Computation and Language"):
        assert needle in copy.html, needle
    links = _parse(copy.html).hrefs
    first = content["pool"][0]["papers"][0]["id"]
    assert {f"https://arxiv.org/abs/{first}", f"https://arxiv.org/pdf/{first}v1", f"https://arxiv.org/html/{first}v1"} <= set(links)
    assert f"{BASE}/unsubscribe/tok?a=1&b=2" in links and f"{BASE}/preferences/tok" in links and f"{BASE}/archive/16" in links


def test_every_feed_value_is_escaped():
    nasty = paper_dict(
        "2611.66666", "cs.RO",
        title='<script>alert("x")</script> Tom & Jerry say "hi" for $a<b$',
        authors=["<img src=x onerror=alert(1)>", "J\\'er\\'emy D\\'ej\\`a"],
        abstract='An abstract with <b>tags</b> & ampersands, "quotes" and $x<y$. Done.',
    )
    content = pool_content(per_section=2)
    content["pool"][0]["papers"].insert(0, nasty)
    renderer = _renderer(content)
    copy = renderer.render(_default_view(content), _reader())
    parsed = _parse(copy.html)
    assert parsed.scripts == 0 and not any("x" == s for s in parsed.srcs)
    assert '&lt;script&gt;alert("x")&lt;/script&gt; Tom &amp; Jerry say "hi" for a&lt;b' in copy.html
    assert "&lt;img src=x onerror=alert(1)&gt;, Jérémy Déjà" in copy.html
    assert parsed.titles[0] == '<script>alert("x")</script> Tom & Jerry say "hi" for a<b'
    assert "<b>tags</b>" not in copy.html
    assert copy.html == renderer.render_naive(_default_view(content), _reader()).html


def test_links_are_https_or_the_public_base_and_nothing_is_fetched():
    content = pool_content(per_section=2)
    copy = _renderer(content).render(_default_view(content), _reader())
    parsed = _parse(copy.html)
    assert parsed.hrefs and all(h.startswith(("https://arxiv.org/", BASE)) for h in parsed.hrefs)
    assert parsed.srcs == []  # no images, fonts or stylesheets to fetch
    assert "fonts.googleapis" not in copy.html and "<link" not in copy.html


def test_an_unsafe_link_is_refused():
    content = pool_content(per_section=1)
    renderer = _renderer(content)
    with pytest.raises(RenderError, match="javascript"):
        renderer.render(_default_view(content), Recipient("a@example.org", None, "javascript:alert(1)", f"{BASE}/p"))
    with pytest.raises(RenderError):
        renderer.render(_default_view(content), Recipient("a@example.org", None, "http://elsewhere.example/u", f"{BASE}/p"))


def test_a_full_edition_stays_under_gmails_clip():
    content = pool_content(per_section=10, categories=("cs.RO", "cs.CV", "cs.LG", "cs.CL", "cs.AI"), long_abstracts=True)
    copy = _renderer(content, abstract_max_chars=600).render(_default_view(content), _reader())
    assert len(copy.paper_ids) == 25
    assert copy.html_bytes < GMAIL_CLIP_BYTES and not copy.clipped_by_gmail
    assert copy.html.count("read\xa0more") == 25


def test_long_abstracts_are_cut_with_read_more():
    content = pool_content(per_section=1, long_abstracts=True)
    copy = _renderer(content, abstract_max_chars=200).render(_default_view(content), _reader())
    assert "read\xa0more\xa0→" in copy.html
    assert "Sentence 13" not in copy.html and "[read more: https://arxiv.org/abs/" in copy.text


def test_text_and_html_list_the_same_papers_in_the_same_order():
    content = pool_content(per_section=6)
    copy = _renderer(content).render(_default_view(content, categories=["cs.LG", "cs.RO"]), _reader())
    html_titles = _parse(copy.html).titles
    lines = copy.text.splitlines()
    featured = lines[lines.index("* FEATURED THIS WEEK *") + 1]
    text_titles = [featured] + [ln[2:] for ln in lines if ln.startswith("- ")]
    assert html_titles == text_titles
    by_title = {p["title"]: p["id"] for s in content["pool"] for p in s["papers"]}
    assert [by_title[t] for t in html_titles] == list(copy.paper_ids)
    assert len(html_titles) == 10
