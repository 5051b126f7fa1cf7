"""Collecting the files of an ingest: folders expanded, their notes and hidden files left out."""

from __future__ import annotations

from rapporteur.ingest.batch import collect


def test_a_folder_gives_its_documents_without_its_readme_or_hidden_files(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ["README.md", "LICENSE.txt", ".draft.txt", "b.txt", "sub/a.md", "notes.xyz"]:
        (tmp_path / name).write_text("The Working Group recommended that States act.\n")
    files, failed = collect([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["b.txt", "sub/a.md"]
    assert failed == []


def test_a_readme_named_outright_is_ingested_and_a_missing_path_fails_in_one_line(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Notes\n")
    files, failed = collect([readme, tmp_path / "gone.pdf"])
    assert files == [readme]
    assert len(failed) == 1 and failed[0].status == "failed"
    assert "gone.pdf" in failed[0].error and "\n" not in failed[0].error
