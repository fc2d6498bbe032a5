"""Casework under load: the person page and search, 50 workers at once, on PostgreSQL.

Target (issue 5): with a 300,000-population demo council on PostgreSQL,
person page and search p95 ≤ 200 ms at 50 concurrent users, no errors.

The run, all on loopback (127.0.0.1) and bounded in users and time:

1. a throwaway PostgreSQL server (``scripts/with-postgres``; the benchmark
   re-runs itself inside it when none is given);
2. ``whatmatters demo --population 300000 --no-serve`` builds the council
   (a child process, timed, peak memory measured);
3. ``whatmatters serve`` runs it under gunicorn, as a council would;
4. locust (headless) signs in 50 users as the demo's frontline worker, each
   opening a person's page or searching by name about once a second (a
   busy worker clicking, not a flood), for a fixed time. The users are signed
   in beforehand (sign-in's deliberately slow password hash is not what is
   measured) and the statistics start once all are running.

No peer is named; as the floor, the same run requests ``/healthz`` (no
database, no template): the server's own overhead under the same load.

Options: ``--quick`` (30,000 people, 20 s, to check the benchmark works),
``--users=N``, ``--seconds=S``.
"""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from benchmarks.machine import describe, run_measured

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "casework"
CLI = "from whatmatters.cli import app; app()"
TARGET_MS = 200
PERSON_PAGE, SEARCH, FLOOR = "person page", "search", "healthz (floor)"

LOCUSTFILE = r'''
"""A frontline worker: opens people's pages and searches, about once a second."""
import json, os, random
from urllib.parse import quote

from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

TARGETS = json.loads(open(os.environ["CASEWORK_TARGETS"]).read())


class Worker(FastHttpUser):
    wait_time = between(0.5, 1.5)
    sessions = iter(TARGETS["sessions"])

    def on_start(self):
        # Signed in beforehand: sign-in's slow password hash is not what is measured.
        self.cookie = {"Cookie": "sessionid=" + next(Worker.sessions)}

    @task(3)
    def person_page(self):
        with self.client.get(f"/people/{random.choice(TARGETS['people'])}/",
                             name="person page", headers=self.cookie,
                             catch_response=True) as page:
            if "Timeline" not in page.text:
                page.failure("not the person's page")

    @task(2)
    def search(self):
        with self.client.get("/people/?q=" + quote(random.choice(TARGETS["searches"])),
                             name="search", headers=self.cookie, catch_response=True) as page:
            if "govuk-table" not in page.text and "No one found" not in page.text:
                page.failure("not a search result")

    @task(1)
    def healthz(self):
        self.client.get("/healthz", name="healthz (floor)")
'''


def main(argv: list[str]) -> None:
    if not os.environ.get("WHATMATTERS_TEST_POSTGRES"):
        # Re-run inside a throwaway PostgreSQL server (started and removed by the script).
        wrapper = [str(ROOT / "scripts" / "with-postgres"), sys.executable, "-m", "benchmarks"]
        subprocess.run([*wrapper, "casework", *argv], check=True, cwd=ROOT)
        return
    quick = "--quick" in argv
    population = 30_000 if quick else 300_000
    users = _option(argv, "--users", 50)
    seconds = _option(argv, "--seconds", 20 if quick else 60)
    DATA.mkdir(parents=True, exist_ok=True)
    env = {"WHATMATTERS_HOME": str(DATA / "home"), "DATABASE_URL": os.environ["DATABASE_URL"]}

    print(f"building a {population:,}-population demo council on PostgreSQL…", flush=True)
    build = run_measured(
        [sys.executable, "-c", CLI, "demo", "--population", str(population), "--no-serve"], env
    )
    password = re.search(r"Frontline worker\s+worker\s+([\w-]+)", build.output).group(1)
    built = re.search(r"demo council: ([\d,]+) people, ([\d,]+) journal rows", build.output)
    targets = _targets(os.environ["DATABASE_URL"])
    (DATA / "locustfile.py").write_text(LOCUSTFILE)

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", CLI, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env={**os.environ, **env},
        stdout=(DATA / "server.log").open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _wait_until_up(port)
        targets["sessions"] = _sign_in(port, "worker", password, users)
        (DATA / "targets.json").write_text(json.dumps(targets))
        print(f"{users} users for {seconds} s on 127.0.0.1:{port}…", flush=True)
        run_measured(
            [
                sys.executable, "-m", "locust", "-f", str(DATA / "locustfile.py"),
                "--headless", "--users", str(users), "--spawn-rate", str(max(1, users // 5)),
                "--run-time", f"{seconds}s", "--host", f"http://127.0.0.1:{port}",
                "--csv", str(DATA / "load"), "--only-summary", "--exit-code-on-error", "0",
                "--reset-stats",
            ],
            {"CASEWORK_TARGETS": str(DATA / "targets.json")},
        )  # fmt: skip
        server_mb = _resident_mb(server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    stats = _stats(DATA / "load_stats.csv")
    _report(population, built, build, users, seconds, stats, server_mb)


def _option(argv: list[str], name: str, default: int) -> int:
    for option in argv:
        if option.startswith(f"{name}="):
            return int(option.split("=", 1)[1])
    return default


def _targets(database_url: str) -> dict:
    """People in the worker's team (their pages) and names to search for."""
    import psycopg

    with psycopg.connect(database_url) as con:
        people = con.execute(
            """select p.council_id, p.last_name, p.first_name from people_person p
               join access_team t on t.id = p.team_id
               join access_staffprofile s on s.team_id = t.id
               join auth_user u on u.id = s.user_id where u.username = 'worker'
               order by p.council_id"""
        ).fetchall()
    searches = sorted({last for _, last, _ in people})
    searches += sorted({f"{first} {last}" for _, last, first in people})[:200]
    searches += [council_id for council_id, _, _ in people[:200]]
    return {"people": [council_id for council_id, _, _ in people], "searches": searches}


def _sign_in(port: int, username: str, password: str, count: int) -> list[str]:
    """``count`` signed-in sessions (their session ids), made through the sign-in page."""
    from concurrent.futures import ThreadPoolExecutor
    from http.cookiejar import CookieJar
    from urllib.parse import urlencode

    def one(_: int) -> str:
        jar = CookieJar()
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = browser.open(f"http://127.0.0.1:{port}/sign-in/", timeout=60).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = {"csrfmiddlewaretoken": token, "username": username, "password": password}
        signed_in = browser.open(
            f"http://127.0.0.1:{port}/sign-in/", urlencode(form).encode(), timeout=60
        ).read()
        if b"Sign out" not in signed_in:
            raise RuntimeError("the benchmark could not sign in as the demo's worker")
        return next(c.value for c in jar if c.name == "sessionid")

    with ThreadPoolExecutor(4) as pool:
        return list(pool.map(one, range(count)))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(port: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"the casework server did not start: see {DATA / 'server.log'}")


def _resident_mb(root: int) -> float:
    """Resident memory of the server and its worker processes."""
    total = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines())
        except OSError:
            continue
        if int(fields["Pid"]) == root or int(fields["PPid"]) == root:
            total += int(fields.get("VmRSS", "0 kB").split()[0])
    return total / 1024


def _stats(path: Path) -> dict[str, dict[str, float]]:
    with path.open() as f:
        return {
            row["Name"]: {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "median": float(row["50%"]),
                "p95": float(row["95%"]),
                "p99": float(row["99%"]),
                "rps": float(row["Requests/s"]),
            }
            for row in csv.DictReader(f)
        }


def _report(population, built, build, users, seconds, stats, server_mb) -> None:
    people, rows = built.groups() if built else ("?", "?")
    print(f"\nMachine: {describe()} (shared with other work during the run).")
    print(
        f"\nDemo council: population {population:,} → {people} people with records, "
        f"{rows} journal rows, on PostgreSQL; built by `whatmatters demo` in "
        f"{build.seconds:.0f} s, peak {build.peak_mb:,.0f} MB. "
        f"Load: {users} users (locust, headless, loopback), each a request about once "
        f"a second, {seconds} s; server `whatmatters serve` (gunicorn gthread), "
        f"{server_mb:,.0f} MB resident at the end.\n"
    )
    print("| request | requests | errors | median ms | p95 ms | p99 ms | target |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name in (PERSON_PAGE, SEARCH, FLOOR):
        s = stats.get(name)
        if s is None:
            continue
        target = "—"
        if name != FLOOR:
            met = s["p95"] <= TARGET_MS and s["failures"] == 0
            target = f"p95 ≤ {TARGET_MS} ms, no errors: {'met' if met else 'NOT met'}"
        print(
            f"| {name} | {s['requests']:,} | {s['failures']} | {s['median']:.0f} | "
            f"{s['p95']:.0f} | {s['p99']:.0f} | {target} |"
        )
