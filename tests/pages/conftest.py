"""AppTest helpers: run the app (optionally with URL parameters), switch pages, read plotly figures.

`open_page` runs the app on the committed snapshot (for the few tests about the data); `open_synthetic` runs it on
the small synthetic snapshot of tests/synthetic.py (for tests about behaviour, which a data update must not break).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Selectbox

from loaders.catalogue import Indicator, Role
from tests.synthetic import TERRITORIES, indicators, tables

APP = str(Path(__file__).resolve().parents[2] / "app.py")
SYNTHETIC_INDICATORS: dict[str, Indicator] = {i.id: i for i in indicators()}


def array(value: object) -> list:
    """A plotly array as a list: plotly 7 writes numeric arrays as typed base64 blobs ({dtype, bdata})."""
    if isinstance(value, dict) and "bdata" in value:
        data = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        return data.reshape(value["shape"]).tolist() if "shape" in value else data.tolist()
    return list(value)


def type_into(select: Selectbox, typed: str) -> Selectbox:
    """Text typed into a selectbox that accepts new options, then Enter (AppTest only sets one of its options)."""

    class Typed(type(select)):
        @property
        def _widget_state(self) -> WidgetState:
            state = WidgetState(id=self.id, string_value=typed)
            return state

    select.__class__ = Typed
    return select


def shown_cells(element) -> pd.DataFrame:
    """The cells as the reader sees them (the Styler's display values sent beside the data)."""
    return pa.ipc.open_stream(element.proto.arrow_data.styler.display_values).read_pandas()


def figures(at: AppTest) -> list[dict]:
    """Plotly figures of the current page, as dicts (AppTest shows them as unknown elements)."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def map_locations(fig: dict) -> list[str]:
    """Territory codes of every choropleth trace of a figure dict (with data and without)."""
    return [loc for t in fig["data"] if t["type"] == "choropleth" for loc in t["locations"]]


@pytest.fixture
def open_page() -> Callable[..., AppTest]:
    """open_page('pages/carte.py', indicator='gigabit_eligibility') -> a run AppTest on that page."""

    def _open(page: str | None = None, **params: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=30)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, at.exception
        if page:
            at.switch_page(page)
            at.run()
        return at

    return _open


@pytest.fixture
def open_synthetic(synthetic_app: Path, open_page: Callable[..., AppTest]) -> Callable[..., AppTest]:
    """open_page on the synthetic snapshot: the app reads $ATLAS_DATA_DIR, set for this test by synthetic_app."""
    return open_page


@pytest.fixture(scope="session")
def synthetic_facts() -> pd.DataFrame:
    """The synthetic facts as tests/synthetic.py makes them: where behaviour tests take their expected values."""
    return tables()["facts"]


def role_holder(role: Role) -> str:
    """The synthetic indicator holding a default role (the one a page opens on)."""
    return next(i.id for i in SYNTHETIC_INDICATORS.values() if role in i.presentation.defaults)


def territory_names(level: str) -> dict[str, str]:
    """code -> name of the synthetic territories of a level, in code order."""
    return dict(sorted((code, name) for lv, code, name, *_ in TERRITORIES if lv == level))


def fact_periods(facts: pd.DataFrame, indicator: str, level: str = "region") -> list[str]:
    """The periods with a value of an indicator at a level, in order."""
    rows = facts[(facts["indicator"] == indicator) & (facts["level"] == level) & facts["value"].notna()]
    return sorted(rows["period"].unique())


def latest_period(facts: pd.DataFrame, indicator: str, level: str = "region") -> str:
    """The last period with a value of an indicator at a level."""
    return fact_periods(facts, indicator, level)[-1]


def fact_values(facts: pd.DataFrame, indicator: str, level: str = "region", period: str | None = None) -> pd.Series:
    """code -> value of one indicator at one level and period (by default its latest period at that level)."""
    period = latest_period(facts, indicator, level) if period is None else period
    rows = facts[(facts["indicator"] == indicator) & (facts["level"] == level) & (facts["period"] == period)]
    return rows.dropna(subset=["value"]).set_index("code")["value"]
