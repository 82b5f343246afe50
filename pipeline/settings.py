"""Settings: built once at start-up from the environment and ``./.env``.

The environment wins over ``.env``. Nothing else in smartxiv reads
``os.environ``: the :class:`Settings` object is passed down to every stage.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from pipeline import taxonomy
from pipeline.errors import ConfigError

DEFAULT_CATEGORIES = ("cs.RO", "cs.CV", "cs.LG", "cs.CL")


def _split_list(value: object) -> object:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.replace(";", ",").split(",") if part.strip())
    return value


class Settings(BaseSettings):
    """Every setting smartxiv has; see ``.env.example`` for one line on each."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        case_sensitive=False,
        extra="ignore",
        frozen=True,
    )

    database_url: str = "sqlite:///./var/smartxiv.db"
    arxiv_categories: Annotated[tuple[str, ...], NoDecode] = DEFAULT_CATEGORIES
    arxiv_rss_base: str = "https://rss.arxiv.org/rss"
    arxiv_api_url: str = "https://export.arxiv.org/api/query"
    arxiv_api_delay: float = Field(3.0, ge=0)
    arxiv_api_page_size: int = Field(200, ge=1, le=2000)
    http_timeout: float = Field(30.0, gt=0)
    fetch_max_bytes: int = Field(20_000_000, gt=0)
    fetch_max_attempts: int = Field(4, ge=1, le=20)
    fetch_backoff_initial: float = Field(2.0, ge=0)
    fetch_backoff_max: float = Field(120.0, ge=0)
    mail_backend: Literal["outbox", "smtp", "sendgrid"] = "outbox"
    outbox_dir: Path = Path("./var/outbox")
    smtp_url: str = "smtp://localhost:25"
    sendgrid_api_key: SecretStr | None = None
    sendgrid_api_host: str = "https://api.sendgrid.com"
    mail_from: str = "Arxiv Weekly Insights <digest@example.org>"
    newsletter_title: str = "Arxiv Weekly Insights"
    public_base_url: str = "http://localhost:8000"
    secret_key: SecretStr | None = None
    edition_schedule: str = "0 9 * * 5"
    fetch_schedule: str = "0 6 * * 1-5"
    timezone: str = "UTC"
    seed_list: str | None = None
    # selection and rendering
    ranker: Literal["auto", "tfidf", "embeddings"] = "auto"
    embedding_model: str = "all-MiniLM-L6-v2"
    editorial_interests: str | None = None
    papers_per_section: int = Field(5, ge=1, le=100)
    max_papers: int = Field(25, ge=1, le=500)
    abstract_max_chars: int = Field(600, ge=80)
    brought_by: str = "smartxiv, a self-hosted arXiv digest"
    closing_line: str = "That's all for this week. Happy reading, and see you next Friday!"

    @field_validator("arxiv_categories", mode="before")
    @classmethod
    def _parse_categories(cls, value: object) -> object:
        return _split_list(value)

    @field_validator("arxiv_categories")
    @classmethod
    def _check_categories(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value:
            raise ValueError("at least one category is required")
        unknown = [code for code in value if not taxonomy.is_known(code)]
        if unknown:
            raise ValueError(f"unknown arXiv category {', '.join(unknown)}")
        seen: list[str] = []
        for code in value:
            if code not in seen:
                seen.append(code)
        return tuple(seen)

    @field_validator("newsletter_title", "brought_by", "closing_line", "mail_from")
    @classmethod
    def _single_line(cls, value: str) -> str:
        if "\r" in value or "\n" in value:
            raise ValueError("line breaks are not allowed")
        return value.strip()

    @field_validator("timezone")
    @classmethod
    def _check_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown IANA time zone {value!r}") from None
        return value

    @field_validator("arxiv_rss_base", "arxiv_api_url", "sendgrid_api_host", "public_base_url")
    @classmethod
    def _check_http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"{value!r} is not an http(s) URL")
        return value.rstrip("/")

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def seed_addresses(self) -> list[str]:
        """SEED_LIST as addresses: a comma-separated list, or a file with one per line."""
        if not self.seed_list:
            return []
        path = Path(self.seed_list)
        if "@" not in self.seed_list and path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
            return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
        if "@" not in self.seed_list:
            raise ConfigError(f"SEED_LIST: {self.seed_list!r} is neither addresses nor a readable file")
        return [part.strip() for part in self.seed_list.split(",") if part.strip()]


def load_settings(**overrides: object) -> Settings:
    """Build the settings object, turning validation errors into one-line ConfigErrors."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        err = exc.errors()[0]
        field = str(err["loc"][0]).upper() if err.get("loc") else "settings"
        msg = err["msg"].removeprefix("Value error, ")
        raise ConfigError(f"{field}: {msg}") from None
