#!/bin/sh
# Rebuild the extracted text used for authoring and for the no_answer greps.
# txt/        : pdftotext -layout of every corpus PDF (used by tools/qtool.py, loc.py, build.py)
# corpus_txt/ : txt/ + resolutions/*.txt + reports/wg6-2021.txt (the whole library, for grep)
set -e
cd "$(dirname "$0")/.."
C="$(cd ../../.. && pwd)/shared/corpus"
mkdir -p txt corpus_txt
for f in $C/pdf-2025/*.pdf $C/pdf/*.pdf; do pdftotext -layout "$f" "txt/$(basename "$f" .pdf).txt"; done
cp txt/*.txt $C/resolutions/*.txt $C/reports/wg6-2021.txt corpus_txt/
ls corpus_txt | wc -l
