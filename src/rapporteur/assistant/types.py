"""What the assistant returns: an answer whose citations are units that were retrieved."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapporteur.assistant.series import Series
from rapporteur.core.units import Hit, Unit


@dataclass(frozen=True, slots=True)
class Answer:
    """A grounded answer. Every unit in ``citations`` is one of ``evidence``'s units."""

    question: str
    text: str
    citations: tuple[Unit, ...] = ()
    abstained: bool = False
    evidence: tuple[Hit, ...] = ()
    standalone: str = ""  # the question rewritten with the conversation, as searched
    answerer: str = "extractive"  # or "generative:<model>"
    notice: str | None = None  # e.g. why a generative answer fell back to the extractive one
    closest: tuple[Hit, ...] = field(default=())  # shown as "closest passages" when abstaining
    # How well the best single retrieved unit supports the question (assistant.abstain.support:
    # 0 to 1; refused below SUPPORT_AT); None when not judged (a question naming a unit).
    support: float | None = None
    # Series of the cited documents with another dated document in the evidence, and which is
    # the latest (assistant/series.py): "A/RES/79/154 is the latest ... quoted here".
    series: tuple[Series, ...] = ()

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "standalone_question": self.standalone or self.question,
            "answer": self.text,
            "citations": [u.to_dict() for u in self.citations],
            "abstained": self.abstained,
            "support": None if self.support is None else round(self.support, 4),
            "answerer": self.answerer,
            "notice": self.notice,
            "evidence": [h.to_dict() for h in self.evidence],
            "closest": [h.to_dict() for h in self.closest],
            "series": [s.to_dict() for s in self.series],
        }
