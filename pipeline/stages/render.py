"""Render stage: an edition's copies as inlined-CSS HTML and plain text.

Jinja2 (autoescape, StrictUndefined) fills the MJML templates in
``templates/``, mjml-python (MRML) turns MJML into HTML, premailer inlines
``templates/email.css`` with ``allow_network=False``. No network, ever.

Render once, assemble many: :class:`EditionRenderer` renders one document
holding every paper (each as a featured block and as a section block), with a
marker comment before each block and placeholders where the reader's details
go, and cuts it at the markers. A reader's copy is then a join of pre-rendered,
pre-inlined parts plus a few string replacements. :meth:`EditionRenderer.render_naive`
renders the same copy the long way (Jinja → MJML → premailer for that reader);
both give the same bytes.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence
from urllib.parse import quote, urlsplit

import mjml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

import pipeline
from pipeline.errors import SmartxivError
from pipeline.stages.select import Selection
from pipeline.textfmt import cut_abstract, make_subject, ordinal, tex_to_text

#: Gmail clips a message body past 102 KB.
GMAIL_CLIP_BYTES = 102 * 1024
DOCTYPE = "<!doctype html>"
MAX_AUTHORS_SHOWN = 12

_MARKER_RE = re.compile(r"<!-- sx:(\w+):(\S*) -->")
_TEXT_MARKER_RE = re.compile(r"\x00sx:(\w+):(\S*)\x00")


class RenderError(SmartxivError, ValueError):
    """A copy cannot be rendered safely (an unsafe link, a broken template)."""


def templates_dir() -> Path:
    """``pipeline/templates`` in an installed wheel, else the repository's ``templates/``."""
    packaged = Path(pipeline.__file__).resolve().parent / "templates"
    if (packaged / "email.mjml.j2").is_file():
        return packaged
    return Path(pipeline.__file__).resolve().parent.parent / "templates"


def silence_cssutils() -> None:
    """cssutils logs a warning for every MJML/Outlook property it does not know; once, at start-up."""
    import cssutils

    cssutils.log.setLevel(logging.CRITICAL)
    logging.getLogger("CSSUTILS").setLevel(logging.CRITICAL)


def _html_text(value: str) -> str:
    """Escape text the way lxml serializes a text node (premailer's output)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _html_attr(value: str) -> str:
    """Escape an attribute value the way lxml's HTML serializer does."""
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True, slots=True)
class Recipient:
    """Who a copy is for, and their personal links."""

    email: str
    name: str | None
    unsubscribe_url: str
    preferences_url: str

    @property
    def greeting(self) -> str:
        return f"Hi {self.name}," if self.name else "Hi there,"


@dataclass(frozen=True, slots=True)
class Copy:
    """One reader's rendered edition."""

    subject: str
    html: str
    text: str
    paper_ids: tuple[str, ...]

    @property
    def html_bytes(self) -> int:
        return len(self.html.encode("utf-8"))

    @property
    def clipped_by_gmail(self) -> bool:
        return self.html_bytes > GMAIL_CLIP_BYTES


@dataclass(frozen=True, slots=True)
class View:
    """A selection laid out for rendering: the featured paper, then sections without it."""

    featured: str
    sections: tuple[tuple[str, tuple[str, ...]], ...]

    @classmethod
    def of(cls, selection: Selection) -> View:
        sections = []
        for cat, ids in selection.sections:
            rest = tuple(pid for pid in ids if pid != selection.featured)
            if rest:
                sections.append((cat, rest))
        return cls(selection.featured, tuple(sections))

    @property
    def paper_ids(self) -> tuple[str, ...]:
        return (self.featured, *(pid for _, ids in self.sections for pid in ids))


class _Assembly:
    """A document rendered with every block, cut at its markers, ready to be joined per reader.

    The reader's details sit in the prefix and suffix as placeholder tokens;
    those two are pre-split at the tokens, so personalizing is a join too.
    """

    def __init__(self, document: str, marker: re.Pattern, placeholders: Sequence[str]):
        pieces = marker.split(document)
        self.blocks: dict[tuple[str, str], str] = {}
        suffix = ""
        for i in range(1, len(pieces), 3):
            kind, key, body = pieces[i], pieces[i + 1], pieces[i + 2]
            if kind == "end":
                suffix = body
            else:
                self.blocks[(kind, key)] = body
        token_re = re.compile("|".join(re.escape(t) for t in placeholders))
        self.prefix = token_re.split(pieces[0])
        self.prefix_tokens = token_re.findall(pieces[0])
        self.suffix = token_re.split(suffix)
        self.suffix_tokens = token_re.findall(suffix)

    @staticmethod
    def _fill(literals: list[str], tokens: list[str], values: dict[str, str], out: list[str]) -> None:
        for literal, token in zip(literals, tokens):
            out.append(literal)
            out.append(values[token])
        out.append(literals[-1])

    def join(self, keys: Iterable[tuple[str, str]], values: dict[str, str]) -> str:
        out: list[str] = []
        self._fill(self.prefix, self.prefix_tokens, values, out)
        blocks = self.blocks
        try:
            out.extend(blocks[key] for key in keys)
        except KeyError as exc:
            raise RenderError(f"{exc.args[0][0]} {exc.args[0][1]} was not pre-rendered for this edition") from None
        self._fill(self.suffix, self.suffix_tokens, values, out)
        return "".join(out)


#: The reader's fields: the placeholder rendered once in their place, and how
#: the real value is escaped where it lands in the HTML (text node or attribute).
_READER_FIELDS = {
    "greeting": ("SXPHGREETINGX", _html_text),
    "email": ("SXPHEMAILX", _html_text),
    "preheader": ("SXPHPREHEADERX", _html_text),
    "unsubscribe_url": ("https://sxph.invalid/unsubscribe", _html_attr),
    "preferences_url": ("https://sxph.invalid/preferences", _html_attr),
}
_PLACEHOLDERS = tuple(token for token, _ in _READER_FIELDS.values())


class EditionRenderer:
    """Renders one edition's copies: the heavy work once, then a join per reader."""

    def __init__(
        self,
        *,
        number: int,
        content: dict,
        title: str,
        public_base_url: str,
        brought_by: str = "",
        closing: str = "",
        abstract_max_chars: int = 600,
        paper_ids: Iterable[str] | None = None,
    ):
        self.number = number
        self.title = title
        self.base_url = public_base_url.rstrip("/")
        self.allowed_schemes = {"https", urlsplit(self.base_url).scheme}
        self._names = {sec["category"]: sec["name"] for sec in content["pool"]}
        wanted = set(paper_ids) if paper_ids is not None else None
        self._section_of: dict[str, str] = {}
        self.papers: dict[str, dict] = {}
        for sec in content["pool"]:
            for p in sec["papers"]:
                if wanted is None or p["id"] in wanted:
                    self.papers[p["id"]] = self._display(p, abstract_max_chars)
                    self._section_of[p["id"]] = sec["category"]
        self.edition = {
            "number": number,
            "title": title,
            "heading": f"#{number} {title}",
            "welcome": f"Welcome to the {ordinal(number)} edition of {title}.",
            "brought_by": brought_by,
            "closing": closing,
            "view_url": f"{self.base_url}/archive/{number}",
        }
        env = _environment(str(templates_dir()))
        env.filters["safe_url"] = self._safe_url
        self._mjml = env.get_template("email.mjml.j2")
        self._text = env.get_template("email.txt.j2")
        self._css = (templates_dir() / "email.css").read_text("utf-8")
        self._render_all()

    # -- preparing papers ------------------------------------------------------
    @staticmethod
    def _display(p: dict, limit: int) -> dict:
        authors = [tex_to_text(a) for a in p["authors"]]
        if len(authors) > MAX_AUTHORS_SHOWN:
            authors = authors[: MAX_AUTHORS_SHOWN - 1] + [f"et al. ({len(authors)} authors)"]
        abstract, cut = cut_abstract(tex_to_text(p["abstract"]), limit)
        pid, version = quote(p["id"], safe="./"), int(p["version"])
        return {
            "id": p["id"],
            "title": tex_to_text(p["title"]),
            "authors": ", ".join(authors),
            "abstract": abstract,
            "cut": cut,
            "url": f"https://arxiv.org/abs/{pid}",
            "pdf_url": f"https://arxiv.org/pdf/{pid}v{version}",
            "html_url": f"https://arxiv.org/html/{pid}v{version}",
            "categories": " · ".join(p["categories"]),
        }

    def _safe_url(self, url: str) -> str:
        scheme = urlsplit(str(url)).scheme
        if scheme not in self.allowed_schemes:
            raise RenderError(f"refusing to link to {url!r}: only https (or {self.base_url}) links are allowed")
        return url

    # -- the shared rendering pipeline -------------------------------------------
    def _context(self, featured: Sequence[dict], sections: Sequence[dict], recipient: dict) -> dict:
        return {
            "edition": self.edition,
            "featured": featured,
            "sections": sections,
            "recipient": recipient,
            "mark": _mark,
            "mark_text": _mark_text,
        }

    def _to_html(self, mjml_source: str) -> str:
        from premailer import Premailer

        compiled = mjml.mjml2html(mjml_source)
        # MJML's own reset and media-query styles stay in <head>; only our stylesheet is inlined
        compiled = compiled.replace('<style type="text/css">', '<style type="text/css" data-premailer="ignore">')
        inlined = Premailer(
            compiled,
            css_text=self._css,
            allow_network=False,
            keep_style_tags=True,
            remove_classes=False,
            strip_important=False,
            disable_validation=True,
            cssutils_logging_level=logging.CRITICAL,
        ).transform()
        # premailer drops MJML's doctype; clients need it for standards mode
        return inlined if inlined.lower().startswith("<!doctype") else f"{DOCTYPE}\n{inlined}"

    def _render_all(self) -> None:
        """Render every paper once, as HTML (through MJML and premailer) and as text."""
        placeholder = {field: token for field, (token, _) in _READER_FIELDS.items()}
        by_section: dict[str, list[dict]] = {}
        for pid, p in self.papers.items():
            by_section.setdefault(self._section_of[pid], []).append(p)
        sections = [{"category": c, "name": self._names[c], "papers": ps} for c, ps in by_section.items()]
        context = self._context(list(self.papers.values()), sections, placeholder)
        self._html = _Assembly(self._to_html(self._mjml.render(context)), _MARKER_RE, _PLACEHOLDERS)
        self._txt = _Assembly(self._text.render(context), _TEXT_MARKER_RE, _PLACEHOLDERS)

    # -- copies ---------------------------------------------------------------------
    def _preheader(self, view: View) -> str:
        n = len(view.paper_ids)
        return f"{self.papers[view.featured]['title']} · and {n - 1} more papers picked for you" if n > 1 else self.papers[view.featured]["title"]

    def subject(self, view: View) -> str:
        return make_subject(self.number, self.title, self.papers[view.featured]["title"])

    def _check_recipient(self, recipient: Recipient) -> None:
        for url in (recipient.unsubscribe_url, recipient.preferences_url):
            self._safe_url(url)

    @staticmethod
    def _keys(view: View) -> list[tuple[str, str]]:
        keys = [("featured", view.featured)]
        for cat, ids in view.sections:
            keys.append(("section", cat))
            keys.extend(("paper", pid) for pid in ids)
        return keys

    def _reader_context(self, view: View, recipient: Recipient) -> dict:
        return {
            "email": recipient.email,
            "greeting": recipient.greeting,
            "preheader": self._preheader(view),
            "unsubscribe_url": recipient.unsubscribe_url,
            "preferences_url": recipient.preferences_url,
        }

    def render(self, view: View, recipient: Recipient) -> Copy:
        """A reader's copy, joined from the pre-rendered parts (the fast path)."""
        self._check_recipient(recipient)
        keys = self._keys(view)
        reader = self._reader_context(view, recipient)
        html_values = {token: escape(reader[field]) for field, (token, escape) in _READER_FIELDS.items()}
        text_values = {token: reader[field] for field, (token, _) in _READER_FIELDS.items()}
        return Copy(self.subject(view), self._html.join(keys, html_values), self._txt.join(keys, text_values), view.paper_ids)

    def render_naive(self, view: View, recipient: Recipient) -> Copy:
        """The same copy rendered whole for this reader: Jinja → MJML → premailer."""
        self._check_recipient(recipient)
        sections = [{"category": c, "name": self._names[c], "papers": [self.papers[p] for p in ids]} for c, ids in view.sections]
        context = self._context([self.papers[view.featured]], sections, self._reader_context(view, recipient))
        document = _MARKER_RE.sub("", self._to_html(self._mjml.render(context)))
        text = _TEXT_MARKER_RE.sub("", self._text.render(context))
        return Copy(self.subject(view), document, text, view.paper_ids)


def _mark(kind: str, key: str) -> Markup:
    return Markup(f"<mj-raw><!-- sx:{kind}:{html.escape(key)} --></mj-raw>")


def _mark_text(kind: str, key: str) -> str:
    return f"\x00sx:{kind}:{key}\x00"


def _environment(folder: str) -> Environment:
    silence_cssutils()
    return Environment(
        loader=FileSystemLoader(folder),
        autoescape=select_autoescape(enabled_extensions=("mjml.j2", "html"), default_for_string=True, default=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
