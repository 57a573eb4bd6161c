"""Read article files into `RawArticle` records.

`expand_paths` turns command-line arguments (files, folders, globs) into a list of files;
`read_file` turns one file into articles. Neither raises for bad input: every problem
becomes a `ReadError` with a one-line reason (and the line/row for multi-record files),
so a batch goes on past a bad file.

Formats by extension (anything else given explicitly is read as plain text):

| extension                        | articles                                        |
|----------------------------------|-------------------------------------------------|
| `.txt` `.text` `.md`, none       | one per file                                    |
| `.jsonl` `.ndjson`               | one per line (streamed; bad lines are errors)   |
| `.json`                          | one per object (an array of objects, or one)    |
| `.csv` `.tsv`                    | one per row (Polars, every column read as text) |
| `.parquet`                       | one per row                                     |
| `.html` `.htm`                   | main text and metadata found by trafilatura     |

Multi-record numbering: `record_index` and `ReadError.line` are the 1-based line number
for JSONL, and the 1-based record number for JSON arrays, CSV/TSV rows (the first data
row is 1) and Parquet rows.
"""

from __future__ import annotations

import codecs
import glob
import hashlib
import io
import json
import os
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.models import RawArticle, ReadError

# --- formats ---------------------------------------------------------------------------

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ""})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
TABLE_SEPARATORS: Mapping[str, str] = {".csv": ",", ".tsv": "\t"}
PARQUET_SUFFIXES = frozenset({".parquet"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
KNOWN_SUFFIXES = (
    TEXT_SUFFIXES
    | JSONL_SUFFIXES
    | JSON_SUFFIXES
    | frozenset(TABLE_SEPARATORS)
    | PARQUET_SUFFIXES
    | HTML_SUFFIXES
)

# Field names in multi-record files, matched case-insensitively, first match wins.
TEXT_FIELDS: tuple[str, ...] = ("text", "body", "content", "article", "article_text", "full_text")
URL_FIELDS: tuple[str, ...] = ("url", "link")
TITLE_FIELDS: tuple[str, ...] = ("title", "headline")
DATE_FIELDS: tuple[str, ...] = (
    "published",
    "published_date",
    "date",
    "publish_date",
    "pubdate",
    "datetime",
)
OUTLET_FIELDS: tuple[str, ...] = ("outlet", "source", "site", "publisher", "sitename")

MIN_ARTICLE_CHARS = 20  # non-space characters; fewer is not an article
GLOB_CHARS = re.compile(r"[*?\[]")
_NON_SPACE = re.compile(r"\S")
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
MAX_CONTROL_RATIO = 0.05  # share of control characters above which text is "binary"


# --- text normalisation and ids --------------------------------------------------------

_BLANK_RUNS = re.compile(r"\n{3,}")
# Characters that are in the text but not on the page: zero-width space/joiners, word
# joiner, a BOM inside the text, soft hyphen ("Avdi\u00adivka" must read "Avdiivka"), and
# control characters other than tab and newline. Vertical tab, form feed and the Unicode
# line/paragraph separators end a line.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f]")
_OTHER_LINE_BREAKS = re.compile("[\x0b\x0c\x85\u2028\u2029]")


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalise_text(text: str) -> str:
    """Unicode NFC, LF newlines, no invisible characters, no trailing spaces, at most one
    blank line in a row."""
    text = normalise_newlines(text)
    text = _OTHER_LINE_BREAKS.sub("\n", _INVISIBLE.sub("", text))
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    text = "\n".join(line.rstrip(" \t\u00a0") for line in text.split("\n"))
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


def article_id(text: str) -> str:
    """Stable id of an article: first 16 hex chars of sha256 of its normalised text."""
    return normalised_text_id(normalise_text(text))


def normalised_text_id(normalised: str) -> str:
    """`article_id` of a text that has already been through `normalise_text`."""
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def count_non_space(text: str, limit: int | None = None) -> int:
    """Number of non-space characters (stops counting at `limit` when given)."""
    n = 0
    for _ in _NON_SPACE.finditer(text):
        n += 1
        if limit is not None and n >= limit:
            break
    return n


# --- decoding --------------------------------------------------------------------------


class DecodeProblem(ValueError):
    """Raised by `decode_bytes`; the message is the one-line reason."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str | None  # None for plain UTF-8 (with or without BOM)


def _looks_like_bomless_utf16(data: bytes) -> str | None:
    """`utf-16-le`/`-be` when every other byte of a mostly-ASCII text is NUL."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    odd_nul = sample[1::2].count(0) / (len(sample) // 2)
    even_nul = sample[0::2].count(0) / (len(sample) // 2)
    if odd_nul > 0.9 and even_nul < 0.1:
        return "utf-16-le"
    if even_nul > 0.9 and odd_nul < 0.1:
        return "utf-16-be"
    return None


def _check_not_binary(text: str) -> None:
    if not text:
        return
    sample = text[:100_000]
    controls = len(_BINARY_CONTROL.findall(sample))
    if controls / len(sample) > MAX_CONTROL_RATIO:
        raise DecodeProblem("binary file, not text")


def decode_bytes(data: bytes) -> Decoded:
    """Decode a file's bytes: UTF-8 (BOM stripped), UTF-16 with BOM, else detect.

    A UTF-8 text cut inside its last character keeps everything but that character
    (replaced by U+FFFD). Raises `DecodeProblem` for empty, binary or undecodable data.
    Newlines are normalised to LF.
    """
    if not data.strip():
        raise DecodeProblem("empty file")
    text: str | None = None
    encoding: str | None = None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise DecodeProblem(f"undecodable UTF-16 ({exc.reason})") from None
    if text is None and b"\x00" in data:
        guess = _looks_like_bomless_utf16(data)
        if guess is None:
            raise DecodeProblem("binary file, not text")
        try:
            text, encoding = data.decode(guess), guess
        except UnicodeDecodeError:
            raise DecodeProblem("binary file, not text") from None
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
                # cut inside the last character: keep the rest of a good article
                text = data[: exc.start].decode("utf-8", errors="strict") + "\ufffd"
            else:
                text, encoding = _detect(data)
    _check_not_binary(text)
    text = normalise_newlines(text)
    if not text.strip():
        raise DecodeProblem("empty file")
    return Decoded(text=text, encoding=encoding)


# When charset-normalizer scores several encodings equally (short texts), the most
# common on news sites wins: Western European, then Cyrillic, then the rest.
PREFERRED_ENCODINGS: tuple[str, ...] = (
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1251",
    "koi8_r",
    "koi8_u",
    "cp1250",
    "iso8859_2",
)
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    sample = data[:100_000]
    if len(_CONTROL_BYTES.findall(sample)) / len(sample) > MAX_CONTROL_RATIO:
        raise DecodeProblem("binary file, not text")
    matches = [m for m in from_bytes(data) if m.encoding]
    if not matches:
        raise DecodeProblem("undecodable: not UTF-8 and no text encoding detected")

    def rank(match: Any) -> tuple[float, float, int]:
        preferred = (
            PREFERRED_ENCODINGS.index(match.encoding)
            if match.encoding in PREFERRED_ENCODINGS
            else len(PREFERRED_ENCODINGS)
        )
        return (round(match.chaos, 3), -round(match.coherence, 3), preferred)

    encoding = min(matches, key=rank).encoding
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        raise DecodeProblem(f"undecodable as {encoding}") from None


# --- expanding arguments into files ----------------------------------------------------


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _walk(folder: Path) -> Iterator[Path]:
    """Files under `folder`, sorted, following symlinks but never a directory twice."""
    seen_dirs: set[str] = set()
    for root, dirs, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in seen_dirs:  # symlink loop or second route to the same folder
            dirs[:] = []
            continue
        seen_dirs.add(real)
        dirs[:] = sorted(d for d in dirs if not _is_hidden(d))
        for name in sorted(files):
            if not _is_hidden(name):
                yield Path(root) / name


def _wanted_in_folder(path: Path) -> bool:
    return path.suffix.lower() in KNOWN_SUFFIXES


def _fixed_prefix_len(pattern: Path) -> int:
    """Number of leading path parts of a glob pattern that hold no wildcard."""
    for index, part in enumerate(pattern.parts):
        if GLOB_CHARS.search(part):
            return index
    return len(pattern.parts)


def expand_paths(paths: list[str]) -> tuple[list[Path], list[ReadError]]:
    """Files named by `paths`: files, folders (recursive) and globs (`*`, `**`).

    Inside folders and glob results, hidden entries and files with an unknown extension
    are skipped silently; a file named explicitly is always kept. The same real file
    reached twice (symlink, repeated argument) is listed once.
    """
    files: list[Path] = []
    errors: list[ReadError] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            files.append(path)

    def add_from_listing(path: Path) -> None:
        if not path.exists():
            errors.append(ReadError(str(path), "read", "broken symbolic link"))
        elif _wanted_in_folder(path):
            add(path)

    for arg in paths:
        path = Path(arg).expanduser()
        if path.is_dir():
            for found in _walk(path):
                add_from_listing(found)
        elif path.is_file():
            add(path)
        elif GLOB_CHARS.search(arg):
            matches = sorted(glob.glob(str(path), recursive=True))
            if not matches:
                errors.append(ReadError(arg, "read", "no files match the pattern"))
            fixed = _fixed_prefix_len(path)
            for match in matches:
                found = Path(match)
                if any(_is_hidden(part) for part in found.parts[fixed:]):
                    continue
                if found.is_dir():
                    for inner in _walk(found):
                        add_from_listing(inner)
                else:
                    add_from_listing(found)
        elif path.is_symlink():
            errors.append(ReadError(str(path), "read", "broken symbolic link"))
        else:
            errors.append(ReadError(str(path), "read", "no such file or directory"))
    return files, errors


# --- reading files ---------------------------------------------------------------------


def source_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES or suffix in JSON_SUFFIXES:
        return "jsonl"
    if suffix in TABLE_SEPARATORS:
        return "csv"
    if suffix in PARQUET_SUFFIXES:
        return "parquet"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "txt"


# The reason given for a file the OS would not let us read (permissions, gone, a folder):
# such a file is read again on the next run, unlike a file whose content was rejected.
UNREADABLE = "cannot read file"


def read_file(path: Path) -> tuple[list[RawArticle], list[ReadError]]:
    """Articles in one file, and the problems met; never raises for bad input."""
    path = Path(path)
    src = str(path)
    if path.is_dir():
        return [], [ReadError(src, "read", "is a directory, not a file")]
    if not path.exists():
        return [], [ReadError(src, "read", "no such file or directory")]
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            return _read_jsonl(path)
        if suffix in PARQUET_SUFFIXES:
            return _read_parquet(path)
        data = path.read_bytes()
    except OSError as exc:
        return [], [ReadError(src, "read", f"{UNREADABLE}: {exc.strerror or exc}")]
    try:
        decoded = decode_bytes(data)
    except DecodeProblem as exc:
        return [], [ReadError(src, "decode", str(exc))]
    if suffix in JSON_SUFFIXES:
        return _read_json(path, decoded)
    if suffix in TABLE_SEPARATORS:
        return _read_table(path, decoded, TABLE_SEPARATORS[suffix])
    if suffix in HTML_SUFFIXES:
        return _read_html(path, decoded)
    return _one_article(path, decoded.text, "txt", encoding=decoded.encoding)


def _too_short(text: str) -> bool:
    return count_non_space(text, MIN_ARTICLE_CHARS) < MIN_ARTICLE_CHARS


def _one_article(
    path: Path,
    text: str,
    fmt: str,
    *,
    encoding: str | None = None,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
) -> tuple[list[RawArticle], list[ReadError]]:
    if _too_short(text):
        return [], [ReadError(str(path), "read", "too short to be an article")]
    article = RawArticle(
        text=text,
        source_path=str(path),
        source_format=fmt,
        url=url,
        title=title,
        outlet=outlet,
        published=published,
        encoding=encoding,
    )
    return [article], []


def _pick(keys: Mapping[str, str], names: tuple[str, ...]) -> str | None:
    """The original key among `keys` (lower -> original) matching the first of `names`."""
    for name in names:
        if name in keys:
            return keys[name]
    return None


def _scalar_text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _record_to_article(
    record: Mapping[str, Any], path: Path, fmt: str, index: int, encoding: str | None
) -> RawArticle | ReadError:
    """One JSON object or table row -> article, or the reason it is not one."""
    src = str(path)
    keys = {str(k).lower(): str(k) for k in record}
    text_key = _pick(keys, TEXT_FIELDS)
    if text_key is None:
        return ReadError(
            src, "read", f"no text field (expected one of {', '.join(TEXT_FIELDS)})", index
        )
    text = record[text_key]
    if text is None:
        return ReadError(src, "read", f"field '{text_key}' is empty", index)
    if not isinstance(text, str):
        return ReadError(src, "read", f"field '{text_key}' is not a string", index)
    text = normalise_newlines(text)
    if _too_short(text):
        return ReadError(src, "read", "too short to be an article", index)

    def meta(names: tuple[str, ...]) -> str | None:
        key = _pick(keys, names)
        return _scalar_text(record[key]) if key is not None else None

    return RawArticle(
        text=text,
        source_path=src,
        source_format=fmt,
        record_index=index,
        url=meta(URL_FIELDS),
        title=meta(TITLE_FIELDS),
        outlet=meta(OUTLET_FIELDS),
        published=meta(DATE_FIELDS),
        encoding=encoding,
    )


def _collect(
    results: Iterator[RawArticle | ReadError],
) -> tuple[list[RawArticle], list[ReadError]]:
    articles: list[RawArticle] = []
    errors: list[ReadError] = []
    for item in results:
        (articles if isinstance(item, RawArticle) else errors).append(item)  # type: ignore[arg-type]
    return articles, errors


def _read_jsonl(path: Path) -> tuple[list[RawArticle], list[ReadError]]:
    """One article per line, streamed so a huge file never sits in memory as one string."""
    src = str(path)
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
        len(head) == 4 and b"\x00" in head
    ):
        # not UTF-8: decode the whole file, then split (rare; JSONL is UTF-8 by spec)
        try:
            decoded = decode_bytes(path.read_bytes())
        except DecodeProblem as exc:
            return [], [ReadError(src, "decode", str(exc))]
        lines: Iterator[tuple[int, str | None]] = (
            (i, line) for i, line in enumerate(decoded.text.split("\n"), start=1)
        )
        return _collect(_jsonl_records(path, lines, decoded.encoding))
    return _collect(_jsonl_records(path, _utf8_lines(path), None))


def _utf8_lines(path: Path) -> Iterator[tuple[int, str | None]]:
    """(line number, text) for each line; text is None when the line is not UTF-8."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            try:
                yield number, raw.decode("utf-8")
            except UnicodeDecodeError:
                yield number, None


def _jsonl_records(
    path: Path, lines: Iterator[tuple[int, str | None]], encoding: str | None
) -> Iterator[RawArticle | ReadError]:
    src = str(path)
    any_line = False
    for number, line in lines:
        if line is None:
            any_line = True
            yield ReadError(src, "decode", "line is not valid UTF-8", number)
            continue
        if not line.strip():
            continue
        any_line = True
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(src, "read", f"invalid JSON: {exc.msg}", number)
            continue
        if not isinstance(record, dict):
            yield ReadError(src, "read", "record is not a JSON object", number)
            continue
        yield _record_to_article(record, path, "jsonl", number, encoding)
    if not any_line:
        yield ReadError(src, "decode", "empty file")


def _read_json(path: Path, decoded: Decoded) -> tuple[list[RawArticle], list[ReadError]]:
    src = str(path)
    try:
        data = json.loads(decoded.text)
    except json.JSONDecodeError as exc:
        return [], [ReadError(src, "read", f"invalid JSON: {exc.msg}", exc.lineno)]
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        return [], [ReadError(src, "read", "JSON is neither an object nor an array of objects")]

    def records() -> Iterator[RawArticle | ReadError]:
        for index, record in enumerate(data, start=1):
            if not isinstance(record, dict):
                yield ReadError(src, "read", "record is not a JSON object", index)
            else:
                yield _record_to_article(record, path, "jsonl", index, decoded.encoding)

    return _collect(records())


def _read_table(
    path: Path, decoded: Decoded, separator: str
) -> tuple[list[RawArticle], list[ReadError]]:
    import polars as pl

    src = str(path)
    try:
        frame = pl.read_csv(decoded.text.encode("utf-8"), separator=separator, infer_schema=False)
    except Exception as exc:  # polars raises several error types for malformed tables
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if "more fields" in reason:  # ragged rows: keep the good ones, report the others
            return _read_ragged_table(path, decoded, separator)
        return [], [ReadError(src, "read", f"malformed table: {reason}")]
    return _frame_records(frame, path, "csv", decoded.encoding)


def _read_ragged_table(
    path: Path, decoded: Decoded, separator: str
) -> tuple[list[RawArticle], list[ReadError]]:
    """A table whose rows do not all have the header's number of fields, row by row."""
    import csv

    src = str(path)
    rows = csv.reader(io.StringIO(decoded.text, newline=""), delimiter=separator)
    header = next(rows, None)
    if not header:
        return [], [ReadError(src, "read", "malformed table: no header row")]

    def records() -> Iterator[RawArticle | ReadError]:
        for index, row in enumerate(rows, start=1):
            if not row:
                continue
            if len(row) != len(header):
                yield ReadError(
                    src,
                    "read",
                    f"row has {len(row)} field{'s' if len(row) != 1 else ''}, "
                    f"the header has {len(header)}",
                    index,
                )
                continue
            record = dict(zip(header, row, strict=True))
            yield _record_to_article(record, path, "csv", index, decoded.encoding)

    text_col = _pick({c.lower(): c for c in header}, TEXT_FIELDS)
    if text_col is None:
        reason = f"no text column (expected one of {', '.join(TEXT_FIELDS)})"
        return [], [ReadError(src, "read", reason)]
    return _collect(records())


def _read_parquet(path: Path) -> tuple[list[RawArticle], list[ReadError]]:
    import polars as pl

    src = str(path)
    try:
        frame = pl.read_parquet(path)
    except Exception as exc:  # not Parquet, truncated, unsupported type
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return [], [ReadError(src, "read", f"unreadable Parquet: {reason}")]
    return _frame_records(frame, path, "parquet", None)


def _frame_records(
    frame: Any, path: Path, fmt: str, encoding: str | None
) -> tuple[list[RawArticle], list[ReadError]]:
    import polars as pl

    src = str(path)
    columns = {c.lower(): c for c in frame.columns}
    text_col = _pick(columns, TEXT_FIELDS)
    if text_col is None:
        reason = f"no text column (expected one of {', '.join(TEXT_FIELDS)})"
        return [], [ReadError(src, "read", reason)]
    dtype = frame.schema[text_col]
    if dtype not in (pl.String, pl.Categorical) and not isinstance(dtype, pl.Enum):
        return [], [ReadError(src, "read", f"text column '{text_col}' is {dtype}, not a string")]
    wanted = [text_col]
    for names in (URL_FIELDS, TITLE_FIELDS, DATE_FIELDS, OUTLET_FIELDS):
        col = _pick(columns, names)
        if col is not None and col not in wanted:
            wanted.append(col)
    frame = frame.select(
        [pl.col(text_col).cast(pl.String)]
        + [pl.col(c).cast(pl.String, strict=False) for c in wanted[1:]]
    )
    if frame.height == 0:
        return [], [ReadError(src, "read", "no rows")]

    def records() -> Iterator[RawArticle | ReadError]:
        for index, row in enumerate(frame.iter_rows(named=True), start=1):
            yield _record_to_article(row, path, fmt, index, encoding)

    return _collect(records())


def _read_html(path: Path, decoded: Decoded) -> tuple[list[RawArticle], list[ReadError]]:
    src = str(path)
    try:
        doc = _trafilatura_extract(decoded.text)
    except Exception as exc:  # trafilatura/lxml errors on broken markup
        return [], [ReadError(src, "parse", f"HTML extraction failed: {type(exc).__name__}")]
    if doc is None or not (doc.get("text") or "").strip():
        return [], [ReadError(src, "parse", "no main text found in HTML")]
    return _one_article(
        path,
        normalise_newlines(doc["text"]),
        "html",
        encoding=decoded.encoding,
        url=_scalar_text(doc.get("url")),
        title=_scalar_text(doc.get("title")),
        outlet=_scalar_text(doc.get("sitename")),
        published=_scalar_text(doc.get("date")),
    )


def _trafilatura_extract(html: str) -> dict[str, Any] | None:
    """Main text and metadata of a page; offline, no signal-based timeout."""
    import trafilatura
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
        config=config,
    )
    if doc is None:
        return None
    return doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
