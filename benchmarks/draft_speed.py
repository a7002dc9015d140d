"""Time `realpolitik.draft` on a 1,500-word commentary (the issue's budget: under 5 s on this machine).

The text is the project's own test commentaries (tests/draft_gold) repeated to at least 1,500 words, plus the seed
text where ../shared is present. Prints: the cold call (gazetteer read and name pattern compiled), the warm call,
and the ratio of the warm call to a baseline run in the same process (splitting the same text into sentences,
the cheapest pass over it), with the process's peak RSS.

    python benchmarks/draft_speed.py [--words 1500] [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from realpolitik.draft import draft
from realpolitik.draft.evidence import split_sentences

ROOT = Path(__file__).resolve().parents[1]


def corpus(words: int) -> str:
    """Return a commentary-like text of at least `words` words built from the stored test texts."""
    parts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "draft_gold").rglob("*.txt"))]
    seed = ROOT.parent / "shared" / "seed" / "000_9fe00264e9b61a50.txt"
    if seed.is_file():
        parts.insert(0, seed.read_text(encoding="utf-8"))
    text = ""
    while len(text.split()) < words:
        text += "\n\n".join(parts) + "\n\n"
    return text


def timed(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    text = corpus(args.words)
    start = time.perf_counter()
    d = draft(text, "2020-09-27", use_ner=False)
    cold = time.perf_counter() - start
    warm = timed(lambda: draft(text, "2020-09-27", use_ner=False), args.repeat)
    base = timed(lambda: split_sentences(text), args.repeat)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"text: {len(text.split())} words, {len(d.sentences)} sentences; drafted {len(d.actors)} actors, "
          f"{len(d.relations)} relations, {len(d.quantities)} quantities, {len(d.stance_cues)} stance cues")
    print(f"cold draft: {cold:.2f} s   warm draft: {warm:.2f} s   baseline (sentence split): {base * 1000:.1f} ms   "
          f"warm / baseline: {warm / base:.0f}x   peak RSS: {rss:.0f} MiB")


if __name__ == "__main__":
    main()
