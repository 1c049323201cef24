"""No sentence ends after an honorific: "Chair: Dr. <name>, <role>." is one sentence.

Found on the healthcare corpus (f05): "- **Chair:** Dr. Raj ..., Chief Medical Information Officer (CMIO)." split
after "Dr.", so the half holding the name lost the "Chair" label and "who chairs ...?" could not quote it whole.
"""

from __future__ import annotations

import pytest

from ingestion.sentences import sentences


@pytest.mark.parametrize("honorific", ["Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "St."])
def test_an_honorific_does_not_end_a_sentence(honorific: str) -> None:
    text = f"- **Chair:** {honorific} Ana Lindqvist, Chief Data Officer.\n- **Meets:** monthly. Minutes follow."
    got = [s.text for s in sentences(text)]
    assert got[0].endswith("Ana Lindqvist, Chief Data Officer."), got
    assert honorific in got[0], got
    assert got[1:] == ["Meets:** monthly.", "Minutes follow."], got


def test_an_ordinary_full_stop_still_ends_one() -> None:
    got = [s.text for s in sentences("The board met in March. Dr. Lindqvist chaired it. It approved the plan.")]
    assert got == ["The board met in March.", "Dr. Lindqvist chaired it.", "It approved the plan."], got
