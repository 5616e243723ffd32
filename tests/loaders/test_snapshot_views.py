"""The real snapshot through the views that show it: expected values from the raw files, the catalogue YAML or the
facts, never from the views' output. Tests about behaviour run on the synthetic snapshot (tests/synthetic.py)."""

from __future__ import annotations

import csv
import json
import statistics

import pytest

from analysis.catalogue import MAYOTTE, mayotte_gaps
from analysis.europe import NUTS_LEVELS, boundary_index, map_units, nuts_facts, regions_of_year, summary
from analysis.frames import latest_period, territory_slice
from analysis.trends import milestones, trend_lines
from charts.choropleth import choropleth
from charts.trends import ftth_trend
from loaders import load_dataset
from loaders.catalogue import load_family
from loaders.codes import REGION_CODES


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def raw_rows(raw_ctx, relative: str) -> list[dict]:
    with raw_ctx.file(relative).path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


# Sources et méthode: every source reads in English (the committed sources.json, read with the json module).
def test_every_source_of_the_snapshot_reads_in_english(ds):
    committed = json.loads((ds.data_dir / "sources.json").read_text(encoding="utf-8"))
    assert len(committed) > 20
    for src in committed:
        assert src["title"]["fr"].strip() and src["title"]["en"].strip(), src["id"]
        assert bool(src["caveats"]["fr"].strip()) == bool(src["caveats"]["en"].strip()), src["id"]
        assert all(src[k]["en"].strip() for k in ("publisher", "licence", "vintage")), src["id"]


# Sources et méthode: Mayotte.
def test_mayotte_gaps(ds, raw_ctx):
    gaps = mayotte_gaps(ds)
    f = ds.facts
    assert "population" not in gaps
    assert f[(f["indicator"] == "population") & (f["code"] == MAYOTTE["department"])].shape[0] > 0
    for ind in gaps:
        rows = f[
            (f["indicator"] == ind)
            & (
                ((f["level"] == "region") & (f["code"] == MAYOTTE["region"]))
                | ((f["level"] == "department") & (f["code"] == MAYOTTE["department"]))
            )
        ]
        assert rows.empty, ind
    raw = raw_rows(raw_ctx, "usage/eurostat_isoc_r_iacc_h_FR_2006_2025.csv")
    assert not [r for r in raw if r["geo"] == "FRY5"], "precondition: Eurostat has no Mayotte (FRY5) row"
    assert "household_internet_access" in gaps


# Europe: the raw Eurostat files against what the page computes from the snapshot.
def test_median_of_regions_matches_the_raw_file(ds, raw_ctx):
    raw = raw_rows(raw_ctx, "usage/eurostat_oecd_g11/EuroStat-regional-internet-usage.csv")
    values = [float(r["OBS_VALUE"]) for r in raw if r["TIME_PERIOD"] == "2019" and r["OBS_VALUE"]]
    rows = nuts_facts(ds.facts, "internet_weekly_use")
    stats = summary(regions_of_year(rows, "2019")["value"])
    assert stats["n"] == len(values)
    assert stats["median"] == pytest.approx(statistics.median(values))


def test_germany_greece_poland_have_no_nuts2_row_in_the_regional_files(raw_ctx):
    for name in ("internet-usage", "goods-services", "internet-access"):
        raw = raw_rows(raw_ctx, f"usage/eurostat_oecd_g11/EuroStat-regional-{name}.csv")
        assert not {r["geo"][:2] for r in raw} & {"DE", "EL", "PL"}, name


def test_germany_is_drawn_at_nuts1_for_daily_use(ds, raw_ctx):
    raw = raw_rows(raw_ctx, "usage/eurostat_isoc_r_iuse_i_I_IDAY_2006_2019.csv")
    german = {r["geo"] for r in raw if r["geo"].startswith("DE") and r["time"] == "2019" and r["nuts_level"] == "1"}
    boundaries = boundary_index({level: ds.geometry(level) for level in NUTS_LEVELS})
    units = map_units(nuts_facts(ds.facts, "internet_daily_use"), "2019", boundaries)
    drawn = units[(units["country"] == "DE") & units["value"].notna()]
    assert set(drawn["level"]) == {"nuts1"}
    assert set(drawn["code"]) == german & set(boundaries["nuts1"])


# Maps: every French region and department drawn, with the snapshot's values, in payloads a browser can take.
def test_region_map_draws_the_18_regions_with_the_snapshot_values(ds):
    period = latest_period(ds, "ftth_coverage", "region")
    frame = territory_slice(ds, "ftth_coverage", "region", period)
    trace = choropleth(frame, ds.geometry("region"), ds.indicator("ftth_coverage"), "fr").data[0]
    assert sorted(trace.locations) == sorted(REGION_CODES)
    facts = ds.facts.query("indicator == 'ftth_coverage' and level == 'region' and period == @period")
    assert dict(zip(trace.locations, trace.z, strict=True)) == dict(zip(facts["code"], facts["value"], strict=True))


def test_department_map_has_every_department_and_the_enlarged_copies(ds):
    indicator = "ftth_coverage_2026"
    frame = territory_slice(ds, indicator, "department", latest_period(ds, indicator, "department"))
    geometry = ds.geometry("department")
    fig = choropleth(frame, geometry, ds.indicator(indicator), "fr")
    copies = {
        f["properties"]["code"]: f["properties"]["zoom_of"]
        for f in geometry["features"]
        if "zoom_of" in f["properties"]
    }
    assert "75" in copies.values(), "Paris is drawn enlarged"
    drawn = [loc for t in fig.data if t.type == "choropleth" for loc in t.locations]
    assert len(frame) == (ds.territories["level"] == "department").sum()
    assert sorted(drawn) == sorted([*frame["code"], *copies]), "Paris and its inner suburbs twice: real and enlarged"
    assert any(t.type == "scattergeo" for t in fig.data), "frames around the overseas insets"
    values = dict(zip(fig.data[0].locations, fig.data[0].z, strict=True))
    assert all(values[c] == values[of] for c, of in copies.items() if c in values)


def test_figure_payloads_stay_small(ds):
    period = latest_period(ds, "ftth_coverage", "department")
    sizes = {}
    for level in ("region", "department"):
        frame = territory_slice(ds, "ftth_coverage", level, period)
        sizes[level] = len(choropleth(frame, ds.geometry(level), ds.indicator("ftth_coverage"), "fr").to_json())
    assert sizes["region"] < 150_000
    assert sizes["department"] < 600_000


# Évolution: the FttH chart shades the breaks its YAML entry declares (ARCEP's change of base).
def test_ftth_chart_shades_the_declared_breaks(ds):
    entry = next(i for i in load_family("broadband").indicators if i.id == "ftth_coverage")
    breaks = entry.presentation.breaks
    assert [(b.start, b.end) for b in breaks] == [("2019-01-01", "2020-12-31")], "ARCEP's change of base"
    lines, france = trend_lines(ds, "ftth_coverage")
    fig = ftth_trend(lines, france, milestones(ds, lines), ds.indicator("ftth_coverage"), "fr")
    assert [(s.x0, s.x1) for s in fig.layout.shapes if s.type == "rect"] == [(b.start, b.end) for b in breaks]
    assert all(b.label["fr"] in [a.text for a in fig.layout.annotations] for b in breaks)


# Carte: the mobile-sites file lists metropolitan regions only; the map draws the others as missing, not as zero.
def test_regions_absent_from_the_mobile_sites_file_are_drawn_as_missing(ds, raw_ctx):
    raw = raw_rows(raw_ctx, "broadband/arcep_sites_mobiles_2024_pmehaud/mobile_sites_by_region_operator.csv")
    regions = ds.territories.query("level == 'region'")
    absent = sorted(set(regions["code"]) - {r["code_region"] for r in raw})
    assert absent == sorted(regions.query("zone != 'metro'")["code"]), "the overseas regions"
    indicator = "mobile_sites_per_100k"
    frame = territory_slice(ds, indicator, "region", latest_period(ds, indicator, "region"))
    fig = choropleth(frame, ds.geometry("region"), ds.indicator(indicator), "fr")
    drawn = [t for t in fig.data if t.type == "choropleth"]
    assert len(drawn) == 2, "the regions with a value, then a grey 'no data' trace"
    assert sorted(drawn[1].locations) == absent
    assert not set(absent) & set(drawn[0].locations)
