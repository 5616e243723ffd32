"""Sources et méthode: every indicator and source of the catalogues, the filters, the deep link.

On the synthetic snapshot (tests/synthetic.py), its catalogues read with the json module; the list of indicators
without a value for Mayotte is checked on the committed snapshot, whose gaps it describes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow.parquet as pq

from i18n.format import period_label
from loaders.paths import REPO_ROOT

DATA = REPO_ROOT / "data"
PAGE = "pages/sources.py"
FR = json.loads((REPO_ROOT / "i18n" / "fr.json").read_text(encoding="utf-8"))
EN = json.loads((REPO_ROOT / "i18n" / "en.json").read_text(encoding="utf-8"))


def catalogue(name: str, folder: Path) -> list[dict]:
    """A snapshot's catalogue, read with the json module (not through the code under test)."""
    return json.loads((folder / name).read_text(encoding="utf-8"))


def plain(markdown: str) -> str:
    """Markdown text without its backslash escapes."""
    return re.sub(r"\\(.)", r"\1", markdown)


def indicator_labels(at) -> list[str]:
    """Labels of the entries listed in the indicators tab."""
    return [plain(e.label) for e in at.tabs[0].expander]


def test_page_renders_with_its_widgets(open_synthetic):
    at = open_synthetic(PAGE)
    assert not at.exception
    assert at.text_input(key="w.sources.query")
    assert at.selectbox(key="w.sources.pillar")
    assert len(at.tabs) == 4
    keys = {b.key for b in at.get("download_button")}
    assert keys == {"w.sources.download_csv", "w.sources.download_sources", "w.sources.download_xlsx"}


def test_every_indicator_of_the_catalogue_is_listed_with_its_definition(open_synthetic, synthetic_dir):
    at = open_synthetic(PAGE)
    indicators = catalogue("indicators.json", synthetic_dir)
    assert sorted(indicator_labels(at)) == sorted(i["label"]["fr"] for i in indicators)
    text = plain(" ".join(m.value for m in at.tabs[0].markdown))
    for ind in indicators:
        assert ind["definition"]["fr"] in text, ind["id"]


def test_every_source_appears_with_its_official_url_and_files(open_synthetic, synthetic_dir):
    at = open_synthetic(PAGE)
    text = " ".join(m.value for m in at.tabs[1].markdown)
    helps = " ".join(m.proto.help for m in at.tabs[1].markdown)
    sources = catalogue("sources.json", synthetic_dir)
    assert sources
    for src in sources:
        assert plain(src["title"]["fr"]) in plain(text), src["id"]
        if src["url"]:
            assert f"]({src['url']})" in text, src["id"]
        for f in src["files"]:
            assert f"`{f['path']}`" in text and f"`{f['sha256'][:12]}…`" in text, f["path"]
            assert f["sha256"] in helps, f"the whole hash of {f['path']} is at hand"
            if f["url"]:
                assert f"]({f['url']})" in text, f["path"]


def test_pillar_filter_lists_only_that_pillar(open_synthetic, synthetic_dir):
    at = open_synthetic(PAGE)
    box = at.selectbox(key="w.sources.pillar")
    box.select_index(box.options.index(FR["common.pillar.usage"])).run()
    assert not at.exception
    usage = sorted(i["label"]["fr"] for i in catalogue("indicators.json", synthetic_dir) if i["pillar"] == "usage")
    assert usage and sorted(indicator_labels(at)) == usage


def test_search_narrows_the_list_and_ignores_accents_and_case(open_synthetic, synthetic_dir):
    at = open_synthetic(PAGE)
    at.text_input(key="w.sources.query").input("FRAGILITE").run()
    indicators = catalogue("indicators.json", synthetic_dir)

    def mentions(i: dict) -> bool:
        french = " ".join(i[k]["fr"] for k in ("label", "definition", "caveats")).lower()
        english = " ".join(i[k]["en"] for k in ("label", "definition", "caveats")).lower()
        return "fragilité" in french or "fragilite" in english

    expected = sorted(i["label"]["fr"] for i in indicators if mentions(i))
    assert 0 < len(expected) < len(indicators)
    assert sorted(indicator_labels(at)) == expected


def test_search_without_match_says_so(open_synthetic):
    at = open_synthetic(PAGE)
    at.text_input(key="w.sources.query").input("zzzz-nothing").run()
    assert not at.exception
    assert indicator_labels(at) == []
    assert at.info


def test_deep_link_opens_that_indicator_only(open_synthetic, synthetic_dir):
    indicators = catalogue("indicators.json", synthetic_dir)
    linked = max(indicators, key=lambda i: i["label"]["fr"])  # not where the reader would land without the link
    at = open_synthetic(PAGE, indicator=linked["id"])
    opened = [plain(e.label) for e in at.tabs[0].expander if e.proto.expanded]
    label = linked["label"]["fr"]
    assert opened == [label]
    assert indicator_labels(at)[0] == label  # listed first, where the reader lands
    assert sorted(indicator_labels(at)) == sorted(i["label"]["fr"] for i in catalogue("indicators.json", synthetic_dir))


def test_without_deep_link_every_entry_is_closed(open_synthetic):
    at = open_synthetic(PAGE)
    assert not [e for e in at.tabs[0].expander if e.proto.expanded]


def test_english_labels(open_synthetic, synthetic_dir):
    at = open_synthetic(PAGE, lang="en")
    assert sorted(indicator_labels(at)) == sorted(i["label"]["en"] for i in catalogue("indicators.json", synthetic_dir))
    assert at.title[0].value == EN["nav.sources"]


def test_every_file_says_where_and_how_a_refresh_gets_it(open_page):
    """On the committed catalogue: a converted file names its reader, a file with a publisher's address links it,
    a manual file gives its source's reason."""
    at = open_page(PAGE)
    text = plain(" ".join(m.value for m in at.tabs[1].markdown))
    for src in catalogue("sources.json", DATA):
        for f in src["files"]:
            refresh = f.get("refresh")
            if refresh and refresh["convert"]:
                assert f"`{refresh['convert']}`" in text and f"]({refresh['url']})" in text, f["path"]
            elif refresh or f["url"]:
                assert f"]({(refresh or {}).get('url') or f['url']})" in text, f["path"]
            else:
                assert src["manual"]["fr"] in text, f["path"]


def test_method_lists_exactly_the_indicators_without_mayotte(open_page):
    """A data test: the committed snapshot's facts say which indicators have no value for Mayotte."""
    at = open_page(PAGE)
    rows = pq.read_table(DATA / "facts.parquet", columns=["indicator", "level", "code"]).to_pylist()
    french = [r for r in rows if r["level"] in ("region", "department")]
    mayotte = {r["indicator"] for r in french if (r["level"], r["code"]) in (("region", "06"), ("department", "976"))}
    missing = {r["indicator"] for r in french} - mayotte
    labels = {i["id"]: i["label"]["fr"] for i in catalogue("indicators.json", DATA)}
    bullets = {plain(line[2:]) for m in at.tabs[2].markdown for line in m.value.splitlines() if line.startswith("- ")}
    assert missing and bullets == {labels[i] for i in missing}


def test_english_sources_tab_shows_english_titles_and_caveats(open_synthetic, synthetic_dir):
    at = open_synthetic(PAGE, lang="en")
    text = plain(" ".join(m.value for m in at.tabs[1].markdown))
    for src in catalogue("sources.json", synthetic_dir):
        assert plain(src["title"]["en"]) in text, src["id"]
        assert plain(src["caveats"]["en"]) in text, src["id"]
        if src["title"]["fr"] != src["title"]["en"]:
            assert f"[{plain(src['title']['fr'])}]" not in text, src["id"]


def test_the_page_says_which_snapshot_it_serves_and_what_the_last_refresh_changed(
    synthetic_dir, open_page, monkeypatch, tmp_path
):
    import shutil

    at = open_page(PAGE)  # the committed snapshot: built, never refreshed
    assert any(plain(c.value) == plain(FR["sources.served.committed"]) for c in at.caption)
    refreshed = tmp_path / "refreshed"
    shutil.copytree(synthetic_dir, refreshed)
    indicator = catalogue("indicators.json", refreshed)[0]["id"]
    source = catalogue("sources.json", refreshed)[0]["id"]
    log = {
        "refreshed_at": "2026-11-30T08:00:00+00:00",
        "version": "new",
        "previous": "old",
        "files": [{"source": source, "path": "x/y.csv", "sha256": "0" * 64, "status": "updated"}],
        "indicators": {indicator: {"added": 3, "removed": 0, "moved": 2, "examples": []}},
        "latest_periods": {},
    }
    (refreshed / "changelog.json").write_text(json.dumps(log), encoding="utf-8")
    monkeypatch.setenv("ATLAS_DATA_DIR", str(refreshed))
    at = open_page(PAGE)
    assert not at.exception
    text = plain(" ".join(m.value for m in at.markdown))
    assert "rafraîchi le 30 nov. 2026" in text and "`old`" in text
    assert "3 valeurs ajoutées, 0 retirées, 2 modifiées" in text and "x/y.csv : mis à jour" in text
    assert "téléchargé le 30 nov. 2026 : 1 fichier(s) mis à jour, 0 inchangé(s)" in text
    # How far the updated source's data now go, read from the served facts of the indicators citing it.
    citing = [i["id"] for i in catalogue("indicators.json", refreshed) if source in i["sources"]]
    periods = pq.read_table(refreshed / "facts.parquet", columns=["indicator", "period"]).to_pylist()
    last = max(r["period"] for r in periods if r["indicator"] in citing)
    assert f"dernière période des données : {period_label(last, 'fr')}" in text
    assert text.count("non téléchargé au dernier rafraîchissement") == len(catalogue("sources.json", refreshed)) - 1, (
        "every other source says the refresh did not download it"
    )
