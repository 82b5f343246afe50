"""Exceptions raised by smartxiv.

Every exception smartxiv raises on purpose derives from :class:`SmartxivError`;
the subclasses that describe bad input also derive from :class:`ValueError`,
so callers that only know builtins can still catch them::

    SmartxivError
    ├── ConfigError (ValueError)        a setting is missing or malformed; CLI exit 2
    ├── InputError (ValueError)         a user-supplied file or argument is bad; CLI exit 2
    │   └── ImportRowsError             some rows of a subscriber CSV are invalid
    ├── StoreError                      the database cannot be reached or migrated
    └── FetchError                      a feed could not be fetched or read
        ├── FeedHTTPError               the server answered with an error status
        │   └── RetryableHTTPError      ... one worth retrying (429, 5xx)
        ├── FeedTooLargeError           the body exceeded the size cap
        └── NotAFeedError (ValueError)  the body is not an RSS/Atom feed, or is truncated

A :class:`FetchError` for one feed never aborts a run: the fetch stage turns it
into a failed :class:`~pipeline.stages.fetch.FeedResult` and goes on.
"""

from __future__ import annotations


class SmartxivError(Exception):
    """Root of every error smartxiv raises on purpose."""


class ConfigError(SmartxivError, ValueError):
    """A setting is missing or malformed (names the setting)."""


class InputError(SmartxivError, ValueError):
    """A file or argument given by the user is invalid."""


class ImportRowsError(InputError):
    """Rows of a subscriber CSV are invalid; nothing was imported."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        n = len(problems)
        super().__init__(
            f"{source}: {n} invalid row{'s' if n != 1 else ''}, nothing imported "
            f"(fix them or pass --skip-invalid): {problems[0]}"
            + (f" (and {n - 1} more)" if n > 1 else "")
        )


class StoreError(SmartxivError):
    """The database cannot be reached or brought up to date."""


class FetchError(SmartxivError):
    """A feed could not be fetched or read."""


class FeedHTTPError(FetchError):
    """The server answered with an error status."""

    def __init__(self, status: int, message: str, *, retry_after: float | None = None):
        self.status = status
        self.retry_after = retry_after
        super().__init__(message)


class RetryableHTTPError(FeedHTTPError):
    """An error status worth retrying: 429 or 5xx."""


class FeedTooLargeError(FetchError):
    """The response body exceeded the configured size cap."""


class NotAFeedError(FetchError, ValueError):
    """The body is not an RSS/Atom feed (an HTML page, truncated XML...)."""
