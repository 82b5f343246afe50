"""smartxiv: a self-hosted, scheduled arXiv newsletter.

The pipeline runs as a chain of small stages, each a module of
:mod:`pipeline.stages`::

    fetch ──► dedupe ──► store ──► section ──► build (edition)
    (RSS/API)  (one paper per id)    (by followed category)

Settings are read once (:mod:`pipeline.settings`) and passed down; no stage
reads the environment.
"""

__version__ = "0.1.0"
