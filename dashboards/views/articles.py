"""Articles: search by text, outlet and date; read one article with its facts highlighted.

Article text and titles are untrusted and are shown as text (escaped), never as HTML or
Markdown.
"""

import html

import polars as pl
import streamlit as st

from dashboards.lib import filters, queries, text, ui

st.title("Articles")
sch = ui.schema_or_stop()
flt = filters.current()
dates = f"{flt.start or '…'} to {flt.end or '…'}" if flt.start or flt.end else "all dates"
st.caption(f"Publication dates: {dates} (the sidebar's other filters apply to facts, not here).")

search_col, outlet_col = st.columns([2, 1])
with search_col:
    needle = st.text_input(
        "Search title and text", key="article_search", placeholder="e.g. Avdiivka"
    )
with outlet_col:
    outlet_frame = ui.load(queries.outlets, sch)
    outlets = st.multiselect(
        "Outlet",
        [] if outlet_frame is None else outlet_frame["outlet"].to_list(),
        key="article_outlets",
        placeholder="All outlets",
    )

found = ui.load(queries.search_articles, sch, needle or "", tuple(outlets), flt)
if found is None:
    st.stop()
if found.is_empty():
    st.info("No article matches this search.")
    st.stop()

st.markdown(f"**{found.height} article(s)**")
ui.table(
    found,
    "articles",
    [
        "published_date",
        "outlet",
        "title",
        "n_facts",
        "article_id",
        "source_file",
        "source_files",
        "url",
    ],
)

ids = found["article_id"].to_list()
titles = dict(zip(ids, found["title"].fill_null("(untitled)").to_list(), strict=True))
chosen = st.selectbox(
    "Read an article",
    ids,
    format_func=lambda i: f"{titles[i][:90]} · {i}",
    key="article",
)
if not chosen:
    st.stop()

row = ui.load(queries.article, sch, chosen)
if row is None or row.is_empty():
    st.info("That article is no longer in the warehouse.")
    st.stop()
art = row.row(0, named=True)
st.html(f"<h3 style='margin-bottom:0'>{html.escape(str(art.get('title') or '(untitled)'))}</h3>")
meta = [str(art.get(k)) for k in ("outlet", "published_date", "url") if art.get(k)]
st.text(" · ".join([*meta, f"article {chosen}"]))
sources = art.get("source_files") or art.get("source_file")
if sources:
    st.text("Source file(s): " + (", ".join(sources) if isinstance(sources, list) else sources))

facts = ui.load(queries.article_facts, sch, chosen)
facts = facts if facts is not None else pl.DataFrame()
body = art.get("body")
st.subheader(f"Facts ({facts.height})")
if facts.is_empty():
    st.info("No facts were extracted from this article.")
else:
    ui.table(
        facts,
        "article_facts",
        ["fact_type", "summary", "claimant_side", "admin1", "scope", "fact_date", "sentence_index"],
    )

st.subheader("Text")
if not body:
    st.info(
        "This warehouse does not carry article text (no `body` column in dim_articles); "
        "the evidence sentences are listed with the facts above."
    )
else:
    spans = []
    for f in facts.iter_rows(named=True):
        where = text.locate(body, f.get("evidence"), f.get("span_start"), f.get("span_end"))
        if where:
            spans.append((*where, f["fact_type"]))
    highlights = text.merge(spans)
    st.caption(f"{len(highlights)} evidence passage(s) highlighted; hover one for its fact types.")
    st.html(text.highlighted_html(body, highlights))
