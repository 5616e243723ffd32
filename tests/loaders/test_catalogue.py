"""The typed catalogue: models that refuse what a YAML typo or a half-translated text would slip in, cross-entry
checks, declared raw files and their hashes.

Catalogues here are small model objects built in the tests, never copies of the YAML files.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pydantic import ValidationError

from loaders.catalogue import (
    FACT_FAMILIES,
    SOURCE_FAMILIES,
    CatalogueError,
    IndexRole,
    Indicator,
    Pillar,
    Presentation,
    ReadOptions,
    Refresh,
    Role,
    Source,
    SourceFile,
    Text,
    Unit,
    load_family,
)
from loaders.context import BuildContext
from loaders.validate import SnapshotError, check_catalogue, check_raw_files

DEMO_FILE = "demo/counts.csv"
DEMO_BYTES = b"code,value\n84,12\n"
ARCEP_BREAK = {
    "start": "2019-01-01",
    "end": "2020-12-31",
    "label": {"fr": "Rupture", "en": "Break"},
    "note": {"fr": "Changement de méthode", "en": "Change of method"},
}


def text(fr: str, en: str) -> Text:
    return Text({"fr": fr, "en": en})


def indicator(indicator_id: str, **fields: object) -> Indicator:
    """A valid percentage indicator citing the 'demo' source; `fields` override any of its entries."""
    entry: dict[str, object] = {
        "id": indicator_id,
        "label": {"fr": f"Libellé {indicator_id}", "en": f"Label {indicator_id}"},
        "definition": {"fr": "Part des locaux", "en": "Share of premises"},
        "unit": "%",
        "pillar": "infrastructure",
        "polarity": 1,
        "decimals": 1,
        "sources": ["demo"],
    }
    return Indicator.model_validate({**entry, **fields})


def source(source_id: str = "demo", files: tuple[SourceFile, ...] | None = None) -> Source:
    words = {"fr": "Éditeur", "en": "Publisher"}
    return Source(
        id=source_id,
        publisher=Text(words),
        credit=Text(words),
        title=text("Titre", "Title"),
        url="https://example.org/",
        licence=text("Licence Ouverte 2.0", "Open Licence 2.0"),
        vintage=text("2023", "2023"),
        manual=text("Retranscrit d'une page", "Transcribed from a page"),
        files=files or (SourceFile(path=DEMO_FILE, sha256=hashlib.sha256(DEMO_BYTES).hexdigest()),),
    )


def index_role(**fields: object) -> dict[str, object]:
    anchors = {"fr": "Bornes du plan", "en": "Plan anchors"}
    return {"pillar": "infrastructure", "low": 0, "high": 100, "anchor": anchors, "rationale": anchors, **fields}


def all_roles(indicator_id: str = "base", **fields: object) -> Indicator:
    """The indicator every view opens on: the catalogue needs each role held once."""
    return indicator(indicator_id, presentation={"defaults": [role.value for role in Role], **fields})


# --- models -------------------------------------------------------------------------------------------------


def test_a_valid_entry_is_typed():
    ind = indicator("ftth", index=index_role(low=10, high=90))
    assert ind.unit is Unit.PERCENT and ind.is_percent and not ind.is_total
    assert ind.pillar is Pillar.INFRASTRUCTURE
    assert ind.label["en"] == "Label ftth"
    assert not ind.caveats, "caveats default to an empty text"
    assert ind.index.low == 10.0 and ind.index.high == 90.0


@pytest.mark.parametrize(
    "typo",
    [
        {"labels": {"fr": "a", "en": "b"}},
        {"presentation": {"headlin": 1}},
        {"index": index_role(weight=2)},
        {"presentation": {"breaks": [{**ARCEP_BREAK, "colour": "grey"}]}},
    ],
    ids=["indicator", "presentation", "index", "break"],
)
def test_unknown_fields_are_refused(typo):
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        indicator("x", **typo)


def test_unknown_file_field_is_refused():
    with pytest.raises(ValidationError, match="seperator"):
        SourceFile.model_validate({"path": DEMO_FILE, "sha256": "0" * 64, "read": {"seperator": ";"}})


@pytest.mark.parametrize(
    "languages",
    [{"fr": "Taux", "en": ""}, {"fr": "", "en": "Rate"}, {"fr": "Taux"}, {"fr": "Taux", "en": "Rate", "de": "Rate"}],
    ids=["english-empty", "french-empty", "english-missing", "unknown-language"],
)
def test_a_text_is_given_in_every_language_or_none(languages):
    with pytest.raises(ValidationError):
        Text(languages)
    with pytest.raises(ValidationError):
        indicator("x", label=languages)


def test_an_empty_text_is_allowed_and_falsy():
    empty = text("", " ")
    assert not empty
    assert text("Taux", "Rate")


@pytest.mark.parametrize(
    "fields",
    [
        {"polarity": 0},
        {"unit": "count", "polarity": 1},
        {"unit": "persons"},
        {"index_left_out": {"fr": "a", "en": "b"}},
    ],
    ids=["neutral", "count", "persons", "also-left-out"],
)
def test_index_members_are_oriented_rates(fields):
    with pytest.raises(ValidationError, match="index"):
        indicator("x", index=index_role(), **fields)


@pytest.mark.parametrize(("low", "high"), [(50, 50), (80, 20)])
def test_index_anchors_must_be_ordered(low, high):
    with pytest.raises(ValidationError, match="low < high"):
        IndexRole.model_validate(index_role(low=low, high=high))


def test_the_index_has_no_context_pillar():
    with pytest.raises(ValidationError):
        IndexRole.model_validate(index_role(pillar="context"))


@pytest.mark.parametrize(
    "fields",
    [{"unit": "percent"}, {"unit": "%s"}, {"pillar": "culture"}, {"polarity": 2}, {"levels": ["commune"]}],
    ids=["unit-word", "unit-typo", "pillar", "polarity", "level"],
)
def test_unknown_enum_values_are_refused(fields):
    with pytest.raises(ValidationError):
        indicator("x", **fields)


def test_a_free_unit_label_in_every_language_is_accepted():
    ind = indicator("uploaded", unit={"fr": "sites par commune", "en": "sites per municipality"}, polarity=0)
    assert isinstance(ind.unit, Text)
    assert ind.unit["fr"] == "sites par commune" and ind.unit["en"] == "sites per municipality"
    assert not ind.is_percent
    with pytest.raises(ValidationError):
        indicator("uploaded", unit={"fr": "sites par commune", "en": ""})


def test_a_free_unit_label_is_not_a_total():
    assert not indicator("uploaded", unit={"fr": "sites", "en": "sites"}, polarity=0).is_total


def test_an_indicator_cites_at_least_one_source_and_a_source_lists_files():
    with pytest.raises(ValidationError):
        indicator("x", sources=[])
    with pytest.raises(ValidationError):
        Source.model_validate({**source().model_dump(mode="json"), "files": []})


def test_a_file_without_an_address_says_why_it_is_refreshed_by_hand():
    with pytest.raises(ValidationError, match="manual"):
        Source.model_validate({**source().model_dump(mode="json"), "manual": {"fr": "", "en": ""}})


def test_a_refresh_names_a_reader_that_exists():
    with pytest.raises(ValidationError, match="unknown reader"):
        Refresh(url="https://example.org/x.csv", convert="no_such_reader")
    assert Refresh(url="https://example.org/x.csv", convert="eurostat_access_fr").convert == "eurostat_access_fr"


def test_read_options_marks_must_differ_and_be_known():
    with pytest.raises(ValidationError, match="must differ"):
        ReadOptions(separator=";", decimal=",", thousands=",")
    with pytest.raises(ValidationError):
        ReadOptions(separator=";", thousands="'")
    with pytest.raises(ValidationError):
        SourceFile(path=DEMO_FILE, sha256="not-a-hash")


def test_models_survive_their_json_dump():
    ind = all_roles(breaks=[ARCEP_BREAK], headline=1)
    assert Indicator.model_validate(ind.model_dump(mode="json")) == ind
    assert Source.model_validate(source().model_dump(mode="json")) == source()


# --- cross-entry checks --------------------------------------------------------------------------------------


def test_a_consistent_catalogue_passes():
    check_catalogue(
        [
            all_roles(headline=1, overview=1, continued_by="later"),
            indicator("later", presentation={"headline": 2}),
            indicator("count", unit="count", polarity=0, presentation={"twin": "rate"}),
            indicator("rate", presentation={"twin": "count"}),
        ],
        [source()],
    )


@pytest.mark.parametrize(
    ("indicators", "sources", "message"),
    [
        ([all_roles(), indicator("base")], [source()], "indicator ids defined twice: \\['base'\\]"),
        ([all_roles()], [source(), source()], "source ids defined twice: \\['demo'\\]"),
        (
            [all_roles(), indicator("x", sources=["demo", "ghost"])],
            [source()],
            "x: cites unknown sources \\['ghost'\\]",
        ),
        (
            [all_roles(), indicator("a", presentation={"twin": "b"}), indicator("b")],
            [source()],
            "a: its twin 'b' must exist and name it back",
        ),
        (
            [all_roles(), indicator("a", presentation={"twin": "b"}), indicator("b", presentation={"twin": "c"})],
            [source()],
            "its twin 'b' must exist and name it back",
        ),
        ([all_roles(), indicator("a", presentation={"twin": "gone"})], [source()], "a: its twin 'gone'"),
        (
            [all_roles(), indicator("a", presentation={"defaults": ["map"]})],
            [source()],
            "default role 'map' must be held by one indicator, not \\['base', 'a'\\]",
        ),
        ([indicator("a")], [source()], "default role 'map' must be held by one indicator, not \\[\\]"),
        (
            [all_roles(continued_by="successor")],
            [source()],
            "base: continued by unknown indicator 'successor'",
        ),
        (
            [all_roles(headline=1), indicator("a", presentation={"headline": 1})],
            [source()],
            "two indicators share a headline position",
        ),
        (
            [all_roles(overview=2), indicator("a", presentation={"overview": 2})],
            [source()],
            "two indicators share a overview position",
        ),
    ],
    ids=[
        "duplicate-indicator",
        "duplicate-source",
        "unknown-source",
        "twin-not-named-back",
        "twin-names-another",
        "twin-unknown",
        "role-twice",
        "role-unheld",
        "continued-by-unknown",
        "headline-twice",
        "overview-twice",
    ],
)
def test_catalogue_inconsistencies_stop_the_build(indicators, sources, message):
    with pytest.raises(SnapshotError, match=message):
        check_catalogue(indicators, sources)


def test_position_zero_cannot_be_taken_twice():
    with pytest.raises((SnapshotError, ValidationError)):
        check_catalogue([all_roles(headline=0), indicator("a", presentation=Presentation(headline=0))], [source()])


# --- declared raw files ---------------------------------------------------------------------------------------


def declared_context(root: Path, sources: list[Source], monkeypatch: pytest.MonkeyPatch) -> BuildContext:
    """A build context on `root` whose catalogue declares these sources' files."""
    ctx = BuildContext(root)
    for src in sources:
        for file in src.files:
            monkeypatch.setitem(ctx.declared, file.path, file.read)
    return ctx


def test_raw_files_matching_their_sha256_pass(tmp_path, monkeypatch):
    (tmp_path / "demo").mkdir()
    (tmp_path / DEMO_FILE).write_bytes(DEMO_BYTES)
    sources = [source()]
    check_raw_files(declared_context(tmp_path, sources, monkeypatch), sources)


def test_a_changed_raw_file_is_named_with_both_hashes(tmp_path, monkeypatch):
    (tmp_path / "demo").mkdir()
    changed = DEMO_BYTES.replace(b"12", b"13")
    (tmp_path / DEMO_FILE).write_bytes(changed)
    sources = [source()]
    found, declared = hashlib.sha256(changed).hexdigest(), hashlib.sha256(DEMO_BYTES).hexdigest()
    with pytest.raises(
        SnapshotError, match=rf"demo: raw file demo/counts\.csv has sha256 {found}.*declares {declared}"
    ):
        check_raw_files(declared_context(tmp_path, sources, monkeypatch), sources)


def test_a_missing_declared_raw_file_is_named(tmp_path, monkeypatch):
    sources = [source()]
    with pytest.raises(FileNotFoundError, match=r"demo/counts\.csv"):
        check_raw_files(declared_context(tmp_path, sources, monkeypatch), sources)


def test_a_file_declared_nowhere_cannot_be_read(tmp_path):
    (tmp_path / "not").mkdir()
    (tmp_path / "not" / "declared.csv").write_bytes(DEMO_BYTES)
    with pytest.raises(CatalogueError, match=r"not/declared\.csv"):
        BuildContext(tmp_path).file("not/declared.csv")


def test_a_declared_file_comes_with_its_read_options(tmp_path, monkeypatch):
    (tmp_path / "demo").mkdir()
    (tmp_path / DEMO_FILE).write_bytes(DEMO_BYTES)
    french = ReadOptions(encoding="cp1252", separator=";", decimal=",", thousands="\u00a0")
    sources = [source(files=(SourceFile(path=DEMO_FILE, sha256="0" * 64, read=french),))]
    file = declared_context(tmp_path, sources, monkeypatch).file(DEMO_FILE)
    assert file.path == tmp_path / DEMO_FILE and file.read == french


# --- YAML files -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        "sources: [\n",  # not YAML
        "indicators:\n- id: x\n  labl: {fr: a, en: b}\n",  # a typo in a key
        "sourcess: []\n",  # a typo at the top
        "indicators:\n- id: x\n  label: {fr: Taux, en: ''}\n",  # half translated
    ],
    ids=["syntax", "field-typo", "top-typo", "half-translated"],
)
def test_a_broken_family_file_is_named(tmp_path, content):
    (tmp_path / "broken.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"^broken\.yaml: "):
        load_family("broken", tmp_path)


def test_a_missing_family_file_is_named(tmp_path):
    with pytest.raises(CatalogueError, match=r"absent\.yaml"):
        load_family("absent", tmp_path)


def test_an_empty_family_file_is_an_empty_family(tmp_path):
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    family = load_family("empty", tmp_path)
    assert family.sources == () and family.indicators == ()


# --- the real catalogue and raw folder (data tests) ---------------------------------------------------------------


def test_every_declared_raw_file_exists_with_its_declared_sha256(raw_ctx):
    checked = 0
    for name in (*FACT_FAMILIES, *SOURCE_FAMILIES):
        for src in load_family(name).sources:
            for file in src.files:
                path = raw_ctx.root / file.path
                assert path.is_file(), f"{name}.yaml declares {file.path}, absent from {raw_ctx.root}"
                assert hashlib.sha256(path.read_bytes()).hexdigest() == file.sha256, f"{name}.yaml: {file.path}"
                checked += 1
    assert checked > len(FACT_FAMILIES + SOURCE_FAMILIES)
