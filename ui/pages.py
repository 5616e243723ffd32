"""The dashboard's pages, shared by the entry point (navigation) and the server (which paths are pages)."""

from __future__ import annotations

# File stem = URL path: Streamlit resolves a deep link against the pages/ folder before app.py has run
# st.navigation, so any other URL path shows "Page not found" on a cold start. The first page is the default:
# Streamlit serves it at "/" and ignores its url_path.
PAGES = [
    ("vue-ensemble", "nav.overview", ":material/dashboard:"),
    ("carte", "nav.map", ":material/map:"),
    ("infrastructures-usages", "nav.fracture", ":material/scatter_plot:"),
    ("indice", "nav.index", ":material/leaderboard:"),
    ("evolution", "nav.trends", ":material/show_chart:"),
    ("fiche-region", "nav.profile", ":material/badge:"),
    ("comparer", "nav.compare", ":material/compare_arrows:"),
    ("europe", "nav.europe", ":material/public:"),
    ("sources", "nav.sources", ":material/menu_book:"),
    ("vos-donnees", "nav.upload", ":material/upload_file:"),
]
# URL paths (without "/") that show a page; every other path shows Streamlit's English "Page not found".
PAGE_PATHS = frozenset(stem for stem, _, _ in PAGES[1:])
