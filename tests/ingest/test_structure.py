"""Structure-aware cutting of the seed report and of real resolutions into citable units."""

from __future__ import annotations

from collections import Counter

import pytest

from rapporteur.core.units import Block
from rapporteur.ingest.parse import parse
from rapporteur.ingest.plain import text_blocks
from rapporteur.ingest.structure import build_units
from tests.conftest import SEED, need_corpus


@pytest.fixture(scope="module")
def seed():
    return parse(SEED)


def by_label(parsed):
    return {u.label: u for u in parsed.units}


def test_seed_yields_exact_units(seed):
    kinds = Counter(u.kind for u in seed.units)
    assert kinds == {"paragraph": 57, "recommendation": 47, "footnote": 2}

    def numbers(kind):
        return [u.number for u in seed.units if u.kind == kind]

    assert numbers("paragraph") == list(range(1, 58))
    assert numbers("recommendation") == list(range(1, 48))
    assert numbers("footnote") == [1, 2]


@pytest.mark.parametrize(
    ("label", "tail"),
    [
        ("para 8", "on behalf of the Group of Latin American and Caribbean States."),
        ("para 13", "with the involvement of several United Nations entities."),
        ("para 25", "centre for the control of small arms and light weapons."),
        ("para 52", "United Arab Emirates, United States and Yemen."),
        ("rec 23", "in accordance with the Firearms Protocol."),
    ],
)
def test_page_break_continuations_stay_in_their_unit(seed, label, tail):
    text = by_label(seed)[label].text
    assert text.endswith(tail)
    assert "\n" not in text.split(" ", 20)[-1]  # re-joined with a space, not a line break


def test_agenda_inside_para_49_is_not_paragraphs(seed):
    para49 = by_label(seed)["para 49"].text
    assert "1. Organizational matters" in para49 and "6. Adoption of the report." in para49
    assert by_label(seed)["para 50"].text.startswith("The following parties")


def test_list_items_stay_inside_their_parent(seed):
    units = by_label(seed)
    assert "(b) One agenda item dedicated" in units["rec 46"].text
    assert units["rec 47"].text.count("\n(") == 11  # items (a) to (k), each on its own line
    assert "(c) Background paper" in units["para 56"].text


def test_footnotes_are_units_and_markers_leave_the_text(seed):
    units = by_label(seed)
    assert units["footnote 1"].text == "On behalf of the European Union and its member States."
    assert units["footnote 2"].text == "Ibid."
    assert "¹" not in units["para 46"].text and "European Union, Finland" in units["para 46"].text


def test_every_unit_knows_its_chapter_and_section(seed):
    units = by_label(seed)
    assert units["rec 18"].section == (
        "II. Recommendations > B. Recommendations on reducing illicit financial and arms flows"
        " to achieve target 16.4 of the Sustainable Development Goals"
    )
    assert units["para 1"].section == "I. Introduction"
    assert units["para 57"].section == "V. Adoption of the report"
    assert all(u.section for u in seed.units)


def test_seed_metadata(seed):
    d = seed.document
    assert d.doc == "wg6-2021" and d.date == "2021-05-31" and d.language == "en"
    assert d.title.startswith("Report on the meeting of the Working Group on Firearms")
    assert d.distribution == "General" and d.doc_type == "report" and d.symbol is None


def test_unit_text_drops_its_number_and_markdown(seed):
    units = by_label(seed)
    assert units["para 9"].text.startswith("The representative of the Group of Western")
    assert (
        "CTOC/COP/WG.6/2021/INF/1/Rev.1" in units["para 55"].text
        and "](#)" not in units["para 55"].text
    )
    assert "inter alia" in units["para 16"].text and "*" not in units["para 16"].text


def test_ids_are_content_hashes(seed):
    again = parse(SEED)
    assert [u.id for u in seed.units] == [u.id for u in again.units]
    assert len({u.id for u in seed.units}) == len(seed.units)


def test_toy_resolution_preamble_and_operative():
    text = "The General Assembly,\n\nRecalling X,\n\nNoting Y,\n\n1. Decides A;\n\n(a) item;\n\n2. Requests B."
    units, _ = build_units(text_blocks(text), "toy")
    assert [(u.label, u.text) for u in units] == [
        ("PP 1", "Recalling X,"),
        ("PP 2", "Noting Y,"),
        ("OP 1", "Decides A;\n(a) item;"),
        ("OP 2", "Requests B."),
    ]


def test_footnote_blocks_from_any_format_become_units():
    blocks = [
        Block("I. Introduction"),
        Block("1. Text one."),
        Block("A note.", kind="footnote", number=1),
    ]
    units, _ = build_units(blocks, "toy")
    assert [u.label for u in units] == ["para 1", "footnote 1"]


def resolution(name: str):
    return parse(need_corpus() / "resolutions" / f"{name}.txt")


@pytest.mark.corpus
def test_resolution_pp_op_structure():
    res = resolution("A_RES_73_146")
    kinds = Counter(u.kind for u in res.units)
    assert kinds == {"preambular": 38, "operative": 52}
    assert res.document.symbol == "A/RES/73/146" and res.document.date == "2018-12-17"
    assert [u.number for u in res.units if u.kind == "operative"] == list(range(1, 53))
    units = by_label(res)
    assert units["PP 1"].text.startswith("Reiterating its strong condemnation")


@pytest.mark.corpus
def test_protocol_annex_keeps_its_articles():
    res = resolution("A_RES_55_255")
    units = by_label(res)
    articles = [u.number for u in res.units if u.kind == "article"]
    assert articles == list(range(1, 22))
    assert units["annex art 5"].section.endswith("Article 5. Criminalization")
    assert units["annex art 1"].text.startswith("1. This Protocol supplements")
    assert units["OP 2"].text.startswith("Adopts the Protocol")
    assert not any("plenary meeting" in u.text for u in res.units)


@pytest.mark.corpus
def test_embedded_numbered_list_stays_inside_its_operative_paragraph():
    res = resolution("A_RES_78_223")
    ops = [u.number for u in res.units if u.kind == "operative"]
    assert ops == list(range(1, 25))
    assert "7. Adoption of the report of the Congress." in by_label(res)["OP 11"].text


@pytest.mark.corpus
def test_source_gap_is_tolerated():
    ops = [u.number for u in resolution("A_RES_70_147").units if u.kind == "operative"]
    assert 4 not in ops and ops[:4] == [1, 2, 3, 5] and ops[-1] == 18


@pytest.mark.corpus
def test_every_resolution_parses_with_unique_labels():
    for path in sorted((need_corpus() / "resolutions").glob("*.txt")):
        res = parse(path)
        labels = [u.label for u in res.units]
        assert len(labels) == len(set(labels)), path.name
        assert res.document.symbol and "/RES/" in res.document.symbol, path.name
        assert any(u.kind == "operative" for u in res.units), path.name


def test_a_paragraph_number_without_a_space_still_starts_a_paragraph():
    text = (
        "I. Introduction\n\n1. The mission reported progress.\n\n"
        "2.On 17 June 2025, the President spoke.\n\n3.“Unclear” situations were noted.\n\n"
        "4.5 per cent of the budget was spent."
    )
    units, _ = build_units(text_blocks(text), "toy")
    assert [u.label for u in units] == ["para 1", "para 2", "para 3"]
    assert units[1].text.startswith("On 17 June")
    assert "4.5 per cent" in units[2].text  # a decimal number is not a paragraph number


def test_plain_passages_cut_a_long_run_of_lines_by_words():
    from rapporteur.ingest.structure import PASSAGE_WORDS, plain_passages

    blocks = [Block("United Nations"), Block(" ".join(f"w{i}" for i in range(2 * PASSAGE_WORDS)))]
    units = plain_passages(blocks, "doc")
    assert [u.label for u in units] == ["passage 1", "passage 2"]
    assert len(units[0].text.split()) == PASSAGE_WORDS + 2  # the masthead line, then words
    assert units[0].text.startswith("United Nations") and units[-1].text.endswith(
        f"w{2 * PASSAGE_WORDS - 1}"
    )
