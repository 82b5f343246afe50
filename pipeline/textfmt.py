"""Making arXiv text readable in an email: TeX to letters, abstracts cut, ordinals."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# $...$, $$...$$, \(...\) and \[...\]: math, converted as a whole
_MATH_RE = re.compile(r"\$\$.+?\$\$|\$.+?\$|\\\(.+?\\\)|\\\[.+?\\\]", re.S)
# TeX accents and escapes outside math: \'e  \'{e}  {\'e}  \"{u}  \c{c}  \ss  \& \% \_ \#
_ACCENT_RE = re.compile(
    r"\{\\[`'^\"~=.uvHtcdbkr]\s*(?:\{[A-Za-z]?\}|\\?[A-Za-z])\}"
    r"|\\[`'^\"~=.](?:\{\\?[A-Za-z]?\}|\\?[A-Za-z])"
    r"|\\[uvHtcdbkr](?:\{\\?[A-Za-z]\}|\s+[A-Za-z])"
    r"|\\(?:ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)\b(?:\{\})?"
    r"|\\[&%_#$]"
)


@lru_cache(maxsize=1)
def _converter():
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="text")


@lru_cache(maxsize=4096)
def _convert(snippet: str) -> str:
    try:
        return _converter().latex_to_text(snippet)
    except Exception:  # noqa: BLE001 - unreadable TeX stays as arXiv wrote it
        return snippet


def tex_to_text(text: str) -> str:
    """TeX accents as letters (``J\\'er\\'emy`` → ``Jérémy``) and math as readable text.

    Only the TeX bits are handed to pylatexenc, so a plain ``50%`` or ``~`` in
    prose is left alone.
    """
    if "\\" not in text and "$" not in text:
        return text
    text = _MATH_RE.sub(lambda m: _convert(m.group(0)), text)
    return _ACCENT_RE.sub(lambda m: _convert(m.group(0)), text)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, accent-free form for matching names and keywords."""
    decomposed = unicodedata.normalize("NFKD", tex_to_text(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


_ABBREVIATIONS = ("e.g.", "i.e.", "et al.", "etc.", "fig.", "figs.", "eq.", "eqs.", "vs.", "cf.", "resp.", "approx.", "sec.", "ref.", "no.", "al.")
_SENTENCE_END_RE = re.compile(r"[.!?][)\"'\]]?(?=\s+[A-Z0-9$\\(\[])")


def cut_abstract(text: str, limit: int) -> tuple[str, bool]:
    """The abstract cut at the last sentence end within ``limit`` characters, and whether it was cut."""
    if len(text) <= limit:
        return text, False
    best = None
    for match in _SENTENCE_END_RE.finditer(text):
        end = match.end()
        if end > limit:
            break
        head = text[:end]
        if head.lower().endswith(_ABBREVIATIONS) or head.count("$") % 2:
            continue  # an abbreviation, or inside $math$
        best = end
    if best is not None and best >= limit // 3:
        return text[:best], True
    space = text.rfind(" ", 0, limit)
    return text[: space if space > 0 else limit].rstrip(",;:") + "…", True


def make_subject(number: int, title: str, featured_title: str | None) -> str:
    """``#16 Arxiv Weekly Insights: <featured title>`` on one header line."""
    subject = f"#{number} {title}"
    if featured_title:
        subject = f"{subject}: {tex_to_text(featured_title)}"
    # a subject is one header line, whatever a feed put in the title
    return " ".join(subject.split())


def ordinal(n: int) -> str:
    """16 → 16th, 21 → 21st, 22 → 22nd, 13 → 13th, 111 → 111th."""
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
