"""Compendium: extraction, SDG links, themes and lineage on small inputs; then the seed and the series."""

from __future__ import annotations

import numpy as np
import pytest

from rapporteur.assistant.compendium.actors import actor, addressees
from rapporteur.assistant.compendium.asks import op_ask, report_ask
from rapporteur.assistant.compendium.extract import extract, records_of, split_items, year_of
from rapporteur.assistant.compendium.lemmas import lemma_at
from rapporteur.assistant.compendium.lineage import (
    CANDIDATES,
    Table,
    candidates,
    link_lineage,
    status_of,
)
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
    check_names,
    theme_tree,
    vocabulary,
)
from rapporteur.core.errors import NotFound
from rapporteur.core.units import Document, Unit

# --- extraction -------------------------------------------------------------------------------


def test_operative_paragraph_asks():
    assert op_ask("Urges States to require that firearms be stored safely;") == ("urge", "States")
    assert op_ask("Requests the Secretary-General to submit a report;") == (
        "request",
        "the Secretary-General",
    )
    assert op_ask(
        "Also calls upon Member States that have not yet done so to ratify the Protocol;"
    ) == ("call upon", "Member States")
    assert op_ask("Decides to remain seized of the matter.") == ("decide", "")
    assert op_ask("Takes note with appreciation of the report of the Secretary-General;") is None


def test_report_asks_name_the_verb_addressed_to_the_actor():
    assert report_ask("States should mark all firearms.") == ("mark", "States", True)
    assert report_ask("I recommend that the Security Council:") == (
        "",
        "the Security Council",
        True,
    )
    assert report_ask("I encourage Member States:")[:2] == ("encourage", "Member States")
    assert report_ask(
        "The Committee recommends that the State party adopt a comprehensive law."
    ) == ("adopt", "the State party", True)
    assert report_ask("The Economic and Social Council may wish to consider the following:") == (
        "consider",
        "The Economic and Social Council",
        True,
    )
    assert report_ask("UNODC, in cooperation with others, is requested to assist States.")[:1] == (
        "request",
    )
    assert report_ask("UNODC recommends that Haiti establish regional offices.") == (
        "establish",
        "Haiti",
        True,
    )
    assert report_ask("The Dominican Republic designated several groups as terrorist.") is None


def test_actions_of_nominal_passive_weak_and_impersonal_asks():
    # a nominal recommendation takes its noun's verb ("recommends the adoption of" -> adopt)
    assert report_ask("UNODC recommends the adoption of mechanisms.") == ("adopt", "", True)
    assert report_ask("UNODC also recommends intensified investigations.")[0] == "intensify"
    assert report_ask("UNODC advises establishing a dedicated capacity.")[0] == "establish"
    assert report_ask("I recommend the following:") == ("recommend", "", False)
    # a passive ask names no addressee; its particle stays ("scale up"), "build on" is "build"
    assert report_ask("Integrated approaches should be scaled up to build on results.") == (
        "scale up",
        "",
        True,
    )
    assert report_ask("Verification should still be enforced for all arms.")[0] == "enforce"
    assert lemma_at("Build on the administrative freezing measures") == "build"
    assert report_ask("UNODC recommends that the Task Force be closely linked to courts.") == (
        "link",
        "",
        True,
    )
    # "can" asks an actor only
    assert report_ask("The international community can bolster joint mechanisms.") == (
        "bolster",
        "The international community",
        True,
    )
    assert report_ask("Regular independent evaluations can assess progress.") is None
    # impersonal asks, and a speaker's call after "and"
    assert report_ask("It is critical to ensure the protection of these individuals.") == (
        "ensure",
        "",
        True,
    )
    assert report_ask(
        "There is an urgent need for the international community to increase its support."
    ) == ("increase", "the international community", True)
    assert report_ask(
        "In the face of crises, I remain concerned and call upon the international community "
        "to remain steadfast."
    )[:2] == ("call upon", "the international community")


def test_addressees_are_actors_filed_under_one_name():
    assert addressees("States parties to the Firearms Protocol and UNODC") == (
        "States parties",
        "UNODC",
    )
    assert addressees(
        "Member States, the United Nations and other international, regional "
        "and subregional organizations, as well as civil society"
    ) == (
        "Member States",
        "United Nations system",
        "international organizations",
        "regional organizations",
        "civil society",
    )
    for same in ("all Member States", "States Members of the United Nations", "States"):
        assert actor(same) == "Member States"
    assert actor("the United Nations Office on Drugs and Crime") == "UNODC"
    assert actor("the Government of Haiti") == "Haiti"
    for phrase in ("the risks", "nexus thinking", "The effects", "benefit-sharing"):
        assert actor(phrase) is None, phrase
    assert addressees("Governments, with the support of the United Nations, when necessary") == (
        "Governments",
    )


def test_a_states_or_territorys_organs_named_with_its_name_are_that_place():
    """Its authorities, institutions or Government named by the place before or after them, its
    adjective before "State", a common abbreviation; the Non-Self-Governing Territories and
    Kosovo (territories.txt) like States; the system's agencies and their heads as the system."""
    assert addressees("the Kosovo authorities") == ("Kosovo",)
    assert addressees("the judicial institutions of Kosovo") == ("Kosovo",)
    assert addressees("Kosovo’s institutions") == ("Kosovo",)
    assert addressees("the Lebanese State") == ("Lebanon",)
    assert addressees("the DRC and Rwanda") == ("Democratic Republic of the Congo", "Rwanda")
    assert addressees("the Non-Self-Governing Territories") == ("Non-Self-Governing Territories",)
    assert addressees("the specialized agencies") == ("United Nations system",)
    assert addressees(
        "the executive heads of the specialized agencies and other organizations of the "
        "United Nations system"
    ) == ("United Nations system",)
    assert addressees("the relevant authorities") == ()  # no place named, none known
    assert addressees("the Ruritanian authorities") == ()  # an adjective no State has


def test_actors_named_by_role_are_the_documents_state_entity_and_offices():
    from rapporteur.assistant.compendium.context import about

    haiti = about("Letter from the Secretary-General", "S/2025/420", ["Haiti. " * 30, "Chad"])
    assert haiti.country == "Haiti"
    assert addressees("The de facto authorities", haiti) == ("Haiti",)
    assert addressees("national authorities", haiti) == ("Haiti",)
    assert addressees("Haitian judicial authorities") == ("Haiti",)
    # a thematic report names no State far more often than the others
    assert about("Report", "A/80/1", ["Kenya " * 15, "Ethiopia " * 11]).country is None
    # "South Sudan" is not also "Sudan"
    assert about(None, None, ["South Sudan " * 25]).country == "South Sudan"
    unep = about("JIU/REP/2025/1 [Expanded report]", "JIU/REP/2025/1", ["UNEP " * 25])
    assert addressees("The Executive Director", unep) == ("Executive Director of UNEP",)
    assert addressees("The Committee of Permanent Representatives", unep) == (
        "Committee of Permanent Representatives to UNEP",
    )
    office = (
        "the Office of the High Representative for the Least Developed Countries, Landlocked "
        "Developing Countries and Small Island Developing States"
    )
    assert addressees(office) == ("OHRLLS",)
    assert addressees("The Office", about(None, None, [f"I thank {office}."])) == ("OHRLLS",)
    assert about(None, "UNW/2025/2", []).recipient == "UN-Women Executive Board"
    assert addressees("relevant special procedure mandate holders") == ("special procedures",)
    assert addressees("AFC/M23") == ("parties to conflict",)
    assert addressees("civil society, academia and the media") == ("civil society",)


def test_every_actor_of_an_operative_paragraph_and_its_pronouns():
    from rapporteur.assistant.compendium.asks import op_phrases

    assert op_phrases(
        "Encourages the Secretary-General to use his good offices, and calls on member states "
        "to support him;"
    ) == ["the Secretary-General", "member states"]
    assert op_phrases(
        "Takes note with appreciation the work of the Mediation Support Unit of the Department "
        "of Political and Peacebuilding Affairs and encourages it to continue;"
    ) == ["Mediation Support Unit of the Department of Political and Peacebuilding Affairs"]
    assert addressees(
        "Mediation Support Unit of the Department of Political and Peacebuilding Affairs"
    ) == ("DPPA Mediation Support Unit",)
    assert op_phrases(
        "Commends the Economic and Social Council for its debate, and requests it to continue;"
    ) == ["the Economic and Social Council"]


def test_draft_decisions_and_formal_devices_outside_chapters():
    docs = {"U": Document("U", symbol="UNW/2025/2"), "T": Document("T", symbol="TD/B/1")}
    units = [
        _unit(
            "U",
            "paragraph",
            96,
            "Take note of the report;",
            "VII. Elements for a draft decision",
            symbol="UNW/2025/2",
        ),
        _unit(
            "T",
            "paragraph",
            19,
            "The Convention was adopted. Governments may wish to give consideration to becoming parties.",
            "III. Maritime law",
            symbol="TD/B/1",
        ),
        _unit(
            "T",
            "paragraph",
            20,
            "A member suggested that the Committee may wish to consider it.",
            "III. Maritime law",
            symbol="TD/B/1",
        ),
        _unit("T", "paragraph", 21, "The Board may wish to,", "III. Maritime law", symbol="TD/B/1"),
    ]
    got = [(r.unit, r.addressees, r.action) for r in extract(units, docs)]
    assert got == [
        ("para 96", ("UN-Women Executive Board",), "take note"),
        ("para 19", ("Governments",), "consider"),
    ]


def test_lettered_items():
    lead, items = split_items(
        "The workplan should combine:\n(a) One agenda item;\n(b) Another item (i) with a sub-item."
    )
    assert lead == "The workplan should combine:"
    assert items == (("a", "One agenda item"), ("b", "Another item (i) with a sub-item."))
    assert split_items("States (a) alone") == ("States (a) alone", ())


def test_year_from_the_date_else_the_symbol():
    assert year_of("2024-03-01", "S/2025/1") == 2024
    assert year_of(None, "S/2025/389") == 2025
    assert year_of(None, "A/80/82") == 2025  # the eightieth session
    assert year_of(None, None) is None


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
            85,
            "The following recommendations focus on sustaining services and should be read with "
            "those of my previous reports.",
            section="VI. Recommendations",
            symbol="S/2025/1",
            date=None,
        ),
        _unit(
            "S_1",
            "paragraph",
            86,
            "I recommend that the Security Council:\n(a) Call upon all parties to act;\n"
            "(b) Encourage States to report;\n(c) Ensure that sanctions apply.",
            section="VI. Recommendations",
            symbol="S/2025/1",
            date=None,
        ),
    ]
    records = extract(units, docs)
    assert [(r.reference, r.action, r.addressees, r.year) for r in records] == [
        ("r rec 18", "invite", ("Member States",), 2021),
        ("S/2025/1 para 86 (a)", "call upon", ("Security Council",), 2025),
        ("S/2025/1 para 86 (b)", "encourage", ("Security Council",), 2025),
        ("S/2025/1 para 86 (c)", "ensure", ("Security Council",), 2025),
    ]
    assert records[1].lead == "I recommend that the Security Council:"
    assert records[1].text == "Call upon all parties to act"
    assert find(records, "S/2025/1 para 86 (c)") == (records[3], "c")
    assert find(records, "S_1:para 86 (b)") == (records[2], "b")
    assert find(records, "r:rec 18") == (records[0], None)
    with pytest.raises(NotFound, match="write it as"):
        find(records, "S/2025/1 para 86 (z)")
    assert Recommendation.from_dict(records[1].to_dict()) == records[1]
    assert records_of(_unit("r", "preambular", 1, "Recalling its work,"), None) == []


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


def test_vocabulary_is_the_17_goals_and_the_subject_areas():
    names = [s.name for s in vocabulary()]
    assert len([s for s in vocabulary() if s.goal]) == 17
    for area in ("Peace and security", "Human rights", "Humanitarian affairs", "Disarmament"):
        assert area in names


def test_themes_are_vocabulary_terms_never_headings():
    def rec(n, text, section="VI. Conclusions and recommendations"):
        return Recommendation(
            "d",
            f"para {n}",
            "paragraph",
            n,
            text,
            ("States",),
            "ensure",
            section=section,
            title="Report of the Secretary-General",
        )

    records = [
        rec(1, "Ensure survivors of conflict-related sexual violence receive services."),
        rec(2, "Prevent conflict-related sexual violence in detention."),
        rec(3, "Fund services for survivors of conflict-related sexual violence."),
        rec(4, "Adopt a law on women's participation."),
        rec(5, "Increase climate finance for adaptation."),
    ]
    themes = theme_tree(records)
    paths = [t.path for t in themes]
    assert "Gender equality > conflict-related sexual violence" in paths
    assert "Climate action" in paths
    assert check_names(paths) == {
        "names": len({p.split(" > ")[-1] for p in paths} | {p.split(" > ")[0] for p in paths}),
        "ok": len({p.split(" > ")[-1] for p in paths} | {p.split(" > ")[0] for p in paths}),
        "bad": [],
    }
    assert check_names(["Conclusions and recommendations (countries, least, developed)"])["bad"]


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


def test_candidates_are_the_earlier_records_ranked_as_a_scan_of_every_pair_ranks_them():
    """The array ranking gives what comparing every pair in Python gives: earlier (dated, other
    document), closest by cosine (ties by row), same body first, CANDIDATES of each."""
    rng = np.random.default_rng(7)
    bodies = ["General Assembly", "Security Council", None]
    records = [
        _rec(
            f"DOC_{rng.integers(12)}",
            rng.choice(["", "2019-05-01", "2020-01-02", "2021-07-30", "2022-12-01"]) or None,
            f"text {i}",
            bodies[rng.integers(3)],
            i,
        )
        for i in range(160)
    ]
    vectors = rng.normal(size=(160, 8)).astype(np.float32)
    cosines = vectors @ vectors.T
    cosines[3, 40:60] = 0.5  # ties, broken by row

    def scanned(i):
        a = records[i]
        earlier = [
            j
            for j, b in enumerate(records)
            if a.date and b.date and b.date < a.date and a.doc != b.doc
        ]
        ranked = sorted(earlier, key=lambda j: (-float(cosines[i, j]), j))
        same = [j for j in ranked if records[j].body == a.body][:CANDIDATES]
        return same + [j for j in ranked if j not in same][:CANDIDATES]

    table = Table.of(records)
    for i in range(len(records)):
        assert candidates(i, records, cosines, table) == scanned(i)


def test_term_index_matches_whole_words_plurals_and_case():
    from rapporteur.assistant.compendium.terms import TermIndex

    index = TermIndex.of([("15.2", "forest"), ("3.3", "HIV"), ("5.2", "sexual violence")])
    assert index.find("Forests and afforestation") == [("15.2", "forest")]
    assert index.find("hiv and HIV response") == [("3.3", "HIV")]
    assert index.find("conflict-related sexual violence") == [("5.2", "sexual violence")]
    assert index.find("violence, sexual") == []


def test_sdg_links_by_subject_terms_and_mentions():
    from rapporteur.assistant.compendium.sdg import link

    assert [
        s.target
        for s in link("Increase official development assistance and provide debt relief.", "")
    ] == ["17.2", "17.4"]
    assert [s.target for s in link("End AIDS; see target 3.3.", "")] == ["3.3"]
    assert link("Decides to remain seized of the matter.", "") == ()


def test_sdg_pair_model_links_the_nearest_targets_with_terms_and_nothing_when_far():
    from rapporteur.assistant.compendium.sdg import link, targets

    ids = [t.id for t in targets()]
    cosines = np.full(len(ids), 0.1)
    cosines[ids.index("17.2")] = 0.6
    oda = link("Increase official development assistance to the poorest countries.", "", cosines)
    assert [(s.target, s.how) for s in oda] == [("17.2", "similarity")]
    assert link("Decides to remain seized of the matter.", "", np.full(len(ids), 0.1)) == ()
    # a mention still wins over the model
    assert [s.how for s in link("Act on target 16.4.", "", cosines)] == ["mention"]
