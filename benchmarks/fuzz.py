"""Fuzz the scenario loaders and the JSON API; print outcome counts (not part of `make test`).

    python benchmarks/fuzz.py [--loader N] [--api N] [--seed S] [--pg URL]

Loaders: N inputs (default 20,000) in TOML, JSON, CSV and KTAB CSV: random mutations of the built-in scenario and
of a small one (bytes flipped, cut, repeated, special tokens spliced in) and structural generators (deep nesting,
long dotted headers, huge numbers, long fields, duplicate keys, many items). Each input runs in a worker process
with a timer of 2 s of CPU time (so that other load on the machine does not count); an input that runs over is
a hang, and a worker that does not answer in 30 s of wall time is killed, restarted and counted as a hang too.

API: N requests (default 10,000) through FastAPI's test client on a fresh SQLite store, and as many again on
PostgreSQL when `--pg URL` (or $REALPOLITIK_TEST_PG) is given: every endpoint, with valid, mutated and hostile
bodies, paths and query values (huge numbers, NUL characters, deep nesting, wrong types).

The pass bar (issue 14): 0 exceptions outside the project's error type, 0 hangs over 2 s, 0 responses >= 500.
"""

from __future__ import annotations

import argparse
import copy
import json
import multiprocessing as mp
import os
import random
import signal
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TIMEOUT_S = 2.0  # CPU seconds per loader input (ITIMER_PROF in the worker)
WALL_LIMIT_S = 30.0  # wall-clock backstop: a worker silent this long is killed and restarted
MINI = {
    "id": "mini", "title": "Mini", "seed": 7,
    "actors": [{"id": "alpha", "name": "Alpha", "capability": 1.0}, {"id": "beta", "name": "Beta", "capability": 3.0},
               {"id": "gamma", "name": "Gamma", "capability": 2.0}],
    "issues": [{"id": "border", "name": "Border", "low": "no", "high": "yes", "status_quo": 0}],
    "stances": [{"actor": "alpha", "issue": "border", "position": 10, "salience": 0.5,
                 "position_spread": {"plus_minus": 5}},
                {"actor": "beta", "issue": "border", "position": 90, "salience": 1.0},
                {"actor": "gamma", "issue": "border", "position": 40, "salience": 0.25}],
}
TOKENS = ["[", "]", "{", "}", '"', "'", '"""', "=", ",", ".", "\n", "\x00", "\ud800", "9" * 5000, "1e999999",
          "nan", "inf", "-0", "[[actors]]", "[x." + "x." * 2000 + "x]", "#", "\\u0000", "\\", "é", "\t", "\r",
          "true", "1979-05-27", "NaN", "-1", "2" * 25, '"id": "a", "id": "b"', "salience", "position"]


# -- inputs -----------------------------------------------------------------------------------------------------


def base_texts() -> dict[str, list[str]]:
    """Return valid starting texts per format."""
    from realpolitik.scenario.builtins import builtin_text
    from realpolitik.scenario.io import dumps, parse_json, parse_toml

    builtin = builtin_text("south-caucasus-2020")
    mini = parse_json(json.dumps(MINI))
    csv_table = "actor,capability,position,salience\nAlpha,1,10,0.5\nBeta,3,90,1\nGamma,2,40,0.25\n"
    return {"toml": [builtin, dumps(mini, "toml")], "json": [dumps(parse_toml(builtin), "json"), dumps(mini, "json")],
            "csv": [csv_table, dumps(mini, "ktab-csv")]}


def mutate(text: str, rng: random.Random) -> str:
    """Return `text` with 1-4 random edits: flip, delete, duplicate, splice in a token, truncate."""
    for _ in range(rng.randint(1, 4)):
        if not text:
            text = rng.choice(TOKENS)
        i = rng.randrange(len(text))
        j = min(len(text), i + rng.choice([1, 1, 2, 8, 64, 1024]))
        op = rng.randrange(6)
        if op == 0:
            text = text[:i] + chr(rng.randrange(1, 0x2FF)) + text[i + 1:]
        elif op == 1:
            text = text[:i] + text[j:]
        elif op == 2:
            text = text[:j] + text[i:j] * rng.choice([2, 10, 1000]) + text[j:]
        elif op == 3:
            text = text[:i] + rng.choice(TOKENS) + text[i:]
        elif op == 4:
            text = text[:i]
        else:
            text = text[:i] + text[i:j].upper() + text[j:]
    return text


def structural(rng: random.Random) -> tuple[str, str]:
    """Return a (format, text) from the hostile-shape generators."""
    n = rng.choice([10, 100, 1000, 10_000, 100_000])
    shapes = [
        ("toml", "x = " + "[" * n + "]" * n), ("toml", "x = " + "{a = " * n + "1" + "}" * n),
        ("json", "[" * n + "]" * n), ("json", '{"a":' * n + "1" + "}" * n),
        ("toml", "[" + "x." * n + "x]\n"), ("toml", "".join(f"[t{i}]\n" for i in range(n))),
        ("toml", f"seed = {'9' * n}\n"), ("json", f'{{"seed": {"9" * n}}}'),
        ("toml", 'title = "' + "\\n" * n + '"'), ("toml", "x = [" + "1," * n + "]"),
        ("csv", "actor,capability,position,salience\n" + "a" * (n * 2) + ",1,2,0.5\n"),
        ("csv", f"S,d,{rng.choice(['inf', 'nan', '1e300', str(n), '-5', '2.5'])},1\nActor,Description,Influence,P,S\n"
                "a,x,1,50,50\n"),
        ("csv", "S,d,1," + str(n) + "\nActor,Description,Influence" + ",P,S" * min(n, 2000) + "\n"),
        ("json", '{"id": "a", "id": "b", "title": "t"}'),
        ("json", json.dumps({**MINI, "seed": rng.choice([2**64, 2**64 - 1, -1, 2**31, 10**40])})),
        ("json", json.dumps({**MINI, "title": rng.choice(["a\x00b", "\ud800", "x" * n])})),
        ("xml", "<Scenario>" * min(n, 5000) + "</Scenario>" * min(n, 5000)),
        ("xml", "<Scenario>" + "<a/>" * n + "</Scenario>"),
    ]
    return rng.choice(shapes)


def loader_inputs(count: int, seed: int):
    """Yield `count` (format, text) inputs: 80% mutations, 20% structural shapes."""
    rng = random.Random(seed)
    bases = base_texts()
    for _ in range(count):
        if rng.random() < 0.2:
            yield structural(rng)
        else:
            fmt = rng.choice(list(bases))
            # the small scenario mostly (fast), the built-in one a tenth of the time
            texts = bases[fmt]
            yield fmt, mutate(texts[0] if rng.random() < 0.1 else texts[1], rng)


# -- the loader worker ----------------------------------------------------------------------------------------


class _Timeout(BaseException):
    pass


def _on_timer(signum, frame) -> None:
    raise _Timeout


def _worker(conn) -> None:
    from realpolitik.errors import RealpolitikError
    from realpolitik.scenario.io import parse_text

    signal.signal(signal.SIGPROF, _on_timer)
    while True:
        fmt, text = conn.recv()
        signal.setitimer(signal.ITIMER_PROF, TIMEOUT_S)  # CPU seconds of this process: load elsewhere does not count
        try:
            parse_text(text, fmt, file=f"fuzz.{fmt}")
            outcome = ("accepted", "")
        except RealpolitikError:
            outcome = ("refused", "")
        except _Timeout:
            outcome = ("hang", f"{fmt} input of {len(text):,} characters: over {TIMEOUT_S} s of CPU time")
        except BaseException as exc:  # noqa: BLE001 - counting what escapes is the point
            outcome = ("other", f"{type(exc).__name__}: {str(exc)[:120]}")
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
        conn.send(outcome)


class Worker:
    """A loader process with a pipe; restarted after a hang."""

    def __init__(self) -> None:
        self.start()

    def start(self) -> None:
        self.conn, child = mp.Pipe()
        self.proc = mp.get_context("fork").Process(target=_worker, args=(child,), daemon=True)
        self.proc.start()

    def run(self, fmt: str, text: str) -> tuple[str, str]:
        self.conn.send((fmt, text))
        if self.conn.poll(WALL_LIMIT_S):
            return self.conn.recv()
        self.proc.kill()
        self.proc.join()
        self.start()
        return "hang", f"{fmt} input of {len(text):,} characters: no answer in {WALL_LIMIT_S} s"


def fuzz_loaders(count: int, seed: int) -> Counter:
    """Run `count` loader inputs; return the outcome counts (and print examples of failures)."""
    worker, counts, examples = Worker(), Counter(), []
    t0 = time.perf_counter()
    slowest = 0.0
    for fmt, text in loader_inputs(count, seed):
        t = time.perf_counter()
        outcome, detail = worker.run(fmt, text)
        slowest = max(slowest, time.perf_counter() - t)
        counts[outcome] += 1
        if outcome in ("other", "hang") and len(examples) < 10:
            examples.append(f"{outcome}: {detail}")
    print(f"loaders: {count:,} inputs in {time.perf_counter() - t0:.0f} s; slowest {slowest:.2f} s; " +
          ", ".join(f"{k} {counts[k]:,}" for k in ("accepted", "refused", "other", "hang")))
    for line in examples:
        print("   ", line)
    worker.proc.kill()
    return counts


# -- the API ----------------------------------------------------------------------------------------------------

HOSTILE = [None, True, -1, 0, 2**31, 2**32, 2**63, 2**64, 10**400, 1e308, -1e308, "", "x" * 5000, "a\x00b", "\ud800",
           [], {}, [[[[[]]]]], {"a": {"b": {"c": {}}}}, "mini", "compromise", "karabakh>=60", "é" * 50]


def hostile(rng: random.Random, depth: int = 0):
    """Return a random JSON-ish value, sometimes nested."""
    if depth < 3 and rng.random() < 0.2:
        return ([hostile(rng, depth + 1) for _ in range(rng.randint(0, 3))] if rng.random() < 0.5
                else {rng.choice(["id", "title", "x", "note", "tags", "seed"]): hostile(rng, depth + 1)
                      for _ in range(rng.randint(0, 3))})
    return rng.choice(HOSTILE)


def mutate_json(value, rng: random.Random):
    """Return a copy of a JSON value with one random field replaced, dropped or added."""
    value = copy.deepcopy(value)
    target = value
    for _ in range(rng.randint(0, 3)):
        if isinstance(target, dict) and target:
            key = rng.choice(list(target))
            if isinstance(target[key], dict | list) and target[key] and rng.random() < 0.6:
                target = target[key]
                continue
        elif isinstance(target, list) and target:
            item = rng.choice(target)
            if isinstance(item, dict | list) and item:
                target = item
                continue
        break
    if isinstance(target, dict):
        op = rng.randrange(3)
        if op == 0 and target:
            target[rng.choice(list(target))] = hostile(rng)
        elif op == 1 and target:
            del target[rng.choice(list(target))]
        else:
            target[rng.choice(["extra", "id", "seed", "note"])] = hostile(rng)
    elif isinstance(target, list) and target:
        target[rng.randrange(len(target))] = hostile(rng)
    return value


def api_request(rng: random.Random, run_ids: list[int]) -> tuple[str, str, dict]:
    """Return (method, url, kwargs) for one random request."""
    slug = rng.choice(["mini", "mini", "nope", "x" * 65, "a%00b", "MINI", "south-caucasus-2020", "-a"])
    run_id = rng.choice(run_ids + [0, -1, 2**31, 2**63, 10**30]) if run_ids else 1
    run = {"scenario": "mini", "models": [{"name": rng.choice(["mean", "compromise", "median", "bdm", "nope"])}],
           "seed": rng.choice([None, 0, 2**31, 2**32 - 1, 2**63, 2**64 - 1]), "draws": rng.choice([0, 0, 0, 3]),
           "note": "n", "tags": ["t"], "events": ["border>=60"],
           "what_if": [{"op": "set", "actor": "alpha", "field": "position", "issue": "border", "value": 50}]}
    run = {k: v for k, v in run.items() if v is not None}
    upload_fmt = rng.choice(["toml", "json", "csv", "txt"])
    upload = mutate(json.dumps(MINI) if upload_fmt == "json" else "actor,capability,position,salience\na,1,2,0.5\n"
                    if upload_fmt == "csv" else 'id = "u"\ntitle = "U"\n', rng)
    choices = [
        ("GET", "/api/models", {}), ("GET", "/api/scenarios", {}), ("GET", f"/api/scenarios/{slug}", {}),
        ("GET", f"/api/scenarios/{slug}/versions", {}),
        ("GET", f"/api/scenarios/{slug}/versions/{rng.choice([1, 0, 2**31, 2**63])}", {}),
        ("GET", f"/api/scenarios/{slug}/download",
         {"params": {"format": rng.choice(["toml", "json", "ktab-csv", "x"])}}),
        ("POST", "/api/scenarios", {"json": mutate_json({**MINI, "id": f"s{uuid.uuid4().hex[:8]}"}, rng),
                                    "params": {"note": rng.choice(["n", "a\x00b", "x" * 3000])}}),
        ("POST", f"/api/scenarios/{slug}/versions", {"json": mutate_json(MINI, rng)}),
        ("PATCH", f"/api/scenarios/{slug}",
         {"json": mutate_json({"note": "n", "tags": ["a"], "remove_tags": []}, rng)}),
        ("POST", "/api/scenarios/upload", {"files": {"file": (f"up.{upload_fmt}", upload.encode("utf-8", "replace"))}}),
        ("POST", "/api/runs", {"json": mutate_json(run, rng)}), ("POST", "/api/runs", {"json": run}),
        ("GET", "/api/runs", {"params": {"scenario": slug, "limit": rng.choice([1, 0, -1, 10**20])}}),
        ("GET", f"/api/runs/{run_id}", {}),
        ("PATCH", f"/api/runs/{run_id}", {"json": mutate_json({"note": "n", "tags": ["b"]}, rng)}),
        ("POST", "/api/runs", {"content": mutate(json.dumps(run), rng).encode("utf-8", "replace"),
                               "headers": {"content-type": "application/json"}}),
    ]
    return rng.choice(choices)


def fuzz_api(count: int, seed: int, url: str, label: str) -> Counter:
    """Send `count` random requests to an app on `url`; return the outcome counts."""
    from fastapi.testclient import TestClient

    from realpolitik.web.app import create_app

    rng, counts, examples, run_ids = random.Random(seed), Counter(), [], []
    t0 = time.perf_counter()
    with TestClient(create_app(url), base_url="http://localhost", raise_server_exceptions=False) as client:
        assert client.post("/api/scenarios", json=MINI).status_code in (201, 409)
        for _ in range(count):
            method, path, kwargs = api_request(rng, run_ids)
            if "json" in kwargs:  # as a client sends it: escaped ASCII (a lone surrogate as \\ud800)
                kwargs["content"] = json.dumps(kwargs.pop("json")).encode()
                kwargs["headers"] = {"content-type": "application/json"}
            try:
                response = client.request(method, path, **kwargs)
            except Exception as exc:  # noqa: BLE001 - counting what escapes is the point
                counts["exception"] += 1
                if len(examples) < 10:
                    examples.append(f"{method} {path}: {type(exc).__name__}: {str(exc)[:120]}")
                continue
            status = response.status_code
            counts["5xx" if status >= 500 else "4xx" if status >= 400 else "2xx/3xx"] += 1
            if status >= 500 and len(examples) < 10:
                examples.append(f"{method} {path[:60]} -> {status}: {response.text[:160]}")
            if method == "POST" and path == "/api/runs" and status < 300:
                run_ids.append(response.json()["id"])
    print(f"API on {label}: {count:,} requests in {time.perf_counter() - t0:.0f} s; " +
          ", ".join(f"{k} {counts[k]:,}" for k in ("2xx/3xx", "4xx", "5xx", "exception")))
    for line in examples:
        print("   ", line)
    return counts


def toml_shapes() -> float:
    """Time 2 MiB TOML texts of hostile shapes (and the largest accepted ones) through the loader; return the
    slowest wall time. Issue 14's bar: refused or parsed in under 1 s."""
    from realpolitik.errors import RealpolitikError
    from realpolitik.scenario.io import parse_text
    from realpolitik.scenario.limits import MAX_TOML_ITEMS

    size = 2 * 1024 * 1024 - 100
    shapes = {
        "dotted header": "[" + "x." * (size // 2 - 2) + "x]",
        "tables": "".join(f"[t{i}]\n" for i in range(size // 9)),
        "arrays of tables": "[[a]]\nx=1\n" * (size // 10),
        "dotted keys": "".join(f"a.b{i}.c = 1\n" for i in range(size // 14)),
        "long array": "x = [" + "1.5, " * (size // 5) + "]", "long string": 'x = "' + "a" * (size - 10) + '"',
        "escapes": 'x = "' + "\\n" * (size // 2 - 10) + '"',
        "inline tables": "x = [" + "{a=1}, " * (size // 7) + "]",
        "deep": "x = " + "[" * (size // 2 - 4) + "]" * (size // 2 - 4),
        "tables, just under the item limit": "".join(f"[t{i}]\n" for i in range(MAX_TOML_ITEMS // 4)),
        "keys, just under the item limit": "".join(f"k{i} = {i}\n" for i in range(MAX_TOML_ITEMS // 4)),
    }
    slowest = slowest_cpu = 0.0
    for name, text in shapes.items():
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            parse_text(text, "toml")
            outcome = "parsed"
        except RealpolitikError:
            outcome = "refused"
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        slowest, slowest_cpu = max(slowest, wall), max(slowest_cpu, cpu)
        print(f"  TOML {name:36} {len(text) / 2**20:5.2f} MiB  {outcome:8} {wall:5.2f} s wall, {cpu:5.2f} s CPU")
    print(f"TOML shapes: slowest {slowest:.2f} s wall, {slowest_cpu:.2f} s CPU (bar: under 1 s); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return slowest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loader", type=int, default=20_000)
    parser.add_argument("--api", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--pg", default=os.environ.get("REALPOLITIK_TEST_PG", ""))
    args = parser.parse_args()
    bad = 0
    toml_shapes()
    if args.loader:
        loaders = fuzz_loaders(args.loader, args.seed)
        bad += loaders["other"] + loaders["hang"]
    if args.api:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            api = fuzz_api(args.api, args.seed, f"sqlite:///{tmp}/fuzz.db", "SQLite")
            bad += api["5xx"] + api["exception"]
        if args.pg:
            from tests.test_store import private_schema

            with private_schema(args.pg) as url:
                api = fuzz_api(args.api, args.seed, url, "PostgreSQL")
                bad += api["5xx"] + api["exception"]
        else:
            print("API on PostgreSQL: skipped (give --pg URL or set REALPOLITIK_TEST_PG)")
    print("PASS" if bad == 0 else f"FAIL: {bad} inputs or requests outside the pass bar")
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
