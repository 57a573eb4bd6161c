"""SQL console: read-only queries on the marts, with a row cap and a time limit.

Queries run on a locked-down DuckDB connection (read-only, no file or network access, no
extensions, no SET) and only single SELECT statements are accepted.
"""

import streamlit as st

from dashboards.lib import db, ui

EXAMPLE = """select admin1, count(*) as claims
from fct_territorial_claims
group by admin1
order by claims desc"""
TIMEOUT_S = 5

st.title("SQL console")
sch = ui.schema_or_stop()
st.caption(
    "Read-only: one SELECT at a time on the warehouse's tables; no file access, "
    f"at most {TIMEOUT_S} s per query."
)

with st.expander("Tables and columns"):
    for name in sorted(sch):
        st.text(f"{name}: {', '.join(sorted(sch[name]))}")

sql = st.text_area("Query", value=EXAMPLE, height=160, key="console_sql")
max_rows = st.number_input("Row limit", min_value=1, max_value=10_000, value=1000, step=100)
if st.button("Run", type="primary", key="console_run"):
    try:
        result = db.run_console_query(sql, max_rows=int(max_rows), timeout_s=TIMEOUT_S)
    except Exception as exc:  # every refusal or failure is shown as a message, not a traceback
        st.session_state["console_result"] = None
        st.session_state["console_error"] = str(exc)
    else:
        st.session_state["console_result"] = result
        st.session_state["console_error"] = None

error = st.session_state.get("console_error")
result = st.session_state.get("console_result")
if error:
    st.error(f"Refused or failed: {error}")
elif result is not None:
    frame = ui.console_frame(result)
    note = f" (first {frame.height:,} rows only)" if getattr(result, "truncated", False) else ""
    st.caption(f"{frame.height:,} row(s){note}.")
    st.dataframe(frame, hide_index=True, key="console_table")
    ui.download(frame, "console")
