"""HTTP serving around Streamlit's ASGI app: pre-compressed, cacheable assets and page-path redirects.

No Streamlit import here: `server.py` wires these pieces into `st.App`, and the unit tests drive them directly.
"""
