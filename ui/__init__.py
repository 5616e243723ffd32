"""Streamlit helpers shared by the pages: data access, view state <-> URL, widgets, chart frames, i18n."""
