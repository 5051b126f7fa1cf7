"""Compendium: extraction, SDG links, themes and lineage on small inputs; then the seed and the series."""

from __future__ import annotations

import numpy as np
import pytest

from rapporteur.assistant.compendium.extract import (
    canonical,
    extract,
    op_ask,
    record_of,
    report_ask,
    split_addressees,
    split_items,
)
from rapporteur.assistant.compendium.lineage import link_lineage, status_of
from rapporteur.assistant.compendium.query import find
from rapporteur.assistant.compendium.records import (
    AMENDED,
    NEW,
    VERBATIM,
    Recommendation,
)
from rapporteur.assistant.compendium.sdg import explicit_links, mentioned, targets
from rapporteur.assistant.compendium.themes import (
    adjusted_rand,
    ctfidf_terms,
    heading,
    kmeans,
)
from rapporteur.core.errors import NotFound
from rapporteur.core.units import Document, Unit

# --- extraction -------------------------------------------------------------------------------


def test_operative_paragraph_asks():
    assert op_ask("Urges States to require that firearms be stored safely;") == (
        "urges",
        ("States",),
    )
    assert op_ask("Requests the Secretary-General to submit a report;") == (
        "requests",
        ("the Secretary-General",),
    )
    assert op_ask(
        "Also calls upon Member States that have not yet done so to ratify the Protocol;"
    ) == ("calls upon", ("Member States",))
    assert op_ask("Decides to remain seized of the matter.") == ("decides", ())
    assert op_ask("Takes note with appreciation of the report of the Secretary-General;") is None
    assert op_ask(
        "Encourages Member States, the United Nations system and other stakeholders to act;"
    ) == ("encourages", ("Member States", "the United Nations system", "other stakeholders"))


def test_report_recommendation_asks():
    assert report_ask("States should mark all firearms.") == ("should", ("States",))
    assert report_ask("UNODC should, at the request of States, continue to assist.") == (
        "should",
        ("UNODC",),
    )
    assert report_ask(
        "The United Nations Office on Drugs and Crime (UNODC), in cooperation with relevant "
        "organizations, is requested to continue to assist States."
    ) == ("requests", ("UNODC",))
    assert report_ask("Acknowledging the links, States are invited to adopt standards.") == (
        "invites",
        ("States",),
    )
    assert report_ask("The Working Group recommended that States ratify the Protocol.") == (
        "recommends",
        ("States",),
    )
    assert report_ask("UNODC recommends that Haiti establish regional offices.") == (
        "recommends",
        ("Haiti",),
    )
    assert report_ask("UNODC further recommends creating specialized chambers.") == (
        "recommends",
        (),
    )
    assert report_ask("The Dominican Republic designated several groups as terrorist.") is None


def test_addressee_phrases():
    assert split_addressees("States parties to the Firearms Protocol and UNODC") == (
        "States parties",
        "UNODC",
    )
    assert split_addressees(
        "Member States, the United Nations and other international, regional "
        "and subregional organizations, as well as civil society"
    ) == (
        "Member States",
        "the United Nations",
        "other international organizations",
        "regional organizations",
        "subregional organizations",
        "civil society",
    )
    assert split_addressees(
        "Governments, with the support of the United Nations, when necessary"
    ) == ("Governments",)
    assert canonical("the United Nations Office on Drugs and Crime") == "UNODC"


def test_lettered_items():
    lead, items = split_items(
        "The workplan should combine:\n(a) One agenda item;\n(b) Another item."
    )
    assert lead == "The workplan should combine:"
    assert items == (("a", "One agenda item"), ("b", "Another item."))
    assert split_items("States (a) alone") == ("States (a) alone", ())


def _unit(doc, kind, number, text, section="", date="2021-01-01", symbol=None):
    return Unit(
        doc=doc, kind=kind, number=number, text=text, section=section, date=date, symbol=symbol
    )


def test_records_from_units_and_their_references():
    docs = {"r": Document("r", body="Working Group"), "S_1": Document("S_1", symbol="S/2025/1")}
    units = [
        _unit("r", "recommendation", 18, "States are invited to act."),
        _unit("r", "paragraph", 3, "States should act.", section="III. Summary of deliberations"),
        _unit(
            "S_1",
            "paragraph",
            86,
            "UNODC recommends that Haiti:\n(a) act;\n(b) report;\n(c) adopt.",
            section="IV. Recommendations",
            symbol="S/2025/1",
        ),
    ]
    records = extract(units, docs)
    assert [(r.reference, r.action, r.addressees, r.body) for r in records] == [
        ("r rec 18", "invites", ("States",), "Working Group"),
        ("S/2025/1 para 86", "recommends", ("Haiti",), None),
    ]
    assert records[1].item_reference("c") == "S/2025/1 para 86 (c)"
    assert find(records, "S/2025/1 para 86 (c)") == (records[1], "c")
    assert find(records, "r:rec 18") == (records[0], None)
    with pytest.raises(NotFound, match="write it as"):
        find(records, "S/2025/1 para 86 (z)")
    assert Recommendation.from_dict(records[1].to_dict()) == records[1]
    assert record_of(_unit("r", "preambular", 1, "Recalling its work,"), None) is None


# --- SDG targets ------------------------------------------------------------------------------


def test_targets_file_has_169_targets():
    every = targets()
    assert len(every) == 169
    assert {t.goal for t in every} == set(range(1, 18))
    assert next(t for t in every if t.id == "16.4").text.startswith(
        "By 2030, significantly reduce illicit"
    )


def test_explicit_mentions():
    assert mentioned("achieve target 16.4 of the Sustainable Development Goals") == ["16.4"]
    assert mentioned("SDG targets 5.2 and 16.2, and goal 3") == ["5.2", "16.2"]
    assert mentioned("see paragraph 16.4") == []
    links = explicit_links(
        "States should act.", "B. Recommendations to achieve target 16.4 of the SDGs"
    )
    assert [(s.target, s.score, s.how) for s in links] == [("16.4", 1.0, "heading")]


# --- themes -----------------------------------------------------------------------------------


def test_adjusted_rand_index():
    assert adjusted_rand([0, 0, 1, 1], [5, 5, 7, 7]) == 1.0
    assert adjusted_rand([0, 0, 1, 1], [0, 1, 0, 1]) == pytest.approx(-0.5)
    assert adjusted_rand([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) == pytest.approx(0.2424, abs=1e-4)


def test_kmeans_separates_two_directions():
    vectors = np.array([[1, 0], [0.99, 0.14], [0, 1], [0.14, 0.99]], dtype=np.float32)
    labels = kmeans(vectors / np.linalg.norm(vectors, axis=1, keepdims=True), 2)
    assert labels[0] == labels[1] != labels[2] == labels[3]


def test_theme_names_from_headings_and_terms():
    assert (
        heading("II. Recommendations > B. Recommendations on reducing illicit flows")
        == "Reducing illicit flows"
    )
    assert heading("II. Recommendations > A. General recommendations") == ""
    assert ctfidf_terms([["marking firearms marking"], ["migrants rights migrants"]], n=1) == [
        ("marking",),
        ("migrants",),
    ]


# --- lineage ----------------------------------------------------------------------------------

OLD = "Urges States to require that civilian firearms be stored unloaded in locked containers;"


def _rec(doc, date, text, body="General Assembly", number=1):
    return Recommendation(
        doc,
        f"OP {number}",
        "operative",
        number,
        text,
        ("States",),
        "urges",
        symbol=doc.replace("_", "/"),
        date=date,
        body=body,
    )


def test_status_of_counterparts():
    assert status_of(OLD, OLD.replace(";", "."), 1.0) == VERBATIM
    assert status_of(OLD.replace("locked", "secure"), OLD, 0.9) == AMENDED
    assert status_of("Decides to remain seized of the matter.", OLD, 0.1) == NEW


def test_lineage_chain_across_three_years():
    records = [
        _rec("A_RES_1", "2018-12-01", OLD),
        _rec("A_RES_2", "2020-12-01", OLD),
        _rec(
            "A_RES_3",
            "2022-12-01",
            OLD.replace("locked containers", "locked and secure containers"),
        ),
        _rec(
            "A_RES_3",
            "2022-12-01",
            "Requests the Secretary-General to report on migrants.",
            number=2,
        ),
    ]
    out = link_lineage(records, None)
    assert [r.lineage.status for r in out] == [NEW, VERBATIM, AMENDED, NEW]
    assert out[2].lineage.chain == ("A_RES_1:OP 1", "A_RES_2:OP 1", "A_RES_3:OP 1")
    top = out[2].lineage.counterparts[0]
    assert (top.key, top.same_body) == ("A_RES_2:OP 1", True)
    assert ("insert", "and secure") in top.diff
    assert out[3].lineage.chain == ("A_RES_3:OP 2",)
