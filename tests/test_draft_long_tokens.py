"""Drafting a text with one very long token (a pasted hash, a run of hyphenated names) stays
linear: the person frames bound the length of a word, so a regex cannot backtrack over the whole token."""

from __future__ import annotations

import base64
import signal

import pytest

from realpolitik.draft.document import draft
from realpolitik.draft.evaluation import evidence_failures


@pytest.fixture
def hang_guard():
    """Turn a hang into a failure (a guard far above the expected time, not a timing assertion)."""
    if not hasattr(signal, "SIGALRM"):
        pytest.skip("no SIGALRM on this platform")

    def _raise(*_):
        raise TimeoutError("drafting did not finish: a regex backtracks over a long token")

    old = signal.signal(signal.SIGALRM, _raise)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def test_one_very_long_word(hang_guard):
    blob = "a" * 100_000  # a pasted hash or encoded run; before the fix each start in it rescanned the rest
    text = f"Turkey supplies drones to Azerbaijan. {blob} Russia keeps a base in Armenia."
    d = draft(text, as_of="2020-09-27")
    assert {a.cow for a in d.actors if a.cow} >= {640, 373, 365, 371}  # Turkey, Azerbaijan, Russia, Armenia
    assert evidence_failures(d) == 0


def test_long_hyphenated_run(hang_guard):
    text = "-".join(["Russia", "Turkey", "Iran"] * 2000) + ". Iran backs Armenia."
    d = draft(text, as_of="2020-09-27")
    assert 630 in {a.cow for a in d.actors}  # Iran
    assert evidence_failures(d) == 0


def test_long_word_still_finds_a_titled_person():
    d = draft(base64.b16encode(b"x" * 200).decode() + " General Ratko Mladic met the Serbian president.",
              as_of="1995-07-11")
    assert any("Mladic" in a.name for a in d.actors)



def test_a_text_in_capitals_is_refused_with_the_fix_and_a_capitalised_headline_is_not():
    from realpolitik.errors import RealpolitikError

    body = "Turkey supplies drones to Azerbaijan, and Russia keeps 3,300 troops in Armenia. " * 4
    with pytest.raises(RealpolitikError, match=r"written in capitals.*Fix: paste the text in its normal"):
        draft(body.upper(), "2020-09-27", use_ner=False)
    d = draft("WAR IN THE CAUCASUS\n\n" + body, "2020-09-27", use_ner=False)
    assert {"turkey", "azerbaijan", "russia", "armenia"} <= {a.id for a in d.actors}
    assert draft("NATO. USA.", "2020-09-27", use_ner=False).actors  # too short to judge: drafted as given
