"""ingest.read: paths, decoding, formats, ids."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import polars as pl
import pytest

from ingest.read import article_id, decode_bytes, expand_paths, normalise_text, read_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "read"
ARTICLE = (
    "Russian forces shelled the city of Kherson 40 times overnight, the regional "
    "governor said on Monday, and one person was killed."
)
CYRILLIC = "Російські війська обстріляли Херсон 40 разів за минулу добу, повідомив губернатор.\n"


# --- normalise_text and article_id ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a\r\nb\rc", "a\nb\nc", id="crlf-and-cr"),
        pytest.param("line one   \nline two\t", "line one\nline two", id="trailing-spaces"),
        pytest.param("a\n\n\n\n\nb", "a\n\nb", id="blank-runs"),
        pytest.param("  \n\n text \n\n", "text", id="strip-ends"),
        pytest.param("Cafe\u0301", "Café", id="nfc"),
    ],
)
def test_normalise_text(text: str, expected: str) -> None:
    assert normalise_text(text) == expected


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        pytest.param(ARTICLE, ARTICLE.replace(" ", " ", 1), True, id="identical"),
        pytest.param(ARTICLE + "\n", "\r\n" + ARTICLE + "   \r\n", True, id="newlines-and-spaces"),
        pytest.param(ARTICLE, ARTICLE.replace("40", "41"), False, id="one-digit-differs"),
    ],
)
def test_article_id(a: str, b: str, same: bool) -> None:
    assert len(article_id(a)) == 16
    assert int(article_id(a), 16) >= 0
    assert (article_id(a) == article_id(b)) is same


def test_same_text_under_two_names_gives_same_id(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "two.md").write_text(ARTICLE.replace(" ", " ") + "\r\n", encoding="utf-8")
    (a,), _ = read_file(tmp_path / "one.txt")
    (b,), _ = read_file(tmp_path / "two.md")
    assert article_id(a.text) == article_id(b.text)
    assert a.source_path != b.source_path


# --- decoding --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        pytest.param(ARTICLE.encode(), ARTICLE, None, id="utf8"),
        pytest.param(codecs.BOM_UTF8 + ARTICLE.encode(), ARTICLE, None, id="utf8-bom"),
        pytest.param(ARTICLE.encode("utf-16"), ARTICLE, "utf-16", id="utf16-bom"),
        pytest.param(ARTICLE.encode("utf-16-le"), ARTICLE, "utf-16-le", id="utf16-le-no-bom"),
        pytest.param(CYRILLIC.encode("cp1251"), CYRILLIC, "cp1251", id="cp1251"),
        pytest.param(b"a\r\nb\rc and more text", "a\nb\nc and more text", None, id="newlines"),
        pytest.param(
            ("Zelensky said " + "é" * 3).encode()[:-1],
            "Zelensky said éé\ufffd",
            None,
            id="utf8-cut-in-last-char",
        ),
    ],
)
def test_decode_bytes(data: bytes, text: str, encoding: str | None) -> None:
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert decoded.encoding == encoding


def test_decode_latin1() -> None:
    text = "Le ministère a déclaré que l'armée française n'était pas impliquée à Kharkiv, été."
    decoded = decode_bytes(text.encode("latin-1"))
    assert decoded.text == text
    assert decoded.encoding is not None


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(b"", "empty file", id="empty"),
        pytest.param(b" \n\t\r\n ", "empty file", id="whitespace-only"),
        pytest.param(b"text\x00with\x00nul bytes in it" * 3, "binary file, not text", id="nul"),
        pytest.param(bytes(range(256)) * 8, "binary file, not text", id="all-bytes"),
        pytest.param(
            b"\x89PNG\r\n\x1a\n" + b"\x01\x02\x03" * 50, "binary file, not text", id="png"
        ),
    ],
)
def test_decode_rejects(data: bytes, reason: str) -> None:
    from ingest.read import DecodeProblem

    with pytest.raises(DecodeProblem, match=reason):
        decode_bytes(data)


# --- single-article files --------------------------------------------------------------


@pytest.mark.parametrize("name", ["a.txt", "a.text", "a.md", "README", "notes.xyz"])
def test_text_like_files_are_one_article(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(ARTICLE, encoding="utf-8")
    articles, errors = read_file(path)
    assert errors == []
    assert [a.text for a in articles] == [ARTICLE]
    assert articles[0].source_format == "txt"
    assert articles[0].source_path == str(path)


@pytest.mark.parametrize(
    ("content", "stage", "reason"),
    [
        pytest.param(b"", "decode", "empty file", id="empty"),
        pytest.param(b"   \n\n  ", "decode", "empty file", id="blank"),
        pytest.param(b"Short text.", "read", "too short to be an article", id="short"),
        pytest.param(
            b"\x00\x01\x02\x03binary" * 20, "decode", "binary file, not text", id="binary"
        ),
    ],
)
def test_bad_text_files(tmp_path: Path, content: bytes, stage: str, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    articles, errors = read_file(path)
    assert articles == []
    assert [(e.stage, e.reason) for e in errors] == [(stage, reason)]


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert read_file(tmp_path / "nope.txt")[1][0].reason == "no such file or directory"
    assert "directory" in read_file(tmp_path)[1][0].reason


def test_cp1251_fixture_records_encoding() -> None:
    (article,), errors = read_file(FIXTURES / "cp1251_article.txt")
    assert errors == []
    assert article.encoding == "cp1251"
    assert article.text.startswith("Російські війська")


# --- multi-record files ----------------------------------------------------------------


def test_jsonl_fixture_reads_good_lines_and_reports_bad_ones() -> None:
    articles, errors = read_file(FIXTURES / "articles.jsonl")
    assert [a.record_index for a in articles] == [1, 4]
    first = articles[0]
    assert (first.url, first.title, first.published, first.outlet) == (
        "https://example.org/a",
        "Kherson shelled",
        "2024-05-06",
        "Ukrinform",
    )
    assert articles[1].published == "7 May 2024"
    assert {a.source_format for a in articles} == {"jsonl"}
    by_line = {e.line: e.reason for e in errors}
    assert set(by_line) == {2, 5, 6, 7}
    assert by_line[2].startswith("invalid JSON")
    assert by_line[5].startswith("no text field")
    assert by_line[6] == "field 'text' is not a string"
    assert by_line[7] == "too short to be an article"


@pytest.mark.parametrize(
    ("payload", "n_articles", "n_errors"),
    [
        pytest.param([{"text": ARTICLE}, {"content": ARTICLE + " More."}], 2, 0, id="array"),
        pytest.param({"full_text": ARTICLE}, 1, 0, id="one-object"),
        pytest.param([{"text": ARTICLE}, "not an object"], 1, 1, id="array-with-junk"),
        pytest.param(42, 0, 1, id="number"),
    ],
)
def test_json_files(tmp_path: Path, payload: object, n_articles: int, n_errors: int) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    articles, errors = read_file(path)
    assert (len(articles), len(errors)) == (n_articles, n_errors)


def test_json_syntax_error_has_line(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('[\n{"text": "x"},\n{oops}\n]', encoding="utf-8")
    articles, errors = read_file(path)
    assert articles == []
    assert errors[0].line == 3
    assert errors[0].reason.startswith("invalid JSON")


def test_csv_fixture() -> None:
    articles, errors = read_file(FIXTURES / "articles.csv")
    assert [a.record_index for a in articles] == [1, 2]
    assert articles[0].title == "Kherson shelled"
    assert articles[0].outlet == "Ukrinform"
    assert articles[0].url == "https://example.org/a"
    assert articles[1].published == "07/05/2024"
    assert "Second paragraph, with a comma" in articles[1].text  # quoted newline kept
    assert articles[1].url is None
    assert [(e.line, e.reason) for e in errors] == [(3, "field 'Article_Text' is empty")]


def test_csv_without_text_column_is_one_error() -> None:
    articles, errors = read_file(FIXTURES / "no_text_column.csv")
    assert articles == []
    assert len(errors) == 1
    assert errors[0].reason.startswith("no text column")


def test_tsv(tmp_path: Path) -> None:
    path = tmp_path / "a.tsv"
    path.write_text(f"title\tbody\nHeadline\t{ARTICLE}\n", encoding="utf-8")
    (article,), errors = read_file(path)
    assert errors == []
    assert (article.title, article.text) == ("Headline", ARTICLE)


def test_csv_numbers_stay_strings(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(f'text,date\n"{ARTICLE}",20240506\n', encoding="utf-8")
    (article,), _ = read_file(path)
    assert article.published == "20240506"


@pytest.mark.parametrize(
    ("frame", "n_articles", "error"),
    [
        pytest.param(
            pl.DataFrame({"Text": [ARTICLE, ARTICLE + " Again."], "date": ["2024-05-06", None]}),
            2,
            None,
            id="strings",
        ),
        pytest.param(pl.DataFrame({"text": [1, 2]}), 0, "not a string", id="int-text"),
        pytest.param(pl.DataFrame({"summary": [ARTICLE]}), 0, "no text column", id="no-text"),
    ],
)
def test_parquet(tmp_path: Path, frame: pl.DataFrame, n_articles: int, error: str | None) -> None:
    path = tmp_path / "a.parquet"
    frame.write_parquet(path)
    articles, errors = read_file(path)
    assert len(articles) == n_articles
    if error is None:
        assert errors == []
        assert articles[0].published == "2024-05-06"
        assert articles[0].source_format == "parquet"
    else:
        assert len(errors) == 1
        assert error in errors[0].reason


def test_parquet_date_column_becomes_text(tmp_path: Path) -> None:
    import datetime as dt

    path = tmp_path / "a.parquet"
    pl.DataFrame({"body": [ARTICLE], "published": [dt.date(2024, 5, 6)]}).write_parquet(path)
    (article,), _ = read_file(path)
    assert article.published == "2024-05-06"


def test_not_really_parquet(tmp_path: Path) -> None:
    path = tmp_path / "a.parquet"
    path.write_text("this is not parquet at all, just text pretending", encoding="utf-8")
    articles, errors = read_file(path)
    assert articles == []
    assert errors[0].reason.startswith("unreadable Parquet")


def test_html_fixture() -> None:
    (article,), errors = read_file(FIXTURES / "page.html")
    assert errors == []
    assert article.source_format == "html"
    assert article.title == "Russia launches 40 drones at Kyiv"
    assert article.outlet == "Example News"
    assert article.published == "2024-05-02"
    assert article.url == "https://example.org/news/drones-kyiv"
    assert "Air defences shot down 35 of the drones" in article.text
    assert "Privacy" not in article.text


def test_html_without_main_text(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    articles, errors = read_file(path)
    assert articles == []
    assert len(errors) == 1


# --- large inputs ----------------------------------------------------------------------


def test_large_text_file(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    paragraph = (ARTICLE + "\n\n").encode()
    with path.open("wb") as handle:
        for _ in range(50 * 1024 * 1024 // len(paragraph) + 1):
            handle.write(paragraph)
    (article,), errors = read_file(path)
    assert errors == []
    assert len(article.text) >= 50 * 1024 * 1024


def test_one_megabyte_single_line(tmp_path: Path) -> None:
    long_text = (ARTICLE + " ") * (1024 * 1024 // len(ARTICLE))
    (tmp_path / "line.txt").write_text(long_text, encoding="utf-8")
    (tmp_path / "line.jsonl").write_text(json.dumps({"text": long_text}) + "\n", encoding="utf-8")
    for name in ("line.txt", "line.jsonl"):
        (article,), errors = read_file(tmp_path / name)
        assert errors == []
        assert len(article.text) >= 1024 * 1024 - len(ARTICLE) - 1


def test_many_line_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i in range(20_000):
            handle.write(json.dumps({"text": f"{ARTICLE} Record {i}."}) + "\n")
    articles, errors = read_file(path)
    assert errors == []
    assert len(articles) == 20_000
    assert articles[-1].record_index == 20_000


# --- expand_paths ----------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A folder with nested files, hidden entries, unknown extensions and symlinks."""
    root = tmp_path / "in"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".hidden_dir").mkdir()
    for rel in ("a.txt", "sub/b.jsonl", "sub/deeper/c.csv", "gold.jsonl", "d.html"):
        (root / rel).write_text(ARTICLE, encoding="utf-8")
    (root / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    (root / ".hidden_dir" / "e.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "image.png").write_bytes(b"\x89PNG")
    (root / "notes.xyz").write_text(ARTICLE, encoding="utf-8")
    os.symlink(root, root / "sub" / "loop")  # a symlink loop
    os.symlink(root / "a.txt", root / "sub" / "a_again.txt")  # same real file twice
    return root


def _names(paths: list[Path]) -> list[str]:
    return sorted(p.name for p in paths)


def test_expand_folder(tree: Path) -> None:
    files, errors = expand_paths([str(tree)])
    assert errors == []
    assert _names(files) == ["a.txt", "b.jsonl", "c.csv", "d.html", "gold.jsonl"]


def test_expand_explicit_unknown_extension_is_kept(tree: Path) -> None:
    files, errors = expand_paths([str(tree / "notes.xyz")])
    assert (errors, _names(files)) == ([], ["notes.xyz"])
    (article,), _ = read_file(files[0])
    assert article.text == ARTICLE


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        pytest.param("*.txt", ["a.txt"], id="star"),
        pytest.param("**/*.jsonl", ["b.jsonl", "gold.jsonl"], id="double-star"),
        pytest.param("sub/deeper", ["c.csv"], id="subfolder"),
        pytest.param(
            "*", ["a.txt", "b.jsonl", "c.csv", "d.html", "gold.jsonl"], id="star-with-folders"
        ),
    ],
)
def test_expand_globs(tree: Path, pattern: str, expected: list[str]) -> None:
    files, errors = expand_paths([str(tree / pattern)])
    assert errors == []
    assert _names(files) == expected


def test_glob_under_a_hidden_folder(tmp_path: Path) -> None:
    root = tmp_path / ".cache" / "in"
    root.mkdir(parents=True)
    (root / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (root / ".b.txt").write_text(ARTICLE, encoding="utf-8")
    files, errors = expand_paths([str(root / "*.txt")])
    assert (errors, _names(files)) == ([], ["a.txt"])


def test_expand_missing_and_duplicates(tree: Path) -> None:
    files, errors = expand_paths(
        [str(tree / "a.txt"), str(tree / "a.txt"), str(tree / "missing.txt"), str(tree / "*.nope")]
    )
    assert _names(files) == ["a.txt"]
    assert [(e.stage, e.reason) for e in errors] == [
        ("read", "no such file or directory"),
        ("read", "no files match the pattern"),
    ]
