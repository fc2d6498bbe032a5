"""The measures page just after a casework change, on the 20,000-population demo council.

Target (issue 13): after a casework change, the measures page answers in
≤ 1 s (p95).

The run, all on loopback and bounded in rounds:

1. ``whatmatters demo --population 20000`` builds the council (SQLite, under
   ``benchmarks/data/measures``; kept between runs) and serves it under
   gunicorn, as a council would;
2. the demo's worker and analyst sign in; the page is opened once (warm);
3. each round, the worker records what matters to one of their people
   through the app (a journal row: the figures are now out of date), then
   the analyst opens the council's measures and the team leader the team's,
   each timed; rounds are ``PAUSE`` seconds apart, so changes keep arriving
   while the figures are being recomputed.
4. After the last round: how long until the page shows figures that include
   every change (the background recomputation's delay).

As the peer, the same rounds run with ``WHATMATTERS_MEASURES_IN_BACKGROUND=0``:
the page recomputes while the user waits, as it did before (issue 13).

Options: ``--rounds=N`` (30), ``--population=N`` (20000), ``--background-only``
(leave out the peer).
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode

from benchmarks.local_server import free_port, wait_until_up
from benchmarks.machine import describe

DATA = Path(__file__).parent / "data" / "measures"
CLI = "from whatmatters.cli import app; app()"
TARGET_S = 1.0
PAUSE = 2.0
STALE = "new figures are being worked out"


class Browser:
    """One signed-in user (cookies and CSRF token kept)."""

    def __init__(self, port: int):
        self.base = f"http://127.0.0.1:{port}"
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=300) as page:
            return page.read().decode()

    def post(self, path: str, form: dict) -> str:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.get(path)).group(1)
        data = urlencode({"csrfmiddlewaretoken": token, **form}).encode()
        with self.opener.open(self.base + path, data, timeout=300) as page:
            return page.read().decode()

    def sign_in(self, username: str, password: str) -> Browser:
        page = self.post("/sign-in/", {"username": username, "password": password})
        if "Sign out" not in page:
            raise RuntimeError(f"the benchmark could not sign in as {username}")
        return self

    def timed(self, path: str) -> tuple[float, str]:
        start = time.perf_counter()
        page = self.get(path)
        return time.perf_counter() - start, page


def main(argv: list[str]) -> None:
    rounds = _option(argv, "--rounds", 30)
    population = _option(argv, "--population", 20_000)
    DATA.mkdir(parents=True, exist_ok=True)
    runs = {}
    modes = (True,) if "--background-only" in argv else (True, False)
    for background in modes:
        runs[background] = _run(
            population, rounds if background else max(5, rounds // 6), background
        )
    _report(population, runs)


def _run(population: int, rounds: int, background: bool) -> dict:
    port = free_port()
    env = {
        **os.environ,
        "WHATMATTERS_HOME": str(DATA / "home"),
        "WHATMATTERS_MEASURES_IN_BACKGROUND": "1" if background else "0",
    }
    env.pop("DATABASE_URL", None)
    log = (DATA / f"server-{'background' if background else 'waiting'}.log").open("w")
    print(
        f"serving the {population:,}-population demo council (background={background})…", flush=True
    )
    server = subprocess.Popen(
        [sys.executable, "-c", CLI, "demo", "--population", str(population), "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
        start_new_session=True,
    )
    try:
        passwords = _passwords(server)
        wait_until_up(port, DATA / "server-*.log", timeout=300)
        worker = Browser(port).sign_in("worker", passwords["worker"])
        analyst = Browser(port).sign_in("analyst", passwords["analyst"])
        leader = Browser(port).sign_in("leader", passwords["leader"])
        people = _people(DATA / "home" / "demo.sqlite3")
        analyst.get("/measures/")  # warm: the first visit of all may compute
        leader.get("/measures/")
        times = {"council": [], "team": []}
        stale = 0
        for n in range(rounds):
            worker.post(
                f"/people/{people[n % len(people)]}/what-matters/new/",
                {"words": f"To get back to chapel on Sundays ({n})", "words_by": "person"},
            )
            took, page = analyst.timed("/measures/")
            times["council"].append(took)
            stale += STALE in page
            took, _page = leader.timed("/measures/")
            times["team"].append(took)
            time.sleep(PAUSE)
        caught_up = _until_fresh(analyst) if background else 0.0
        return {"rounds": rounds, "times": times, "stale": stale, "caught_up": caught_up}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def _passwords(server: subprocess.Popen) -> dict[str, str]:
    """The demo prints a new password for each of its staff as it starts."""
    found = {}
    deadline = time.monotonic() + 3600
    while len(found) < 4 and time.monotonic() < deadline:
        line = server.stdout.readline()
        if not line:
            raise RuntimeError("the demo stopped before printing its sign-ins")
        match = re.match(r"\s+.+?\s{2,}(worker|leader|analyst|admin)\s+(\S+)", line)
        if match:
            found[match.group(1)] = match.group(2)
    return found


def _people(database: Path) -> list[str]:
    with sqlite3.connect(database) as con:
        rows = con.execute(
            """select p.council_id from people_person p
               join access_staffprofile s on s.team_id = p.team_id
               join auth_user u on u.id = s.user_id where u.username = 'worker'
               order by p.council_id limit 500"""
        ).fetchall()
    return [r[0] for r in rows]


def _until_fresh(browser: Browser, timeout: float = 600) -> float:
    """Seconds after the last change until the page's figures include it."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if STALE not in browser.get("/measures/"):
            return time.monotonic() - start + PAUSE
        time.sleep(0.5)
    raise RuntimeError("the measures never caught up with the changes")


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def _report(population: int, runs: dict) -> None:
    print(
        "\n### measures page after a change (`./run bench measures`), "
        f"{time.strftime('%Y-%m-%d')}\n"
    )
    print(f"Machine: {describe()}\n")
    print(f"The {population:,}-population demo council (SQLite), served by `whatmatters demo`.\n")
    print("| page | how figures are refreshed | rounds | median s | p95 s | max s | target |")
    print("|---|---|---|---|---|---|---|")
    for background, run in runs.items():
        how = "in the background (now)" if background else "while the user waits (before)"
        for scope in ("council", "team"):
            values = run["times"][scope]
            print(
                f"| {scope} measures | {how} | {run['rounds']} | {statistics.median(values):.2f} "
                f"| {_p95(values):.2f} | {max(values):.2f} | ≤ {TARGET_S:.0f} s |"
            )
    now = runs[True]
    print(
        f"\nIn the background run, {now['stale']} of {now['rounds']} council pages said "
        "new figures were being worked out; after the last change the page showed "
        f"figures including it {now['caught_up']:.0f} s later."
    )


def _option(argv: list[str], name: str, default: int) -> int:
    for option in argv:
        if option.startswith(f"{name}="):
            return int(option.split("=", 1)[1])
    return default
