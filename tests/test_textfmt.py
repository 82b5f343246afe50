"""Readable text: TeX accents as letters, math kept readable, abstracts cut at sentences, ordinals."""

from __future__ import annotations

import pytest

from pipeline.textfmt import cut_abstract, fold, ordinal, tex_to_text


@pytest.mark.parametrize(
    "tex, text",
    [
        ("J\\'er\\'emy", "Jérémy"),
        ('Sven M\\"uller', "Sven Müller"),
        ("Camille Lef\\`evre", "Camille Lefèvre"),
        ("{\\'E}cole and \\c{c}a", "École and ça"),
        ("a \\& b at 50% of ~3", "a & b at 50% of ~3"),
        ("cost $\\mathcal{O}(n \\log n)$ here", "cost 𝒪(n log n) here"),
        ("with $\\alpha$-divergence", "with α-divergence"),
        ("2 km$^2$", "2 km^2"),
        ("no TeX at all", "no TeX at all"),
    ],
)
def test_tex_to_text(tex, text):
    assert tex_to_text(tex) == text


def test_fold_matches_names_however_written():
    assert fold("J\\'er\\'emy Dupont") == fold("Jérémy DUPONT") == "jeremy dupont"


def test_abstract_cut_at_a_sentence_boundary():
    text = "We study a problem. It matters, e.g. for robots. Then $a. B$ holds for all. Finally we conclude. Extra."
    shown, cut = cut_abstract(text, 75)
    assert cut and shown == "We study a problem. It matters, e.g. for robots. Then $a. B$ holds for all."
    assert cut_abstract(text, 500) == (text, False)


def test_abstract_without_sentence_end_is_cut_at_a_word():
    shown, cut = cut_abstract("word " * 100, 50)
    assert cut and shown.endswith("word…") and len(shown) <= 51


@pytest.mark.parametrize("n, text", [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
                                     (16, "16th"), (21, "21st"), (22, "22nd"), (23, "23rd"), (101, "101st"), (111, "111th"), (112, "112th")])
def test_ordinal(n, text):
    assert ordinal(n) == text
