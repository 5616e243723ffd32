"""Exports: figures as PNG/SVG/PDF with their title and source, tables as CSV/XLSX with their provenance.

Pure Python (no Streamlit): the UI calls these from `st.download_button(data=callable)`.
"""
