"""Reading a subscriber CSV: header ``email,name,categories,interests,seed``.

Only ``email`` is required. Two optional columns extend a profile: ``authors``
(pinned authors, semicolon-separated) and ``keywords`` (must-include keywords,
semicolon-separated). Every row is validated before anything is written;
:func:`read_csv` returns the good rows and a line for each bad one.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import InputError
from subscribers.model import SubscriberInput, make_subscriber

COLUMNS = ("email", "name", "categories", "interests", "seed", "authors", "keywords")


@dataclass(slots=True)
class ParsedList:
    """Valid rows, problems (one line each, naming the row), ignored columns."""

    rows: list[SubscriberInput] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def read_csv(path: Path) -> ParsedList:
    """Parse and validate a subscriber list; raises InputError if the file itself is unusable."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror}") from None
    return parse_csv_text(text, source=str(path))


def parse_csv_text(text: str, *, source: str = "CSV") -> ParsedList:
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    result = ParsedList()
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{source}: empty file, expected a header row {','.join(COLUMNS[:5])}") from None
    except csv.Error as exc:
        raise InputError(f"{source}: header row: {exc}") from None
    columns = [h.strip().lower() for h in header]
    if "email" not in columns:
        raise InputError(f"{source}: header row has no 'email' column (expected {','.join(COLUMNS[:5])})")
    result.ignored_columns = [c for c in columns if c not in COLUMNS]
    seen: dict[str, int] = {}
    while True:
        line = reader.line_num + 1  # rows are named by the line they start on
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            result.problems.append(f"row {line}: malformed CSV: {exc}")
            break
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(columns):
            result.problems.append(f"row {line}: {len(values)} fields, the header has {len(columns)}")
            continue
        fields = dict(zip(columns, values))
        try:
            sub = make_subscriber(
                fields.get("email", ""),
                name=fields.get("name"),
                categories=fields.get("categories"),
                interests=fields.get("interests"),
                seed=fields.get("seed"),
                pinned_authors=fields.get("authors"),
                keywords=fields.get("keywords"),
            )
        except InputError as exc:
            result.problems.append(f"row {line}: {exc}")
            continue
        if sub.email_key in seen:
            result.problems.append(f"row {line}: {sub.email} repeats row {seen[sub.email_key]}")
            continue
        seen[sub.email_key] = line
        result.rows.append(sub)
    return result
