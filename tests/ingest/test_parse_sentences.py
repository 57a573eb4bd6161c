"""ingest.parse.sentences: a fast splitter with exact offsets."""

from __future__ import annotations

import pytest

from ingest.parse.sentences import ABBREVIATIONS, split_sentences


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("One sentence. Two sentence.", ["One sentence.", "Two sentence."], id="basic"),
        pytest.param(
            "Headline here\nBody text. More.",
            ["Headline here", "Body text.", "More."],
            id="newline-hard",
        ),
        pytest.param("Is it? Yes! It is.", ["Is it?", "Yes!", "It is."], id="question-exclaim"),
        pytest.param(
            'He said: "It was unsuccessful." Nonetheless, it went on.',
            ['He said: "It was unsuccessful."', "Nonetheless, it went on."],
            id="closing-quote",
        ),
        pytest.param(
            "“It failed,” she said. “We hold,” he said.",
            ["“It failed,” she said.", "“We hold,” he said."],
            id="curly-quotes",
        ),
        pytest.param(
            "Losses rose 2.5 percent. Then fell.",
            ["Losses rose 2.5 percent.", "Then fell."],
            id="decimal",
        ),
        pytest.param(
            "It fell in 2023. 15 were killed.",
            ["It fell in 2023.", "15 were killed."],
            id="digit-start",
        ),
        pytest.param(
            "Lt. Gen. Mykola Oleshchuk spoke.", ["Lt. Gen. Mykola Oleshchuk spoke."], id="ranks"
        ),
        pytest.param(
            "Col. Smith and Maj. Jones met Sgt. Lee.",
            ["Col. Smith and Maj. Jones met Sgt. Lee."],
            id="more-ranks",
        ),
        pytest.param(
            "Mr. Pronin said so. Dr. Who agreed.",
            ["Mr. Pronin said so.", "Dr. Who agreed."],
            id="mr-dr",
        ),
        pytest.param(
            "The U.S. Army sent aid. The U.K. too.",
            ["The U.S. Army sent aid.", "The U.K. too."],
            id="us-uk",
        ),
        pytest.param(
            "President J. Biden signed it.", ["President J. Biden signed it."], id="initial"
        ),
        pytest.param(
            "Since Nov. 10 it grew. Since Sept. 13 too.",
            ["Since Nov. 10 it grew.", "Since Sept. 13 too."],
            id="months",
        ),
        pytest.param(
            "Brigade No. 3 held. It did.", ["Brigade No. 3 held.", "It did."], id="number-abbrev"
        ),
        pytest.param(
            "At 10 a.m. Kyiv time, sirens. At 3 p.m. more.",
            ["At 10 a.m. Kyiv time, sirens.", "At 3 p.m. more."],
            id="am-pm",
        ),
        pytest.param(
            "Arms, e.g. Patriots, i.e. air defence. Done.",
            ["Arms, e.g. Patriots, i.e. air defence.", "Done."],
            id="eg-ie",
        ),
        pytest.param("St. Petersburg hosted talks.", ["St. Petersburg hosted talks."], id="saint"),
        pytest.param(
            "lowercase after. period stays", ["lowercase after. period stays"], id="lowercase-next"
        ),
        pytest.param(
            "  padded line.  \n\n\n  next one  ", ["padded line.", "next one"], id="whitespace"
        ),
        pytest.param("Wait... What happened?", ["Wait...", "What happened?"], id="ellipsis"),
        pytest.param("", [], id="empty"),
    ],
)
def test_split_sentences(body: str, expected: list[str]) -> None:
    sentences = split_sentences(body)
    assert [s.text for s in sentences] == expected
    assert [s.index for s in sentences] == list(range(len(expected)))
    for s in sentences:
        assert body[s.start : s.end] == s.text


def test_abbreviations_are_lowercase_without_periods() -> None:
    assert all(a == a.lower() and "." not in a for a in ABBREVIATIONS)
