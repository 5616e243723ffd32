"""Plotly figure builders: plain functions, frame in, figure out. No Streamlit here."""
