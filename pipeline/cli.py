"""The ``smartxiv`` command line.

Exit codes: 0 done; 1 ran but something failed (a feed, a page); 2 usage or
configuration error, told in one line on stderr, no traceback.
"""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from pipeline.errors import ConfigError, ImportRowsError, InputError, SmartxivError
from pipeline.settings import Settings, load_settings
from pipeline.store import Store, open_store

app = typer.Typer(
    name="smartxiv",
    help="A self-hosted, scheduled arXiv newsletter.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
subscribers_app = typer.Typer(help="Manage subscribers.", no_args_is_help=True)
app.add_typer(subscribers_app, name="subscribers")

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def _context() -> tuple[Settings, Store]:
    settings = load_settings()
    return settings, open_store(settings.database_url)


# -- fetch -------------------------------------------------------------------
@app.command()
def fetch(
    as_json: Annotated[bool, typer.Option("--json", help="Print the per-category results as JSON.")] = False,
    backfill_days: Annotated[
        Optional[int], typer.Option("--backfill", metavar="DAYS", min=1, max=60, help="Fill the last DAYS announcement days from the arXiv API.")
    ] = None,
) -> None:
    """Poll each followed category's feed and store new papers."""
    from pipeline.ingest import backfill, fetch_feeds

    settings, store = _context()
    try:
        if backfill_days is not None:
            with err.status("backfilling from the arXiv API…") if err.is_terminal and not as_json else nullcontext():
                report = backfill(settings, store, backfill_days)
            if as_json:
                _print_json(report.to_json())
            else:
                out.print(
                    f"backfill {report.since} → {report.days[-1]}: {report.pages} page(s), {report.items} papers, "
                    f"{report.new} new, {report.updated} updated"
                )
                if report.error:
                    err.print(f"[red]error:[/red] {report.error}")
            raise typer.Exit(1 if report.failed else 0)

        with err.status("fetching feeds…") if err.is_terminal and not as_json else nullcontext():
            report = fetch_feeds(settings, store)
    finally:
        store.close()
    if as_json:
        _print_json(report.to_json())
    else:
        table = Table(title="arXiv feeds", title_justify="left")
        for col in ("category", "status", "day", "items", "new", "updated", "note"):
            table.add_column(col, justify="right" if col in ("items", "new", "updated") else "left")
        for r in report.results:
            style = "red" if r.failed else ""
            note = r.error or r.warning or ("no announcements (weekend or holiday)" if r.status == "empty" else "")
            table.add_row(r.category, r.status, str(r.announced_on or ""), str(len(r.records)), str(r.new), str(r.updated), note, style=style)
        out.print(table)
        out.print(f"{report.new} new papers stored; {len(report.failed)} feed(s) failed")
    if report.failed:
        for r in report.failed:
            err.print(f"error: {r.category}: {r.error}")
        raise typer.Exit(1)


# -- build -------------------------------------------------------------------
@app.command()
def build(as_json: Annotated[bool, typer.Option("--json", help="Print the edition as JSON.")] = False) -> None:
    """Freeze the next edition from the stored papers."""
    from pipeline.copies import EditionCopies
    from pipeline.editions import build_edition

    settings, store = _context()
    try:
        with store.session() as session:
            result = build_edition(session, settings)
            data = result.to_json()
            if result.edition is not None:
                default_copy = EditionCopies(settings, result.edition).copy_for(session, None)
                _warn_if_clipped(default_copy, "the default copy")
    finally:
        store.close()
    if as_json:
        _print_json(data)
        return
    if result.edition is None:
        out.print(result.reason)
        return
    _print_edition(data)


def _print_edition(data: dict) -> None:
    out.print(f"[bold]{data['subject']}[/bold]")
    out.print(f"featured: {data['featured']['title']} ({data['featured']['id']})")
    for sec in data["sections"]:
        out.print(f"\n[bold]{sec['name']}[/bold] [dim]({sec['category']}, {len(sec['papers'])} papers)[/dim]")
        for p in sec["papers"]:
            out.print(f"  • {p['title']} [dim]{p['id']}[/dim]")


def _warn_if_clipped(copy, who: str) -> None:  # noqa: ANN001
    from pipeline.stages.render import GMAIL_CLIP_BYTES

    if copy.clipped_by_gmail:
        err.print(
            f"warning: {who} is {copy.html_bytes / 1024:.0f} KB of HTML; Gmail clips messages over "
            f"{GMAIL_CLIP_BYTES // 1024} KB (lower MAX_PAPERS or ABSTRACT_MAX_CHARS)"
        )


# -- preview -------------------------------------------------------------------
@app.command()
def preview(
    out_file: Annotated[Path, typer.Option("--out", help="Where to write the HTML copy (FILE.txt gets the text part).")],
    edition_number: Annotated[Optional[int], typer.Option("--edition", help="Edition number (default: the newest).")] = None,
    subscriber_email: Annotated[Optional[str], typer.Option("--subscriber", help="Render this subscriber's copy (default: no preferences).")] = None,
) -> None:
    """Write one subscriber's copy of an edition as HTML and text."""
    from pipeline.copies import EditionCopies, find_edition
    from subscribers import service

    settings, store = _context()
    try:
        with store.session() as session:
            edition = find_edition(session, edition_number)
            subscriber = service.find(session, subscriber_email) if subscriber_email else None
            copy = EditionCopies(settings, edition).copy_for(session, subscriber)
    finally:
        store.close()
    text_file = _write_copy(copy, out_file)
    if subscriber is not None and subscriber.status != "active":
        err.print(f"note: {subscriber.email} is {subscriber.status}; they are not sent editions")
    out.print(f"subject: {copy.subject}")
    out.print(f"html:    {out_file} ({copy.html_bytes / 1024:.1f} KB, {len(copy.paper_ids)} papers)")
    out.print(f"text:    {text_file}")
    _warn_if_clipped(copy, "this copy")


def _write_copy(copy, out_file: Path) -> Path:  # noqa: ANN001
    """Write FILE and FILE's .txt sibling together: both or neither."""
    text_file = out_file.with_suffix(".txt") if out_file.suffix.lower() != ".txt" else out_file.with_name(out_file.name + ".txt")
    if out_file.parent and not out_file.parent.exists():
        raise InputError(f"--out: folder {out_file.parent} does not exist")
    tmp_html = out_file.with_name(f".{out_file.name}.tmp")
    tmp_text = text_file.with_name(f".{text_file.name}.tmp")
    try:
        tmp_html.write_text(copy.html, "utf-8")
        tmp_text.write_text(copy.text, "utf-8")
        tmp_html.replace(out_file)
        tmp_text.replace(text_file)
    except OSError as exc:
        for tmp in (tmp_html, tmp_text):
            tmp.unlink(missing_ok=True)
        raise InputError(f"--out: cannot write {out_file}: {exc.strerror}") from None
    return text_file


# -- status ------------------------------------------------------------------
@app.command()
def status(as_json: Annotated[bool, typer.Option("--json", help="Print the status as JSON.")] = False) -> None:
    """Editions, subscribers, next scheduled runs, last fetch per category."""
    from pipeline.status import collect_status

    settings, store = _context()
    try:
        data = collect_status(settings, store, now=datetime.now(timezone.utc))
    finally:
        store.close()
    if as_json:
        _print_json(data)
        return
    subs = data["subscribers"]
    out.print(f"[bold]{settings.newsletter_title}[/bold]  ({settings.database_url.split('://')[0]})")
    out.print("subscribers: " + ", ".join(f"{n} {k}" for k, n in subs.items()))
    out.print(f"next fetch:   {data['schedule']['next_fetch']}  ({settings.fetch_schedule}, {settings.timezone})")
    out.print(f"next edition: {data['schedule']['next_edition']}  ({settings.edition_schedule}, {settings.timezone})")
    out.print(f"papers stored: {data['papers']['stored']}, waiting for the next edition: {data['papers']['pending']}")
    table = Table(title="editions", title_justify="left")
    for col in ("#", "built", "papers", "subject"):
        table.add_column(col)
    for e in data["editions"]:
        table.add_row(str(e["number"]), e["built_at"][:16], str(e["papers"]), e["subject"])
    out.print(table)
    feeds = Table(title="feeds", title_justify="left")
    for col in ("category", "last fetch", "status", "day", "items", "error"):
        feeds.add_column(col)
    for f in data["feeds"]:
        feeds.add_row(
            f["category"], (f["last_fetched_at"] or "never")[:16], f["status"] or "", f["announced_on"] or "",
            "" if f["items"] is None else str(f["items"]), f["error"] or "", style="red" if f["status"] == "error" else "",
        )
    out.print(feeds)


# -- subscribers -------------------------------------------------------------
@subscribers_app.command("import")
def subscribers_import(
    file: Annotated[Path, typer.Argument(help="CSV with header email,name,categories,interests,seed.")],
    skip_invalid: Annotated[bool, typer.Option("--skip-invalid", help="Import the good rows and report the bad ones.")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Import (or update) subscribers from a CSV file, all rows or none."""
    from subscribers import service
    from subscribers.importer import read_csv

    parsed = read_csv(file)
    for column in parsed.ignored_columns:
        err.print(f"warning: {file}: ignoring unknown column {column!r}")
    if parsed.problems and not skip_invalid:
        for problem in parsed.problems[1:]:
            err.print(f"  {file}: {problem}")
        raise ImportRowsError(str(file), parsed.problems)
    settings, store = _context()
    try:
        with store.session() as session:
            counts = service.upsert(session, parsed.rows)
    finally:
        store.close()
    if as_json:
        _print_json({**counts.to_json(), "skipped": parsed.problems})
    else:
        out.print(f"{file}: {counts.added} added, {counts.updated} updated, {len(counts.kept_inactive)} kept inactive"
                  + (f", {len(parsed.problems)} invalid row(s) skipped" if parsed.problems else ""))
        for who in counts.kept_inactive:
            out.print(f"  not re-activated: {who}")
    for problem in parsed.problems:
        err.print(f"skipped: {file}: {problem}")


@subscribers_app.command("add")
def subscribers_add(
    emails: Annotated[list[str], typer.Argument(help="One or more addresses.")],
    name: Annotated[Optional[str], typer.Option(help="Display name (one address only).")] = None,
    categories: Annotated[Optional[str], typer.Option(help="arXiv codes, space/comma/semicolon separated.")] = None,
    interests: Annotated[Optional[str], typer.Option(help="Free-text interests.")] = None,
    authors: Annotated[Optional[str], typer.Option(help="Pinned authors, semicolon-separated; their papers are always in.")] = None,
    keywords: Annotated[Optional[str], typer.Option(help="Must-include keywords, semicolon-separated.")] = None,
    seed: Annotated[bool, typer.Option("--seed", help="Put them on the seed list for test editions.")] = False,
    reactivate: Annotated[bool, typer.Option("--reactivate", help="Re-activate someone who unsubscribed or bounced.")] = False,
) -> None:
    """Add subscribers (validated; nothing is written if one is invalid)."""
    from subscribers import service
    from subscribers.model import make_subscriber

    if name and len(emails) > 1:
        raise InputError("--name: give it with one address only")
    rows = [
        make_subscriber(e, name=name, categories=categories, interests=interests, seed=seed, pinned_authors=authors, keywords=keywords)
        for e in emails
    ]
    settings, store = _context()
    try:
        with store.session() as session:
            counts = service.upsert(session, rows, reactivate=reactivate)
    finally:
        store.close()
    out.print(f"{counts.added} added, {counts.updated} updated, {counts.reactivated} re-activated")
    for who in counts.kept_inactive:
        err.print(f"not re-activated: {who} (use --reactivate if they asked to come back)")


@subscribers_app.command("list")
def subscribers_list(
    as_json: Annotated[bool, typer.Option("--json")] = False,
    status_filter: Annotated[Optional[str], typer.Option("--status", help="active, unsubscribed, bounced or complained.")] = None,
) -> None:
    """List subscribers."""
    from subscribers import service
    from subscribers.model import Status

    try:
        wanted = Status(status_filter) if status_filter else None
    except ValueError:
        raise InputError(f"--status: {status_filter!r} is not one of {', '.join(s.value for s in Status)}") from None
    settings, store = _context()
    try:
        with store.session() as session:
            rows = [service.subscriber_json(s) for s in service.list_all(session, status=wanted)]
    finally:
        store.close()
    if as_json:
        _print_json(rows)
        return
    table = Table(title=f"{len(rows)} subscriber(s)", title_justify="left")
    for col in ("email", "name", "status", "categories", "interests", "seed"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["email"], r["name"] or "", r["status"], " ".join(r["categories"]) or "all", r["interests"] or "", "yes" if r["seed"] else "")
    out.print(table)


@subscribers_app.command("unsubscribe")
def subscribers_unsubscribe(email: str) -> None:
    """Mark a subscriber as unsubscribed (kept, so re-imports never re-add them)."""
    from subscribers import service
    from subscribers.model import Status

    settings, store = _context()
    try:
        with store.session() as session:
            sub = service.set_status(session, email, Status.UNSUBSCRIBED)
            address = sub.email
    finally:
        store.close()
    out.print(f"{address} unsubscribed")


@subscribers_app.command("remove")
def subscribers_remove(email: str) -> None:
    """Delete a subscriber and their profile."""
    from subscribers import service

    settings, store = _context()
    try:
        with store.session() as session:
            address = service.remove(session, email).email
    finally:
        store.close()
    out.print(f"{address} removed")


# -- demo --------------------------------------------------------------------
@app.command()
def demo(
    folder: Annotated[Path, typer.Option("--dir", help="Where the demo writes its database and files (emptied first).")] = Path("var/demo"),
) -> None:
    """Offline: fetch a bundled sample week from a local server and build an edition."""
    from pipeline.demo import run_demo

    settings = load_settings()
    run = run_demo(settings, folder=folder)
    out.print("[bold]smartxiv demo[/bold]: the sample week of 23–27 Nov 2026, served from a local arXiv stand-in\n")
    for day, report in run.days:
        per_cat = ", ".join(f"{r.category} {r.new}" for r in report.results)
        empty = all(r.status == "empty" for r in report.results)
        note = "no announcements (arXiv holiday)" if empty else f"{report.new} new papers ({per_cat})"
        out.print(f"  fetch {day}: {note}")
    out.print(f"  imported {run.subscribers} sample subscribers\n")
    if run.build and run.build.edition is not None:
        _print_edition(run.build.to_json())
    if run.previews:
        out.print("\n[bold]personalized copies[/bold] (open the .html in a browser):")
        for who, profile, subject, html_path, text_path in run.previews:
            out.print(f"  {who} — {profile}")
            out.print(f"    subject: {subject}")
            out.print(f"    {html_path}  (text: {text_path.name})")
    out.print("")
    out.print(f"database: {run.database}")
    if run.edition_json:
        out.print(f"edition:  {run.edition_json}")


# -- entry point -------------------------------------------------------------
def main() -> None:
    """Console-script entry: user mistakes become one line on stderr and exit 2."""
    from pipeline.stages.render import silence_cssutils

    silence_cssutils()
    try:
        app()
    except (ConfigError, InputError) as exc:
        err.print(f"smartxiv: error: {exc}", markup=False)
        sys.exit(2)
    except SmartxivError as exc:
        err.print(f"smartxiv: error: {exc}", markup=False)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("smartxiv: interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
