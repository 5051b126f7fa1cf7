"""benchmarks/library_distractors: the scale library keeps only PDFs the corpus does not hold."""

from benchmarks.library_distractors import distractors, stem


def test_stem_reads_the_symbol_of_either_naming():
    assert stem("A_79_19.en.pdf") == stem("A_79_19.pdf") == "A_79_19"
    assert stem("E_CN.6_2025_3_Rev.1.en.pdf") == "E_CN.6_2025_3_Rev.1"


def test_corpus_documents_are_left_out_by_bytes_or_by_symbol(tmp_path):
    corpus, source = tmp_path / "corpus", tmp_path / "raw"
    (corpus / "pdf-2025").mkdir(parents=True)
    source.mkdir()
    (corpus / "pdf-2025" / "A_79_19.pdf").write_bytes(b"%PDF report")
    (corpus / "pdf-2025" / "S_2025_303.pdf").write_bytes(b"%PDF letter")
    (source / "A_79_19.en.pdf").write_bytes(b"%PDF another printing")  # same symbol
    (source / "copy.en.pdf").write_bytes(b"%PDF letter")  # same bytes
    (source / "S_2025_500.en.pdf").write_bytes(b"%PDF new")
    keep, skip = distractors(source, corpus)
    assert [p.name for p in keep] == ["S_2025_500.en.pdf"]
    assert sorted(p.name for p in skip) == ["A_79_19.en.pdf", "copy.en.pdf"]
