"""Compendium: the UN's recommendation forms met on the three labelled halves (eval/compendium),
written here as small inputs: a body's own asks in its own report, lead-ins that leave the verb to
their items, restated and reiterated asks, and the actors they name."""

from __future__ import annotations

from rapporteur.assistant.compendium.actors import addressees
from rapporteur.assistant.compendium.asks import op_ask, report_ask
from rapporteur.assistant.compendium.context import about, author_of
from rapporteur.assistant.compendium.extract import extract
from rapporteur.assistant.compendium.lemmas import base_form, lemma_at
from rapporteur.core.units import Document, Unit

COMMITTEE = "Report of the Committee on Contributions"


def _unit(doc, number, text, section="", title=None, symbol=None, kind="paragraph"):
    return Unit(
        doc=doc,
        kind=kind,
        number=number,
        text=text,
        section=section,
        date="2025-06-20",
        symbol=symbol,
        title=title,
    )


def _entries(units, docs=None):
    docs = docs or {u.doc: Document(u.doc, symbol=u.symbol, title=u.title) for u in units}
    return [(r.unit, r.item, r.addressees, r.action) for r in extract(units, docs)]


def test_the_author_of_a_bodys_report():
    assert author_of(COMMITTEE) == "Committee"
    assert author_of("Report of the Special Committee on Peacekeeping Operations") == "Committee"
    assert author_of("Report of the Secretary-General on the situation in Haiti") is None
    assert author_of(None) is None


def test_a_bodys_own_asks_in_its_own_report_wherever_they_sit():
    section = "V. Application of Article 19 of the Charter"
    units = [
        _unit(
            "C",
            2,
            "The Committee welcomed the new members. The Committee recommended that the "
            "General Assembly appoint him as member emeritus of the Committee.",
            section,
            COMMITTEE,
        ),
        _unit(
            "C",
            3,
            "The Committee noted that 188 Member States had adopted the SNA.",
            section,
            COMMITTEE,
        ),
        _unit(
            "C",
            107,
            "The Committee concluded that the failure was beyond its control. It therefore "
            "recommended that the Plurinational State of Bolivia be permitted to vote.",
            section,
            COMMITTEE,
        ),
        _unit(
            "C",
            92,
            "The Committee recalled its previous recommendation for all Member States in arrears "
            "to provide the fullest possible supporting information.",
            section,
            COMMITTEE,
        ),
        _unit(
            "C",
            95,
            "The Committee encouraged Member States applying for exemption to make annual payments.",
            section,
            COMMITTEE,
        ),
        # "It" after another's sentence is not the Committee
        _unit(
            "C",
            34,
            "A delegation welcomed the practice. It encouraged the Department to continue.",
            section,
            COMMITTEE,
        ),
        # the same words in a report that is no body's own are narration
        _unit(
            "S",
            5,
            "The Committee recommended that the General Assembly appoint him.",
            section,
            "Report of the Secretary-General on the work of the Organization",
        ),
    ]
    assert _entries(units) == [
        ("para 2", None, ("General Assembly",), "appoint"),
        ("para 107", None, (), "permit"),
        ("para 92", None, ("Member States",), "provide"),
        ("para 95", None, ("Member States",), "encourage"),
    ]


def test_the_authors_lettered_acts_are_entries_when_they_ask():
    text = (
        "On the basis of its review, the Committee:\n"
        "(a) Recalled and reaffirmed its recommendation that the scale of assessments be based on "
        "the most current data;\n"
        "(b) Welcomed the number of Member States implementing the 2008 SNA;\n"
        "(c) Recommended that the General Assembly call upon Member States to submit the "
        "questionnaires."
    )
    units = [_unit("C", 19, text, "III. Review of the methodology", COMMITTEE)]
    assert _entries(units) == [
        ("para 19", "a", (), "base"),
        ("para 19", "c", ("General Assembly",), "call upon"),
    ]


def test_a_lead_in_that_leaves_the_verb_to_its_items_splits_whatever_the_verbs():
    text = (
        "The Panel recommends that the Committee:\n"
        "(a) Remind the parties to the conflict in Darfur to adhere to their obligations;\n"
        "(b) Reiterate its demand that the Government of the Sudan cease offensive flights."
    )
    title = (
        "Letter dated 14 April 2025 from the Chair of the Security Council Committee established "
        "pursuant to resolution 1591 (2005) concerning the Sudan"
    )
    units = [_unit("S", 108, text, "XII. Recommendations", title, "S/2025/239")]
    assert _entries(units) == [
        ("para 108", "a", ("Security Council sanctions committee",), "remind"),
        ("para 108", "b", ("Security Council sanctions committee",), "reiterate"),
    ]
    # a lead-in of topics is no ask of its items (the seed's rec 47)
    topics = "Possible topics for consideration by the Working Group:\n(a) Addressing X;\n(b) Y."
    assert [e[1] for e in _entries([_unit("W", 47, topics, "", None, None, "recommendation")])] == [
        None
    ]


def test_reiterated_continued_and_counted_on_asks():
    assert op_ask("Reiterates its demand that the Houthis immediately cease all attacks;") == (
        "demand",
        "the Houthis",
    )
    assert op_ask("Continues to urge the leaders of both communities to agree a plan;") == (
        "urge",
        "the leaders of both communities",
    )
    assert op_ask("Extends the reporting request in paragraph 10 of resolution 2722 (2024);")[
        0
    ] == ("extend")
    assert report_ask("I count on the Congolese authorities to take the necessary measures.") == (
        "count on",
        "the Congolese authorities",
        False,
    )
    assert report_ask(
        "I reiterate my appeal to support the work of UNRWA and for donors to increase support."
    ) == ("appeal", "donors", False)
    assert report_ask("I reiterate my call on both parties to comply with the law.")[:2] == (
        "call upon",
        "both parties",
    )


def test_modals_that_ask_nothing_and_verbs_after_not():
    # another's words reported
    assert (
        report_ask(
            "The Human Rights Committee noted that States parties that had not abolished the "
            "death penalty must respect article 7."
        )
        is None
    )
    assert report_ask("This relief must not be fleeting.") is None
    assert report_ask("Parties to conflict must not attack objects indispensable to survival.")[
        :2
    ] == ("attack", "Parties to conflict")
    assert report_ask(
        "Member States, the United Nations, humanitarian, development and peacebuilding efforts "
        "should continue to strengthen partnerships."
    )[:2] == (
        "strengthen",
        "Member States, the United Nations, humanitarian, development and peacebuilding efforts",
    )
    assert lemma_at("again appeal to States") == "appeal"
    assert base_form("based") == "base" and base_form("used") == "use"
    assert base_form("bring") == "bring"


def test_actors_of_conflicts_and_their_states():
    assert addressees("the sides and all involved parties") == ("parties to conflict",)
    assert addressees("the Turkish Cypriot side and Turkish forces") == (
        "parties to conflict",
        "Türkiye",
    )
    assert addressees("the leaders of the two Cypriot communities") == ("political leaders",)
    assert addressees("the two leaders") == ("political leaders",)
    assert addressees("the supply side") == ()  # a side of a conflict is named
    assert addressees("troop- and police-contributing countries") == ("Member States",)
    assert addressees("the Israel Defense Forces") == ("Israel",)
    assert addressees("the Israeli authorities") == ("Israel",)
    assert addressees("all concerned actors") == ("all stakeholders",)
    assert addressees("countries hosting Afghan refugees") == ("Member States",)
    assert addressees("humanitarian, development and peacebuilding actors") == (
        "humanitarian organizations",
    )
    drc = about("Report on the Democratic Republic of the Congo", None, [])
    assert addressees("the appropriate authorities", drc) == ("Democratic Republic of the Congo",)


def test_an_adverb_before_the_lead_ins_colon_is_not_the_actor():
    assert op_ask("Calls upon the two leaders urgently to:") == ("call upon", "the two leaders")


def test_a_body_recommending_the_adoption_of_a_draft_to_the_body_above_it():
    assert report_ask(
        "The Special Political and Decolonization Committee (Fourth Committee) recommends to the "
        "General Assembly the adoption of the following draft resolution:"
    ) == ("adopt", "the General Assembly", True)
    assert report_ask(
        "The United Nations Group of Experts on Geographical Names recommends to the Economic "
        "and Social Council the adoption of the following draft decision:"
    ) == ("adopt", "the Economic and Social Council", True)


def test_the_assemblys_plenary_and_main_committees_are_the_assembly():
    phrase = "the plenary or the relevant Main Committee or Main Committees of the General Assembly"
    assert addressees(phrase) == ("General Assembly",)
    assert addressees("the Fifth Committee") == ("General Assembly",)
    units = [
        _unit(
            "P",
            76,
            "The Committee recommended that the plenary or the relevant Main Committee or Main "
            "Committees of the General Assembly, in line with Assembly resolution 79/247, "
            "consider the programme plan for programme 2, Political affairs.",
            "Chapter II Programme questions",
            "Report of the Committee for Programme and Coordination",
        )
    ]
    assert _entries(units) == [("para 76", None, ("General Assembly",), "consider")]


def test_a_passive_lead_in_with_a_colon_gives_its_items_its_actor():
    assert report_ask("The General Assembly is requested:") == (
        "request",
        "The General Assembly",
        False,
    )
    text = (
        "The General Assembly is requested:\n(a) To take note of the present report;\n"
        "(b) To decide on the scheme and currency of appropriation and assessment for the "
        "project;\n(c) To approve the establishment of a multi-year special account."
    )
    units = [_unit("H", 88, text, "IX. Recommended actions to be taken by the General Assembly")]
    assert _entries(units) == [
        ("para 88", letter, ("General Assembly",), "request") for letter in "abc"
    ]


def test_administering_powers_are_member_states():
    assert op_ask("Calls upon the administering Powers to cooperate fully") == (
        "call upon",
        "the administering Powers",
    )
    assert addressees("the administering Powers concerned") == ("Member States",)
    assert addressees("the administering Power of each Territory") == ("Member States",)


def test_a_drafts_own_decisions_are_the_adopting_bodys():
    units = [
        _unit(
            "E_L",
            1,
            "Decides on the following working arrangements for the 2025 session of the Economic "
            "and Social Council;",
            symbol="E/2025/L.1",
            title="Draft resolution submitted by the President of the Council",
            kind="operative",
        )
    ]
    assert _entries(units) == [("OP 1", None, ("Economic and Social Council",), "decide")]


def test_the_bare_commission_of_a_commissions_report_is_that_commission():
    units = [
        _unit(
            "CSW",
            8,
            "At its sixty-ninth session, the Commission may wish to adopt its multi-year "
            "programme of work for the years from 2026 to 2029.",
            "IV. Proposals",
            "Proposals on priority themes of the Commission",
            "E/CN.6/2025/4",
        )
    ]
    assert _entries(units) == [("para 8", None, ("Commission on the Status of Women",), "adopt")]
    assert addressees("the Commission on the Status of Women") == (
        "Commission on the Status of Women",
    )


def test_the_special_committee_and_an_office_held_in_apposition():
    name = (
        "the Special Committee on the Situation with regard to the Implementation of the "
        "Declaration on the Granting of Independence to Colonial Countries and Peoples"
    )
    units = [
        _unit("D", 1, f"Approves the report of {name};", kind="operative"),
        _unit(
            "D",
            7,
            "Requests the Special Committee to continue to seek suitable means;",
            kind="operative",
        ),
        _unit(
            "D",
            17,
            "Requests the Secretary-General, President pro tempore of the Special Committee, to "
            "meet informally at least once a year with the President of the Council;",
            kind="operative",
        ),
    ]
    docs = {"D": Document("D", symbol="A/AC.109/2025/L.25", body="General Assembly")}
    assert _entries(units, docs)[1:] == [
        ("OP 7", None, ("Special Committee on Decolonization",), "request"),
        ("OP 17", None, ("Secretary-General",), "request"),
    ]


def test_a_council_monitoring_teams_committee_is_the_sanctions_committee():
    units = [
        _unit(
            "T",
            131,
            "Regarding travel ban exemption requests, some Member States are not following the "
            "process set out in the Committee guidelines. The Monitoring Team recommends that the "
            "Committee write to Member States highlighting the importance of controls.",
            "V. Recommendations",
            symbol="S/2025/71",
        )
    ]
    assert _entries(units) == [
        ("para 131", None, ("Security Council sanctions committee",), "write")
    ]


def test_appeals_leaders_stakeholders_and_a_councils_panel():
    # "appeal to" keeps its particle (README "Action"; check4 to check6 label it so)
    assert report_ask("I appeal to the international community to scale up funding.") == (
        "appeal to",
        "the international community",
        False,
    )
    assert op_ask("Appeals to all States to contribute generously") == ("appeal to", "all States")
    assert addressees("the leaders of Ethiopia and Somalia") == ("Ethiopia", "Somalia")
    assert addressees("the leaders of Somalia") == ("political leaders",)
    assert addressees("all Somali stakeholders") == ("all stakeholders",)
    units = [
        _unit(
            "R",
            1,
            "Decides to extend the mandate of the Panel of Experts appointed pursuant to "
            "resolution 1591 (2005), and requests the Panel of Experts to provide the Security "
            "Council Committee established pursuant to resolution 1591 (2005) with a report;",
            symbol="S/RES/2772 (2025)",
            kind="operative",
        )
    ]
    assert _entries(units)[0][2] == ("Security Council", "Security Council panel of experts")


def test_it_remains_critical_and_members_of_the_council():
    assert report_ask(
        "It remains critical that the Parties maintain their liaison with UNDOF."
    ) == (
        "maintain",
        "the Parties",
        True,
    )
    found = report_ask(
        "It is therefore of particular importance that the Security Council continue to bring "
        "to bear its influence on the Parties concerned."
    )
    assert found[1] == "the Security Council"
    found = report_ask(
        "I continue to encourage members of the Security Council to support efforts to raise "
        "awareness of the risk of escalation."
    )
    assert found == ("encourage", "members of the Security Council", False)
    assert addressees(found[1]) == ("Security Council",)


def test_forms_first_met_in_the_fifth_half():
    """check5 (eval/compendium/README.md): a committee's recommended draft resolution parsed as
    paragraphs, lead-ins whose items are what was recommended or decided, and item verbs."""
    chapter = "III. Recommendations of the Fourth Committee"
    drafted = [
        _unit(
            "F", 9, "Calls upon the administering Powers concerned to ensure fair wages;", chapter
        ),
        _unit(
            "F", 10, "Requests the Secretary-General to continue to inform world opinion;", chapter
        ),
        _unit("F", 11, "The Committee met three times.", chapter),
    ]
    assert [(u, a) for u, _, _, a in _entries(drafted)] == [
        ("para 9", "call upon"),
        ("para 10", "request"),
    ]
    assert _entries(drafted)[1][2] == ("Secretary-General",)
    workshop = _unit(
        "W",
        71,
        "The participants of the workshop recommended that:\n(a) As the processes require "
        "exploration, it is essential to improve the monitoring of land degradation;\n(b) There "
        "is a need to strengthen knowledge of climate;\n(c) Land-management practices should "
        "focus on rainfall use;",
        "IV. Main conclusions and recommendations",
    )
    assert [(i, a) for _, i, _, a in _entries([workshop])] == [
        ("a", "improve"),
        ("b", "strengthen"),
        ("c", "focus"),
    ]
    path = _unit(
        "P",
        133,
        "The recommended path to independence includes the following:\n(a) Education "
        "programme. Implement a national education programme;\n(b) Consideration of a "
        "referendum. Assess the need for a referendum.",
        "VIII. Conclusions and recommendations",
    )
    assert [(i, a) for _, i, _, a in _entries([path])] == [("a", "implement"), ("b", "assess")]
    decides = _unit(
        "D",
        13,
        "The Meeting of States Parties decides:\n(a) To establish a consultative process;\n"
        "(b) To appoint a coordinator.",
        "IV. Recommendations",
    )
    assert [(i, a) for _, i, _, a in _entries([decides])] == [("a", "decide"), ("b", "decide")]
    # a lead-in that only introduces its items still asks nothing of them
    listed = _unit("L", 5, "The Committee considered the following:\n(a) The report;\n(b) A note.")
    assert _entries([listed]) == []


def test_calls_renewed_and_urged_once_again():
    assert report_ask("I once again urge the Government of Israel to abide by the law.")[:2] == (
        "urge",
        "the Government of Israel",
    )
    assert report_ask("I reiterate my call to the parties to uphold the status quo.")[:2] == (
        "call upon",
        "the parties",
    )


def test_a_named_territory_is_filed_with_the_non_self_governing_territories():
    """The labels file each Non-Self-Governing Territory, and its territorial Government, as the
    one actor `Non-Self-Governing Territories` (eval/compendium/README.md, check5); Kosovo stays
    its own."""
    nsgt = ("Non-Self-Governing Territories",)
    assert addressees("the British Virgin Islands") == nsgt
    assert addressees("the territorial Government") == nsgt
    assert addressees("the Kosovo authorities") == ("Kosovo",)
    steps = _unit(
        "V",
        132,
        "The British Virgin Islands needs to take the following steps to achieve independence: "
        "(a) build national institutions; (b) develop infrastructure, such as schools.",
        "VIII. Conclusions and recommendations",
        title="Report of the visiting mission to the British Virgin Islands",
    )
    assert _entries([steps]) == [
        ("para 132", "a", nsgt, "build"),
        ("para 132", "b", nsgt, "develop"),
    ]
    # "Key steps need to be defined" before a list is its lead-in: the items are the entries
    path = _unit(
        "V",
        133,
        "Key steps need to be defined for the Territory. The recommended path includes the "
        "following: (a) Education programme. Implement a national education programme; "
        "(b) Independence timetable. Establish a timetable.",
        "VIII. Conclusions and recommendations",
        title="Report of the visiting mission to the British Virgin Islands",
    )
    assert [(i, a) for _, i, _, a in _entries([path])] == [("a", "implement"), ("b", "establish")]


def test_a_recommendations_chapter_that_makes_none_gives_no_entry():
    chapter = "V. Recommendations to management"
    units = [
        _unit(
            "E1",
            74,
            "In its 2023 annual report, the office recommended to management that "
            "revisions be made to the legal framework.",
            chapter,
        ),
        _unit(
            "E1",
            76,
            "Noting that management adopted the referenced recommendation, the office "
            "does not submit any recommendations to the Executive Board for the 2024 reporting "
            "period.",
            chapter,
        ),
        _unit(
            "E2",
            52,
            "The Ethics Adviser will continue this work. In this context, no specific "
            "recommendations are being made to management.",
            "III. Observations and recommendations to management",
        ),
    ]
    assert _entries(units) == []
    # the same report of an earlier recommendation, in a chapter that makes one, is an entry
    asking = units[:1] + [
        _unit(
            "E1",
            77,
            "The office recommends that management review the "
            "policy on protection against retaliation.",
            chapter,
        )
    ]
    assert [e[0] for e in _entries(asking)] == ["para 74", "para 77"]


def test_needs_and_calls_a_recommending_chapter_states():
    """Asks with no asking verb of their own (eval/compendium check5, development data): a need
    or a call the chapter states, a passive "needs to be", participants recommending, a body
    endorsing after taking note, and a proposed draft decision's decider."""
    chapter = "III. Recommendations for consideration"
    units = [
        _unit(
            "H", 88, "Participants emphasized the need to enhance the advisory capacity.", chapter
        ),
        _unit("H", 89, "Participants recommended expanding the reach of road maps.", chapter),
        _unit(
            "H", 91, "There was a call to embed gender equality in the Mechanism's work.", chapter
        ),
        _unit(
            "H", 93, "Intergovernmental processes need to be leveraged to mobilize money.", chapter
        ),
        # a weak modal with a passive outside "need" still asks no one
        _unit("H", 94, "The road maps can be improved over time.", chapter),
    ]
    assert [(u, a) for u, _, _, a in _entries(units)] == [
        ("para 88", "enhance"),
        ("para 89", "expand"),
        ("para 91", "embed"),
        ("para 93", "leverage"),
    ]
    # the same sentences outside a recommending chapter are narrative
    assert _entries([_unit("N", 5, units[0].text, "II. Discussion")]) == []
    assert report_ask("The Council stressed the urgent need for donors to increase funding.") == (
        "increase",
        "donors",
        True,
    )
    assert op_ask("Takes note of the report, and endorses the suggestions therein;") == (
        "endorse",
        "",
    )
    drafted = _unit(
        "T",
        13,
        "The following draft decision is proposed for consideration by the third Meeting of "
        "States Parties:\nThe Meeting of States Parties decides:\n(a) To establish a process;\n"
        "(b) That a coordinator will be appointed.",
        "III. Proposed draft decision on the review of the mandate",
    )
    assert _entries([drafted]) == [
        ("para 13", "a", ("States parties",), "decide"),
        ("para 13", "b", ("States parties",), "decide"),
    ]


def test_forms_first_met_in_the_sixth_half():
    """check6 (eval/compendium/README.md, development data since read): "appeal" keeps its
    particle, a call for an act names its agents after "by", an executive board's "Elements of a
    decision" chapter asks, and a State's forces, actors and leaders named by its adjective."""
    assert report_ask("I reiterate my appeal to both parties to comply with the law.") == (
        "appeal to",
        "both parties",
        False,
    )
    assert report_ask("I appeal for voluntary contributions to the Trust Fund.")[0] == "appeal for"
    assert report_ask("I appeal to support the work of UNRWA.")[0] == "appeal"  # "to" + a verb
    found = op_ask("Calls for urgent action by Member States and civil society to end AIDS;")
    assert found[0] == "call for"
    assert addressees(found[1]) == ("Member States", "civil society")
    assert op_ask("Calls for the full implementation of the Programme;") == ("call for", "")
    board = _unit(
        "B",
        96,
        "The Executive Board may wish to:\n(a) Take note of the report;\n(b) Encourage UNFPA to "
        "engage with Member States.",
        "VIII. Elements of a decision",
    )
    assert [(i, a) for _, i, _, a in _entries([board])] == [("a", "take note"), ("b", "encourage")]
    assert addressees("the Lebanese Armed Forces") == ("Lebanon",)
    assert addressees("Libyan actors") == ("Libya",)
    assert addressees("Libyan leaders and all stakeholders") == (
        "political leaders",
        "all stakeholders",
    )
    assert addressees("religious leaders") == ()
