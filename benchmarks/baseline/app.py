"""The common pattern the dashboard is measured against (issue 11): full-resolution GeoJSON read with geopandas,
`px.choropleth`, the offline topojson fix and nothing else. Served by plain `streamlit run` from this folder
(`benchmarks/first_map.py` starts it); `static/` links to the project's basemap stub.
"""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import plotly.express as px
import streamlit as st

GEOJSON = Path(os.environ["ATLAS_BASELINE_GEOJSON"])

st.title("Régions")
regions = gpd.read_file(GEOJSON)
regions["value"] = range(len(regions))
fig = px.choropleth(
    regions,
    geojson=regions.__geo_interface__,
    locations="code",
    featureidkey="properties.code",
    color="value",
    hover_name="nom",
)
fig.update_geos(fitbounds="locations", visible=False)
st.plotly_chart(fig, config={"topojsonURL": "app/static/"})
