"""Duplicate check: word diff, draft lists, scores and verdicts; then over real indexes."""

from __future__ import annotations

import io
import json
import shutil

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rapporteur.assistant import dupes
from rapporteur.assistant.diff import join_words, word_diff
from rapporteur.assistant.drafts import is_heading, read_drafts, split_drafts
from rapporteur.assistant.dupes import (
    DUPLICATE,
    NEW,
    OVERLAP,
    containment,
    lexical_similarity,
    segments,
    sequence_ratio,
    similarity,
    verdict,
    within_duplicates,
)
from rapporteur.core.errors import NotFound, ParseError
from tests.conftest import CORPUS, EVAL_DIR, SEED, TOY_RESOLUTION, need_corpus

# --- word diff ---------------------------------------------------------------------------------


def test_word_diff_replacement_is_delete_then_insert():
    assert word_diff("States should act now.", "States must act now.") == [
        ("equal", "States"),
        ("delete", "should"),
        ("insert", "must"),
        ("equal", "act now."),
    ]


def test_word_diff_edges():
    assert word_diff("Same text, twice.", "Same  text,\ntwice.") == [("equal", "Same text, twice.")]
    assert word_diff("", "New ask.") == [("insert", "New ask.")]
    assert word_diff("Old ask.", "") == [("delete", "Old ask.")]
    assert word_diff("", "") == []


def test_word_diff_keeps_inner_punctuation_words_whole():
    assert word_diff("money-laundering (target 16.4)", "money-laundering (target 16.5)") == [
        ("equal", "money-laundering (target"),
        ("delete", "16.4"),
        ("insert", "16.5"),
        ("equal", ")"),
    ]


def test_join_words_spacing():
    assert join_words(["States", "(", "a", ")", ",", "“", "b", "”", ";"]) == "States (a), “b”;"


# --- draft lists -------------------------------------------------------------------------------


def test_paragraphs_with_a_heading_and_wrapped_lines():
    text = "Draft Recommendations\n\nStates should mark\nall firearms.\n\n\nUNODC should assist.\n"
    assert split_drafts(text) == ["States should mark all firearms.", "UNODC should assist."]


def test_recommendation_blocks():
    text = (
        "The Working Group recommends:\n\nRecommendation 1\nStates should mark all firearms.\n\n"
        "Draft recommendation 2: UNODC should\nassist States.\n(a) in training;\n"
    )
    assert split_drafts(text) == [
        "States should mark all firearms.",
        "UNODC should assist States. (a) in training;",
    ]


def test_numbered_items():
    text = "Proposals:\n1. States should mark firearms;\n   including antiques.\n2) UNODC helps.\n"
    assert split_drafts(text) == [
        "States should mark firearms; including antiques.",
        "UNODC helps.",
    ]


def test_single_numbered_paragraph_loses_its_number():
    assert split_drafts("12. States should mark firearms.") == ["States should mark firearms."]


def test_is_heading():
    assert is_heading("Draft Recommendations")
    assert is_heading("PROPOSALS")
    assert is_heading("Proposals by delegations:")
    assert not is_heading("States should ban ghost guns")
    assert not is_heading("States should ban ghost guns.")


def test_read_json_lines_and_array():
    lines = (
        b'{"draft": "States should act."}\n\n{"text": "UNODC  should\\nhelp."}\n"Bare string."\n'
    )
    assert read_drafts(lines, "d.jsonl") == [
        "States should act.",
        "UNODC should help.",
        "Bare string.",
    ]
    array = json.dumps([{"id": 1, "draft": "States should act."}]).encode()
    assert read_drafts(array, "d.json") == ["States should act."]


def test_read_json_lines_errors_name_the_line():
    with pytest.raises(ParseError, match=r"d\.jsonl, line 2: not JSON"):
        read_drafts(b'{"draft": "ok"}\n{oops\n', "d.jsonl")
    with pytest.raises(ParseError, match=r'record 1: no "draft" or "text"'):
        read_drafts(b'{"id": 3}\n', "d.jsonl")


def test_read_text_and_docx():
    assert read_drafts(b"States should act.\n\nUNODC should help.", "d.txt") == [
        "States should act.",
        "UNODC should help.",
    ]
    with pytest.raises(ParseError, match="not UTF-8"):
        read_drafts(b"\xff\xfe\x00bad", "d.txt")
    import docx

    document = docx.Document()
    document.add_heading("Draft recommendations", 1)
    document.add_paragraph("Recommendation 1")
    document.add_paragraph("States should mark all firearms.")
    document.add_paragraph("Recommendation 2")
    document.add_paragraph("UNODC should assist States.")
    buf = io.BytesIO()
    document.save(buf)
    assert read_drafts(buf.getvalue(), "drafts.docx") == [
        "States should mark all firearms.",
        "UNODC should assist States.",
    ]


# --- scores and verdicts -----------------------------------------------------------------------


def test_verdict_thresholds():
    assert verdict(1.0) == verdict(dupes.DUPLICATE_AT) == DUPLICATE
    assert verdict(dupes.DUPLICATE_AT - 1e-9) == verdict(dupes.OVERLAP_AT) == OVERLAP
    assert verdict(dupes.OVERLAP_AT - 1e-9) == verdict(0.0) == NEW


def test_similarity_blend_on_hand_made_scores():
    # cosine 0.95 rescales to (0.95 - 0.80) / 0.20 = 0.75: 0.3 * 0.75 + 0.7 * 0.8 = 0.785
    assert similarity(0.95, 0.8) == pytest.approx(0.785)
    assert similarity(0.70, 0.5) == pytest.approx(0.35)  # below the floor: words alone, weighted
    assert similarity(None, 0.5) == 0.5  # no calibrated model: words alone
    assert verdict(similarity(0.955, 0.83)) == DUPLICATE  # dev draft dd01 and rec 16, measured
    assert verdict(similarity(0.93, 0.57)) == OVERLAP
    assert verdict(similarity(0.86, 0.25)) == NEW


def test_sequence_ratio_ignores_meeting_lines_and_footnote_calls():
    assert (
        sequence_ratio(
            "Decides to remain seized of the matter.",
            "Decides to remain seized of the matter.\n50th plenary meeting 18 December 2019",
        )
        == 1.0
    )
    assert (
        sequence_ratio(
            "the Universal Declaration of Human Rights2",
            "the Universal Declaration of Human Rights4",
        )
        == 1.0
    )
    assert sequence_ratio("one two three four", "one two five six") == 0.5


@given(
    st.lists(st.sampled_from("a b c d e f g".split()), max_size=30),
    st.lists(
        st.lists(st.sampled_from("a b c d e f g".split()), min_size=4, max_size=12), max_size=3
    ),
    st.sampled_from([0.0, 0.3, 0.6, 0.9]),
)
@settings(max_examples=300, deadline=None, database=None, derandomize=True)
def test_sequence_ratio_is_difflibs_best_over_the_parts_above_the_floor(draft, items, floor):
    """The bounds checked before a matcher is built are difflib's own: the same result as
    building one for every part and testing real_quick_ratio and quick_ratio first."""
    import difflib

    draft_text = " ".join(draft)
    adopted = "\n".join(
        ["Lead-in:", *(f"({chr(97 + i)}) " + " ".join(w) for i, w in enumerate(items))]
    )
    words, best = dupes.normal_words(draft_text), 0.0
    for part in dupes.segments(adopted):
        m = difflib.SequenceMatcher(None, words, dupes.normal_words(part), autojunk=False)
        bar = max(best, floor)
        if m.real_quick_ratio() > bar and m.quick_ratio() > bar:
            best = max(best, m.ratio())
    assert sequence_ratio(draft_text, adopted, floor) == best


def test_sub_paragraphs_count_on_their_own():
    text = (
        "Emphasizes the following, and in this regard:\n"
        "(a) Urges States to act fast now;\n(b) Invites UNODC to help all States;"
    )
    assert segments(text) == (
        text,
        "Emphasizes the following, and in this regard:",
        "(a) Urges States to act fast now;",
        "(b) Invites UNODC to help all States;",
    )
    assert sequence_ratio("Invites UNODC to help all States;", text) == pytest.approx(12 / 13)
    # content words {invit, unodc, help, state}: all in sub-paragraph (b)
    assert containment("Invites UNODC to help all States", text) == 1.0
    assert containment("", text) == 0.0
    assert lexical_similarity(
        "Invites UNODC to help all States", "Something else entirely"
    ) == pytest.approx(0.0)


def test_within_duplicates_is_symmetric():
    drafts = [
        "States should mark all firearms.",
        "UNODC should publish a global study.",
        "States should mark all firearms!",
    ]
    vectors = np.eye(3, dtype=np.float32)
    vectors[2] = vectors[0]  # the same meaning as draft 0
    assert within_duplicates(drafts, vectors) == [(2,), (), (0,)]
    assert within_duplicates(drafts, None) == [(2,), (), (0,)]  # words alone
    assert within_duplicates([], None) == []


# --- over a small index with the fake embedder (no model: words decide) -------------------------

EARLY = TOY_RESOLUTION
LATE = (
    EARLY.replace("1/1", "2/1")
    .replace("2020", "2022")
    .replace(
        "2. Decides",
        "2. Encourages States to fund community programmes that buy back unwanted firearms;\n\n3. Decides",
    )
)


@pytest.fixture(scope="module")
def fake_home(tmp_path_factory):
    from rapporteur.core.settings import Settings
    from rapporteur.core.store import Store
    from rapporteur.index import rebuild
    from rapporteur.ingest.batch import ingest_files

    home = tmp_path_factory.mktemp("fake-home")
    files = []
    for name, text in (("A_RES_1_1.txt", EARLY), ("A_RES_2_1.txt", LATE)):
        (home / name).write_text(text)
        files.append(home / name)
    settings = Settings(home=home, embedders=("fake",))
    ingest_files(files, Store(settings.store_path))
    rebuild(settings)
    return settings


def test_compare_document_on_words_alone(fake_home):
    from rapporteur.index import open_searcher

    searcher = open_searcher(fake_home)
    assert dupes.semantic_model(searcher) is None
    results = dupes.compare_document("A_RES_2_1", searcher, earlier_only=True)
    assert [(r.unit.label, r.verdict) for r in results] == [
        ("OP 1", DUPLICATE),
        ("OP 2", NEW),
        ("OP 3", DUPLICATE),
    ]
    top = results[0].matches[0]
    assert (top.unit.key, top.similarity, top.semantic) == ("A_RES_1_1:OP 1", 1.0, None)
    assert top.diff == [("equal", top.unit.text.strip())]
    assert dupes.compare_document("A_RES_1_1", searcher, earlier_only=True)[0].matches == ()
    with pytest.raises(NotFound):
        dupes.compare_document("nope", searcher, earlier_only=False)


def test_cli_dupes_json_and_text(fake_home, monkeypatch, capsys):
    from rapporteur.cli import main

    monkeypatch.setenv("RAPPORTEUR_EMBEDDERS", '["fake"]')
    draft = (
        "Urges States to require that civilian firearms be stored unloaded in locked containers;"
    )
    assert main(["--home", str(fake_home.home), "dupes", draft, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    result = out["results"][0]
    assert result["verdict"] == DUPLICATE
    assert {"doc", "symbol", "unit", "similarity", "text", "diff"} <= set(result["matches"][0])
    assert result["matches"][0]["unit"] == "OP 1"
    assert (
        main(["--home", str(fake_home.home), "dupes", "--doc", "A_RES_2_1", "--earlier-only"]) == 0
    )
    assert capsys.readouterr().out.splitlines()[-1] == "2 duplicate, 0 overlap, 1 new"
    assert main(["--home", str(fake_home.home), "dupes"]) == 1
    assert "give a draft" in capsys.readouterr().err


# --- the real model on the seed report ---------------------------------------------------------


def _index(home, files):
    from rapporteur.core.settings import Settings
    from rapporteur.core.store import Store
    from rapporteur.index import open_searcher, rebuild
    from rapporteur.ingest.batch import ingest_files

    settings = Settings(home=home, embedders=("e5-small",))
    outcomes = ingest_files(files, Store(settings.store_path))
    assert all(o.status == "added" for o in outcomes), outcomes
    rebuild(settings)
    return open_searcher(settings)


@pytest.fixture(scope="module")
def seed_searcher(tmp_path_factory):
    return _index(tmp_path_factory.mktemp("seed-home"), [SEED])


def _dev_drafts() -> list[dict]:
    path = EVAL_DIR / "dev_drafts.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not found: the dev sets sit beside the project (../shared/eval)")
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


@pytest.mark.model
def test_dev_duplicates_found_with_the_right_top_match(seed_searcher):
    rows = _dev_drafts()
    results = dupes.check_drafts([r["draft"] for r in rows], seed_searcher)
    for row, result in zip(rows, results):
        if row["duplicate_of"]:
            assert result.verdict == DUPLICATE, (row["id"], result.matches[0].similarity)
            assert result.matches[0].unit.label in row["duplicate_of"], row["id"]
        else:
            assert result.verdict != DUPLICATE, (row["id"], result.matches[0].unit.label)


@pytest.mark.model
def test_a_draft_list_with_a_twin_inside(seed_searcher):
    rows = _dev_drafts()
    dup = next(r["draft"] for r in rows if r["duplicate_of"])
    new = next(r["draft"] for r in rows if not r["duplicate_of"])
    text = f"1. {dup}\n2. {new}\n3. {dup.replace('States should', 'Member States should')}\n"
    results = dupes.check_drafts(read_drafts(text.encode(), "drafts.txt"), seed_searcher)
    assert [r.within for r in results] == [(2,), (), (0,)]
    again = dupes.check_drafts(read_drafts(text.encode(), "drafts.txt"), seed_searcher)
    assert [r.to_dict() for r in again] == [r.to_dict() for r in results]  # deterministic


# --- the real model on re-adopted resolutions --------------------------------------------------

SERIES = {
    "HRC civilian firearms": ("A_HRC_RES_45_13", "A_HRC_RES_50_12"),
    "HRC trafficking in persons": ("A_HRC_RES_44_4", "A_HRC_RES_53_9"),
}


@pytest.fixture(scope="module")
def series_searcher(tmp_path_factory):
    need_corpus()
    folder = tmp_path_factory.mktemp("series-files")
    files = []
    for doc in (d for pair in SERIES.values() for d in pair):
        files.append(folder / f"{doc}.txt")
        shutil.copy(CORPUS / "resolutions" / f"{doc}.txt", files[-1])
    return _index(tmp_path_factory.mktemp("series-home"), files)


@pytest.mark.model
@pytest.mark.corpus
@pytest.mark.parametrize("series", sorted(SERIES))
def test_carried_over_paragraphs_are_duplicates_of_their_counterpart(series_searcher, series):
    earlier, later = SERIES[series]
    old = [u for u in series_searcher.units if u.doc == earlier and u.kind == "operative"]
    results = dupes.compare_document(later, series_searcher, earlier_only=True)
    checked = 0
    for result in results:
        ratios = {u.key: sequence_ratio(result.draft, u.text) for u in old}
        if max(ratios.values()) < 0.9:  # not carried over verbatim or nearly
            continue
        checked += 1
        assert result.verdict == DUPLICATE, result.unit.label
        assert ratios[result.matches[0].unit.key] >= 0.9, (
            result.unit.label,
            result.matches[0].unit.key,
        )
    assert checked >= 5
