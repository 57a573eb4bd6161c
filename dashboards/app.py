"""Frontline dashboard: `streamlit run dashboards/app.py` (warehouse path from $FRONTLINE_DB).

The page files live in `views/`, not `pages/`: a `pages/` folder beside the main script
switches Streamlit into its older directory-based mode until `st.navigation` has run once in
the process, so a deep link right after start-up (and every AppTest rerun) would run the page
without this script: no page config, no sidebar filters.
"""

import streamlit as st

from dashboards.lib import filters

st.set_page_config(page_title="Frontline", page_icon=":material/public:", layout="wide")

page = st.navigation(
    [
        st.Page("views/overview.py", title="Overview", icon=":material/dashboard:", default=True),
        st.Page("views/losses.py", title="Claimed losses", icon=":material/groups:"),
        st.Page("views/strikes.py", title="Strikes", icon=":material/rocket_launch:"),
        st.Page("views/territory.py", title="Territory", icon=":material/flag:"),
        st.Page("views/regions.py", title="Regions", icon=":material/map:"),
        st.Page("views/articles.py", title="Articles", icon=":material/article:"),
        st.Page("views/sql.py", title="SQL console", icon=":material/terminal:"),
    ]
)
filters.sidebar(filters.region_options())
page.run()
