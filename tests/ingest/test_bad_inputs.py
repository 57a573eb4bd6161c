"""Bad inputs through the real `frontline ingest` command: none may sink the batch.

Every case puts one good sample article beside one bad input in a folder, runs
`frontline ingest FOLDER --db W` into a fresh warehouse, and checks that the run exits 0,
the good article is in raw.articles, and the bad input is accounted for: a row in
raw.ingest_errors with a clear reason, or - where it is really decodable - loaded with the
words it holds. The last test runs every bad input together with the five samples.

Size limit (decided here, enforced in ingest/pipeline.py): an article text longer than
`MAX_ARTICLE_CHARS` (200,000 characters) is rejected with its length in the reason; the
50 MB file and the 1 MB single line are rejected that way, in well under a second.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import random
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import duckdb
import polars as pl
import pytest
from typer.testing import CliRunner

import ingest.read
from ingest.cli import app
from ingest.paths import SAMPLE_ARTICLES_DIR
from ingest.pipeline import MAX_ARTICLE_CHARS
from ingest.read import article_id

SAMPLES = sorted(SAMPLE_ARTICLES_DIR.glob("*.txt"))
GOOD = SAMPLES[0]
GOOD_NAME = "good.txt"
HUGE_BYTES = 50 * 1024 * 1024
# One CLI run on one good article and one bad input; far above a normal run (~1 s), far
# below what a catastrophic regex or a quadratic loop takes on these inputs (minutes).
RUN_SECONDS_MAX = 20.0

EN = (
    "Ukraine's air force said on Tuesday that air defences shot down 42 of 48 Russian "
    "drones launched overnight at the Kyiv and Odesa regions."
)
RU = (
    "Министерство обороны России заявило, что силы противовоздушной обороны сбили "
    "12 украинских беспилотников над Белгородской областью."
)
UA = (
    "Повітряні сили України повідомили, що збили 25 із 30 російських дронів над "
    "Київщиною та Одещиною. Київ"
)
FR = (
    "Les forces russes ont déclaré avoir abattu quinze drones ukrainiens près de Koursk, "
    "a indiqué le ministère de la Défense à Moscou. Selon l'armée, les débris ont "
    "endommagé trois maisons et un garage près de la frontière."
)
HTML_ARTICLE = """<!doctype html>
<html><head><title>Drones shot down over Odesa | Example News</title>
<meta property="og:site_name" content="Example News"></head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/live">Latest Videos</a></nav>
<article>
<h1>Drones shot down over Odesa</h1>
<p>Ukrainian air defences shot down 17 Russian drones over the Odesa region overnight,
the regional governor Oleh Kiper said on Wednesday morning.</p>
<p>Debris from one drone damaged a warehouse in the port area, he said, adding that
nobody was hurt in the attack, the third on the city this week.</p>
<p>Russia's defence ministry did not comment on the strike, which came as talks on a
ceasefire stalled in Istanbul for a second day.</p>
</article>
<footer>Subscribe to our newsletter. Read more. Cookie settings.</footer>
</body></html>
"""
HTML_NO_ARTICLE = (
    "<html><head><title>Index</title></head><body><nav><a href='/'>Home</a> "
    "<a href='/live'>Latest Videos</a></nav><footer>Cookie settings</footer></body></html>"
)


def en(tag: str) -> str:
    """The English sentence made distinct per case (so no two cases share an article)."""
    return f"{EN} Report {tag}."


# --- the cases -------------------------------------------------------------------------

Expect = Literal["error", "loaded", "both", "either", "none"]


@dataclass(frozen=True)
class Ctx:
    """What a case needs to build its input."""

    folder: Path
    huge: Path  # the shared 50 MB text file


@dataclass(frozen=True)
class Bad:
    id: str
    make: Callable[[Ctx], None]  # writes the bad input into ctx.folder
    name: str  # file (relative to the folder) or, with `arg`, the CLI argument checked
    expect: Expect
    words: tuple[str, ...] = ()  # words the loaded body must hold
    reason: str = ""  # fragments ("a|b") one of which the reason holds (case-insensitive)
    arg: bool = False  # `name` is an extra CLI argument, not a file in the folder
    check: Callable[[duckdb.DuckDBPyConnection, Path], None] | None = None
    together: bool = True  # also part of the all-in-one run
    kw: dict[str, object] = field(default_factory=dict)


def write(name: str, data: bytes | str) -> Callable[[Ctx], None]:
    def make(ctx: Ctx) -> None:
        path = ctx.folder / name
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8", newline="")
        else:
            path.write_bytes(data)

    return make


def symlink(name: str, target: Callable[[Ctx], Path]) -> Callable[[Ctx], None]:
    def make(ctx: Ctx) -> None:
        (ctx.folder / name).symlink_to(target(ctx))

    return make


def write_parquet(
    name: str, frame: pl.DataFrame, *, corrupt: bool = False
) -> Callable[[Ctx], None]:
    def make(ctx: Ctx) -> None:
        path = ctx.folder / name
        frame.write_parquet(path)
        if corrupt:  # cut the file in half: the footer and its magic bytes are gone
            data = path.read_bytes()
            path.write_bytes(data[: len(data) // 2])

    return make


def copy_twice(a: str, b: str) -> Callable[[Ctx], None]:
    def make(ctx: Ctx) -> None:
        shutil.copy(SAMPLES[1], ctx.folder / a)
        shutil.copy(SAMPLES[1], ctx.folder / b)

    return make


def one_mb_line() -> str:
    line = (en("long line") + " ") * (1024 * 1024 // (len(EN) + 20))
    return line.replace("\n", " ")


def check_duplicate(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    dup_id = article_id(SAMPLES[1].read_text(encoding="utf-8"))
    assert con.execute(
        "select count(*) from raw.articles where article_id = ?", [dup_id]
    ).fetchone() == (1,)
    paths = {
        row[0]
        for row in con.execute(
            "select source_path from raw.article_sources where article_id = ?", [dup_id]
        ).fetchall()
    }
    assert {str(folder / "dup_a.txt"), str(folder / "dup_b.txt")} <= paths


def check_loop_listed_once(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    good_id = article_id(GOOD.read_text(encoding="utf-8"))
    (n,) = con.execute(
        "select count(*) from raw.article_sources where article_id = ?", [good_id]
    ).fetchone()
    assert n == 1, "the folder reached again through the loop was read again"


def check_jsonl_lines(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    lines = sorted(
        row[0]
        for row in con.execute(
            "select line from raw.ingest_errors where source_path = ?",
            [str(folder / "broken.jsonl")],
        ).fetchall()
    )
    assert lines == [2, 4]


def check_lines_split(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    body, n_sentences = con.execute(
        "select a.body, a.n_sentences from raw.articles a join raw.article_sources s"
        " using (article_id) where s.source_path = ?",
        [str(folder / "cr_only.txt")],
    ).fetchone()
    assert "\r" not in body
    assert body.count("\n") >= 2
    assert n_sentences >= 3


def check_no_invisible(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    (body,) = con.execute(
        "select a.body from raw.articles a join raw.article_sources s using (article_id)"
        " where s.source_path = ?",
        [str(folder / "invisible.txt")],
    ).fetchone()
    assert not any(c in body for c in "\u200b\u200d\u00ad\x07\x1b\ufeff")


def check_no_bom(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    (body,) = con.execute(
        "select a.body from raw.articles a join raw.article_sources s using (article_id)"
        " where s.source_path = ?",
        [str(folder / "utf8_bom.txt")],
    ).fetchone()
    assert not body.startswith("\ufeff")


BACKTRACK = {
    "digits-with-commas": ",".join(["1"] * 25_000),
    "numbers-with-commas": ",".join(f"{i:,}" for i in range(1_000, 9_000)),
    "a-a-a": "a " * 25_000,
    "100k-spaces": "Russian drones" + " " * 100_000 + "shot down 5 missiles.",
    "nested-brackets": "Russian forces said " + "(\"['" * 5_000 + "5 drones" + "']\")" * 5_000,
    "very-long-word": "Russian " + "x" * 50_000 + " drones were shot down.",
    "over-over": "Russian drones over " * 2_500,
    "hyphenated": "Russian " + "-".join(["pro"] * 12_000) + " killed 5.",
    "killed-numbers": "Ukrainian forces killed 1,000, 2,000, 3,000 and " * 1_000,
}

CASES: list[Bad] = [
    Bad("empty", write("empty.txt", b""), "empty.txt", "error", reason="empty"),
    Bad(
        "whitespace-only",
        write("blank.txt", b" \n\t \r\n  \n"),
        "blank.txt",
        "error",
        reason="empty",
    ),
    Bad(
        "nul-bytes",
        write("nul.txt", b"Russian\x00drones\x00" * 200),
        "nul.txt",
        "error",
        reason="binary",
    ),
    Bad(
        "random-bytes",
        write("random.txt", random.Random(7).randbytes(8192)),
        "random.txt",
        "error",
        reason="binary",
    ),
    Bad(
        "gzip-named-txt",
        write("packed.txt", gzip.compress((EN * 50).encode(), mtime=0)),
        "packed.txt",
        "error",
        reason="binary",
    ),
    Bad(
        "truncated-utf8",
        write("cut.txt", UA.encode()[:-1]),
        "cut.txt",
        "loaded",
        words=("Повітряні", "дронів"),
    ),
    Bad(
        "cp1251",
        write("cp1251.txt", RU.encode("cp1251")),
        "cp1251.txt",
        "loaded",
        words=("Министерство", "беспилотников"),
    ),
    Bad(
        "latin-1",
        write("latin1.txt", FR.encode("latin-1")),
        "latin1.txt",
        "loaded",
        words=("déclaré", "ministère", "Défense"),
    ),
    Bad(
        "utf16-le-bom",
        write("utf16le.txt", codecs.BOM_UTF16_LE + en("le").encode("utf-16-le")),
        "utf16le.txt",
        "loaded",
        words=("Russian drones", "Report le"),
    ),
    Bad(
        "utf16-be-bom",
        write("utf16be.txt", codecs.BOM_UTF16_BE + en("be").encode("utf-16-be")),
        "utf16be.txt",
        "loaded",
        words=("Russian drones", "Report be"),
    ),
    Bad(
        "utf16-no-bom",
        write("utf16.txt", en("nobom").encode("utf-16-le")),
        "utf16.txt",
        "loaded",
        words=("Russian drones", "Report nobom"),
    ),
    Bad(
        "utf8-bom",
        write("utf8_bom.txt", codecs.BOM_UTF8 + en("bom").encode()),
        "utf8_bom.txt",
        "loaded",
        words=("Ukraine's air force",),
        check=check_no_bom,
    ),
    Bad(
        "50-mb-file",
        symlink("huge.txt", lambda ctx: ctx.huge),
        "huge.txt",
        "error",
        reason="too long",
    ),
    Bad(
        "1-mb-single-line", write("line.txt", one_mb_line()), "line.txt", "error", reason="too long"
    ),
    Bad(
        "jsonl-broken-lines",
        write(
            "broken.jsonl",
            "\n".join(
                [
                    json.dumps({"text": en("jsonl one")}),
                    '{"text": "unterminated',
                    json.dumps({"text": en("jsonl two")}),
                    "not json at all",
                ]
            )
            + "\n",
        ),
        "broken.jsonl",
        "both",
        words=("Report jsonl one", "Report jsonl two"),
        reason="invalid JSON",
        check=check_jsonl_lines,
    ),
    Bad(
        "jsonl-non-object-lines",
        write(
            "scalars.jsonl",
            "\n".join(
                ["[1, 2, 3]", '"a string"', "42", "null", json.dumps({"text": en("jsonl three")})]
            )
            + "\n",
        ),
        "scalars.jsonl",
        "both",
        words=("Report jsonl three",),
        reason="not a JSON object",
    ),
    Bad(
        "json-scalar",
        write("scalar.json", '"just a string, not an article list"'),
        "scalar.json",
        "error",
        reason="neither an object nor an array",
    ),
    Bad(
        "json-text-not-string",
        write("number.json", json.dumps([{"text": 12345}])),
        "number.json",
        "error",
        reason="not a string",
    ),
    Bad(
        "csv-no-text-column",
        write("notext.csv", f"title,summary\nDrones,{en('csv')}\n"),
        "notext.csv",
        "error",
        reason="no text column",
    ),
    Bad(
        "csv-ragged-rows",
        write(
            "ragged.csv",
            f'title,text\nA,"{en("csv a")}"\nB,too,many,fields\nC\nD,"{en("csv d")}"\n',
        ),
        "ragged.csv",
        "both",
        words=("Report csv a", "Report csv d"),
        reason="fields",
    ),
    Bad(
        "parquet-int-text",
        write_parquet("ints.parquet", pl.DataFrame({"text": [1, 2, 3]})),
        "ints.parquet",
        "error",
        reason="not a string",
    ),
    Bad(
        "parquet-corrupt",
        write_parquet("corrupt.parquet", pl.DataFrame({"text": [en("pq")] * 50}), corrupt=True),
        "corrupt.parquet",
        "error",
        reason="unreadable Parquet",
    ),
    Bad(
        "html-article",
        write("page.html", HTML_ARTICLE),
        "page.html",
        "loaded",
        words=("17 Russian drones", "Oleh Kiper", "ceasefire"),
    ),
    Bad(
        "html-no-article",
        write("index.html", HTML_NO_ARTICLE),
        "index.html",
        "error",
        reason="no main text|too short",
    ),
    Bad(
        "folder-symlink-loop",
        symlink("loop", lambda ctx: ctx.folder),
        "loop",
        "none",
        check=check_loop_listed_once,
    ),
    Bad(
        "file-symlink-loop",
        symlink("self.txt", lambda ctx: ctx.folder / "self.txt"),
        "self.txt",
        "error",
        reason="symbolic link",
    ),
    Bad(
        "dangling-symlink",
        symlink("dangling.txt", lambda ctx: ctx.folder / "gone.txt"),
        "dangling.txt",
        "error",
        reason="broken symbolic link",
    ),
    Bad(
        "same-article-twice",
        copy_twice("dup_a.txt", "dup_b.txt"),
        "dup_a.txt",
        "loaded",
        check=check_duplicate,
    ),
    Bad(
        "10000-numbers",
        write("numbers.txt", " ".join(str(i) for i in range(1, 10_001))),
        "numbers.txt",
        "either",
    ),
    *[
        Bad(f"backtrack-{key}", write(f"bt_{key}.txt", text), f"bt_{key}.txt", "either")
        for key, text in BACKTRACK.items()
    ],
    Bad(
        "glob-matches-nothing",
        lambda ctx: None,
        "*.nomatch",
        "error",
        arg=True,
        reason="no files match",
    ),
    Bad(
        "path-does-not-exist",
        lambda ctx: None,
        "no/such/file.txt",
        "error",
        arg=True,
        reason="no such file",
    ),
    Bad(
        "page-chrome-only",
        write("chrome.txt", "Read more\nLatest Videos\nShare this article\nSubscribe\n"),
        "chrome.txt",
        "error",
        reason="no article text",
    ),
    Bad(
        "control-and-zero-width",
        write(
            "invisible.txt",
            "Russian\u200b forces\x07 shot down 12 Ukrainian\u00ad drones "
            "over Bel\u200dgorod region overnight, the ministry said.\x1b\n",
        ),
        "invisible.txt",
        "loaded",
        words=("Russian forces", "Belgorod", "Ukrainian drones"),
        check=check_no_invisible,
    ),
    Bad(
        "cr-only-line-endings",
        write(
            "cr_only.txt",
            "Drones hit Kharkiv overnight\rRussian drones struck Kharkiv "
            "overnight, the mayor said.\rTwo people were wounded.\rThe "
            "attack damaged a school.\r",
        ),
        "cr_only.txt",
        "loaded",
        words=("Drones hit Kharkiv", "Two people were wounded"),
        check=check_lines_split,
    ),
]


# --- running and checking --------------------------------------------------------------


@pytest.fixture(scope="module")
def huge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 50 MB valid text (repeated paragraphs of a sample), written once per module."""
    path = tmp_path_factory.mktemp("huge") / "huge.txt"
    paragraph = (GOOD.read_text(encoding="utf-8") + "\n\n").encode()
    with path.open("wb") as handle:
        for i in range(HUGE_BYTES // len(paragraph) + 1):
            handle.write(paragraph + f"Paragraph {i}.\n\n".encode())
    return path


def run_ingest(args: list[str], db: Path) -> tuple[int, str, float]:
    started = time.perf_counter()
    result = CliRunner().invoke(app, ["ingest", *args, "--db", str(db)])
    elapsed = time.perf_counter() - started
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output, elapsed


def source_of(case: Bad, folder: Path) -> str:
    """The source_path the run records for the case (a file, or the argument itself)."""
    return str(folder / case.name)


def errors_for(con: duckdb.DuckDBPyConnection, source: str) -> list[tuple[str, str]]:
    return con.execute(
        "select stage, reason from raw.ingest_errors where source_path = ?", [source]
    ).fetchall()


def bodies_for(con: duckdb.DuckDBPyConnection, source: str) -> list[str]:
    """Bodies of the articles read from `source` (records of a multi-record file are
    recorded as `path#record`)."""
    return [
        row[0]
        for row in con.execute(
            "select a.body from raw.articles a join raw.article_sources s using (article_id)"
            " where s.source_path = $1 or starts_with(s.source_path, $1 || '#')",
            [source],
        ).fetchall()
    ]


def account_for(con: duckdb.DuckDBPyConnection, case: Bad, folder: Path) -> str:
    """Assert the case's outcome; returns 'error', 'loaded', 'both' or 'none'."""
    source = source_of(case, folder)
    errors = errors_for(con, source)
    bodies = bodies_for(con, source)
    for stage, reason in errors:
        assert stage in ("read", "decode", "parse", "extract")
        assert reason and reason.strip(), f"{case.id}: empty reason"
    if case.expect in ("error", "both"):
        assert errors, f"{case.id}: no row in raw.ingest_errors for {source}"
        if case.reason:
            fragments = case.reason.lower().split("|")
            assert any(f in r.lower() for _, r in errors for f in fragments), (case.id, errors)
    if case.expect in ("loaded", "both"):
        assert bodies, f"{case.id}: nothing loaded from {source} (errors: {errors})"
        for word in case.words:
            assert any(word in body for body in bodies), f"{case.id}: {word!r} not in body"
    if case.expect == "error":
        assert not bodies, f"{case.id}: expected a rejection, got an article"
    if case.expect == "loaded":
        assert not errors, f"{case.id}: unexpected errors {errors}"
    if case.expect == "either":
        assert errors or bodies, f"{case.id}: neither loaded nor rejected"
    if case.check is not None:
        case.check(con, folder)
    return "both" if errors and bodies else "error" if errors else "loaded" if bodies else "none"


def good_ids(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in con.execute("select article_id from raw.articles").fetchall()}


def run_case(case: Bad, tmp_path: Path, huge: Path) -> tuple[duckdb.DuckDBPyConnection, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD, folder / GOOD_NAME)
    case.make(Ctx(folder, huge))
    args = [str(folder)] + ([source_of(case, folder)] if case.arg else [])
    db = tmp_path / "w.duckdb"
    code, output, elapsed = run_ingest(args, db)
    assert code == 0, output
    assert elapsed < RUN_SECONDS_MAX, f"{case.id}: the run took {elapsed:.1f}s"
    con = duckdb.connect(str(db), read_only=True)
    assert article_id(GOOD.read_text(encoding="utf-8")) in good_ids(con), "good article lost"
    return con, folder


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_beside_a_good_article(case: Bad, tmp_path: Path, huge: Path) -> None:
    con, folder = run_case(case, tmp_path, huge)
    try:
        account_for(con, case, folder)
    finally:
        con.close()


def test_there_are_at_least_30_kinds() -> None:
    assert len({c.id for c in CASES}) == len(CASES) >= 30


def test_size_limit_is_generous_for_news() -> None:
    """The cap rejects dumps, not articles: 40 times the longest corpus article."""
    assert MAX_ARTICLE_CHARS >= 40 * 5_000


# --- inputs that need the file system or the process to misbehave ---------------------


def test_unreadable_file(tmp_path: Path, huge: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000 where that stops reading; as root (CI) a PermissionError is simulated."""

    def make(ctx: Ctx) -> None:
        path = ctx.folder / "secret.txt"
        path.write_text(en("secret"), encoding="utf-8")
        if os.geteuid() != 0:
            path.chmod(0)
            return
        real = Path.read_bytes

        def read_bytes(self: Path) -> bytes:
            if self.name == "secret.txt":
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)

    case = Bad("unreadable", make, "secret.txt", "error", reason="permission denied")
    con, folder = run_case(case, tmp_path, huge)
    try:
        account_for(con, case, folder)
    finally:
        con.close()
        (folder / "secret.txt").chmod(0o644)


def test_file_vanishes_during_the_run(
    tmp_path: Path, huge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Listed by expand_paths, deleted before it is read."""
    real_expand = ingest.read.expand_paths

    def expand_then_delete(paths: list[str]) -> tuple[list[Path], list]:
        files, errors = real_expand(paths)
        for path in files:
            if path.name == "vanishing.txt":
                path.unlink()
        return files, errors

    monkeypatch.setattr(ingest.read, "expand_paths", expand_then_delete)
    case = Bad(
        "vanishing",
        write("vanishing.txt", en("vanishing")),
        "vanishing.txt",
        "error",
        reason="no such file",
    )
    con, folder = run_case(case, tmp_path, huge)
    try:
        account_for(con, case, folder)
    finally:
        con.close()


# --- everything at once ----------------------------------------------------------------


def test_all_bad_inputs_together_with_the_samples(tmp_path: Path, huge: Path) -> None:
    """Over 16 files, so the run uses the process pool - after this test process has used
    Polars (the CSV/Parquet cases), which once made forked workers hang for ever."""
    folder = tmp_path / "in"
    folder.mkdir()
    for sample in SAMPLES:
        shutil.copy(sample, folder / sample.name)
    together = [c for c in CASES if c.together]
    ctx = Ctx(folder, huge)
    for case in together:
        case.make(ctx)
    args = [str(folder)] + [source_of(c, folder) for c in together if c.arg]
    db = tmp_path / "w.duckdb"
    code, output, elapsed = run_ingest(args, db)
    assert code == 0, output
    con = duckdb.connect(str(db), read_only=True)
    try:
        ids = good_ids(con)
        assert {article_id(s.read_text(encoding="utf-8")) for s in SAMPLES} <= ids
        outcomes = {case.id: account_for(con, case, folder) for case in together}
        (n_errors,) = con.execute("select count(*) from raw.ingest_errors").fetchone()
        (n_articles,) = con.execute("select count(*) from raw.articles").fetchone()
    finally:
        con.close()
    counts = {
        kind: sum(1 for v in outcomes.values() if v == kind) for kind in set(outcomes.values())
    }
    print(
        f"\n{len(together)} bad inputs + {len(SAMPLES)} samples in {elapsed:.1f}s: "
        f"{n_articles} articles, {n_errors} error rows, outcomes {counts}"
    )
    assert set(outcomes) == {c.id for c in together}
