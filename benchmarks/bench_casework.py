"""Casework under load: the person page and search, many workers at once, on PostgreSQL.

Targets: issue 5 — with a 300,000-population demo council on PostgreSQL,
person page and search p95 ≤ 200 ms at 50 concurrent users, no errors;
issue 16 — 200 users, one request in seven an edit: 0 errors, 0 lost
updates, the person page's p95 recorded beside the read-only figure.

The run, all on loopback (127.0.0.1) and bounded in users and time:

1. a throwaway PostgreSQL server (``scripts/with-postgres``; the benchmark
   re-runs itself inside it when none is given), with the application
   connecting as a role that owns nothing (as a council's set-up should);
2. ``whatmatters demo --population 300000 --no-serve`` builds the council
   (a child process, timed, peak memory measured);
3. ``whatmatters serve`` runs it under gunicorn, as a council would;
4. locust (headless) signs in the users as the demo's frontline worker, each
   opening a person's page or searching by name about once a second (a
   busy worker clicking, not a flood), for a fixed time — first reading
   only, then with one task in seven an edit: open a person's details form
   and save a new preferred name (100 people, so edits do race). The users
   are signed in beforehand (sign-in's deliberately slow password hash is
   not what is measured) and the statistics start once all are running.
5. Lost updates: every edit saved bumps the person's version by one, so the
   versions' growth must equal the saves counted (a save over another's,
   unseen, would add two saves for one version). A refused stale save (the
   conflict page) is counted apart, not as an error.

No peer is named; as the floor, the same run requests ``/healthz`` (no
database, no template): the server's own overhead under the same load.

Options: ``--quick`` (30,000 people, 20 s a phase, to check the benchmark
works), ``--population=N``, ``--users=N`` (default 200), ``--seconds=S``
(each phase).
"""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

from benchmarks.local_server import free_port, wait_until_up
from benchmarks.machine import describe, run_measured

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "casework"
CLI = "from whatmatters.cli import app; app()"
TARGET_MS = 200
PERSON_PAGE, SEARCH, FLOOR = "person page", "search", "healthz (floor)"
EDIT_FORM, EDIT_SAVE = "edit: open the form", "edit: save"

LOCUSTFILE = r'''
"""A frontline worker: opens people's pages and searches, about once a second;
with CASEWORK_EDITS=1, one task in seven saves an edit of a person's details."""
import html, json, os, random, re
from collections import Counter
from urllib.parse import quote, urlencode

from locust import between, events
from locust.contrib.fasthttp import FastHttpUser

TARGETS = json.loads(open(os.environ["CASEWORK_TARGETS"]).read())
EDITS = os.environ.get("CASEWORK_EDITS") == "1"
SAVED, CONFLICTS = Counter(), Counter()
INPUT = re.compile(r"<input\b[^>]*>")
ATTRIBUTE = re.compile(r'([\w-]+)(?:="([^"]*)")?')


def person_page(user):
    with user.client.get(f"/people/{random.choice(TARGETS['people'])}/",
                         name="person page", headers=user.cookie,
                         catch_response=True) as page:
        if "Timeline" not in page.text:
            page.failure("not the person's page")


def search(user):
    with user.client.get("/people/?q=" + quote(random.choice(TARGETS["searches"])),
                         name="search", headers=user.cookie, catch_response=True) as page:
        if "govuk-table" not in page.text and "No one found" not in page.text:
            page.failure("not a search result")


def healthz(user):
    user.client.get("/healthz", name="healthz (floor)")


def form_fields(page: str) -> dict:
    """The values a browser would send back: inputs, with only checked radios."""
    fields = {}
    for tag in INPUT.findall(page):
        attributes = {k: html.unescape(v) for k, v in ATTRIBUTE.findall(tag[6:])}
        if "name" not in attributes:
            continue
        if attributes.get("type") in ("radio", "checkbox") and "checked" not in attributes:
            continue
        fields[attributes["name"]] = attributes.get("value", "")
    return fields


def edit(user):
    person = random.choice(TARGETS["editable"])
    address = f"/people/{person}/details/"
    with user.client.get(address, name="edit: open the form", headers=user.cookie,
                         catch_response=True) as page:
        fields = form_fields(page.text)
        if "version" not in fields:
            page.failure("not the details form")
            return
    fields["preferred_name"] = f"Load {random.randrange(10**6)}"
    headers = {**user.cookie, "Content-Type": "application/x-www-form-urlencoded"}
    with user.client.post(address, data=urlencode(fields), name="edit: save",
                          headers=headers, allow_redirects=False,
                          catch_response=True) as saved:
        if saved.status_code == 302:
            SAVED[person] += 1
        elif saved.status_code == 200 and 'id="conflict"' in saved.text:
            CONFLICTS[person] += 1  # refused as stale, the other change shown: not an error
        else:
            saved.failure(f"the edit was not saved: {saved.status_code}")


class Worker(FastHttpUser):
    wait_time = between(0.5, 1.5)
    sessions = iter(TARGETS["sessions"])
    tasks = {person_page: 3, search: 2, healthz: 1, **({edit: 1} if EDITS else {})}

    def on_start(self):
        # Signed in beforehand: sign-in's slow password hash is not what is measured.
        self.cookie = {"Cookie": next(Worker.sessions)}


@events.quitting.add_listener
def _write_edits(**kwargs):
    if EDITS:
        with open(os.environ["CASEWORK_EDITS_OUT"], "w") as out:
            json.dump({"saved": SAVED, "conflicts": CONFLICTS}, out)
'''


def main(argv: list[str]) -> None:
    if not os.environ.get("WHATMATTERS_TEST_POSTGRES"):
        # Re-run inside a throwaway PostgreSQL server (started and removed by the script).
        wrapper = [str(ROOT / "scripts" / "with-postgres"), sys.executable, "-m", "benchmarks"]
        subprocess.run([*wrapper, "casework", *argv], check=True, cwd=ROOT)
        return
    quick = "--quick" in argv
    population = _option(argv, "--population", 30_000 if quick else 300_000)
    users = _option(argv, "--users", 200)
    seconds = _option(argv, "--seconds", 20 if quick else 60)
    DATA.mkdir(parents=True, exist_ok=True)
    env = {"WHATMATTERS_HOME": str(DATA / "home"), "DATABASE_URL": os.environ["DATABASE_URL"]}

    print(f"building a {population:,}-population demo council on PostgreSQL…", flush=True)
    build = run_measured(
        [sys.executable, "-c", CLI, "demo", "--population", str(population), "--no-serve"], env
    )
    password = re.search(r"Frontline worker\s+worker\s+([\w-]+)", build.output).group(1)
    built = re.search(r"demo council: ([\d,]+) people.*?, ([\d,]+) journal rows", build.output)
    targets = _targets(os.environ["DATABASE_URL"])
    (DATA / "locustfile.py").write_text(LOCUSTFILE)

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", CLI, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env={**os.environ, **env},
        stdout=(DATA / "server.log").open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    phases = {}
    try:
        wait_until_up(port, DATA / "server.log", timeout=120)
        targets["sessions"] = _sign_in(port, "worker", password, users)
        (DATA / "targets.json").write_text(json.dumps(targets))
        for phase, edits in (("reading only", False), ("one in seven an edit", True)):
            print(f"{users} users for {seconds} s on 127.0.0.1:{port}, {phase}…", flush=True)
            before = _versions(targets["editable"])
            load_before = os.getloadavg()[0]
            _load(port, users, seconds, edits)
            phases[phase] = _stats(DATA / "load_stats.csv")
            phases[phase]["load average"] = (load_before, os.getloadavg()[0])
            if edits:
                phases[phase]["edits"] = _edits(before, _versions(targets["editable"]))
        server_mb = _resident_mb(server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    _report(population, built, build, users, seconds, phases, server_mb)


def _load(port: int, users: int, seconds: int, edits: bool) -> None:
    """One phase of load (locust, headless); its statistics land in load_stats.csv."""
    run = run_measured(
        [
            sys.executable, "-m", "locust", "-f", str(DATA / "locustfile.py"),
            "--headless", "--users", str(users), "--spawn-rate", str(max(1, users // 5)),
            "--run-time", f"{seconds}s", "--host", f"http://127.0.0.1:{port}",
            "--csv", str(DATA / "load"), "--only-summary", "--exit-code-on-error", "0",
            "--reset-stats",
        ],
        {
            "CASEWORK_TARGETS": str(DATA / "targets.json"),
            "CASEWORK_EDITS": "1" if edits else "0",
            "CASEWORK_EDITS_OUT": str(DATA / "edits.json"),
        },
    )  # fmt: skip
    (DATA / f"locust-{'edits' if edits else 'reading'}.log").write_text(run.output)


def _versions(council_ids: list[str]) -> dict[str, int]:
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"]) as con:
        rows = con.execute(
            "select council_id, version from people_person where council_id = any(%s)",
            [council_ids],
        ).fetchall()
    return dict(rows)


def _edits(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    """Saves and refusals counted by the load tool, and updates lost: saves
    beyond the versions' growth (each save bumps the version once)."""
    counted = json.loads((DATA / "edits.json").read_text())
    saved = sum(counted["saved"].values())
    grown = sum(after[p] - before[p] for p in before)
    lost = sum(max(0, n - (after[p] - before[p])) for p, n in counted["saved"].items())
    return {
        "saved": saved,
        "refused": sum(counted["conflicts"].values()),
        "grown": grown,
        "lost": lost,
    }


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
    council_ids = [council_id for council_id, _, _ in people]
    # Edits go to 100 of them, so two users do sometimes edit one person at once.
    return {"people": council_ids, "searches": searches, "editable": council_ids[:100]}


def _sign_in(port: int, username: str, password: str, count: int) -> list[str]:
    """``count`` signed-in sessions (their cookies: session and CSRF token), made
    through the sign-in page."""
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
        return "; ".join(f"{c.name}={c.value}" for c in jar if c.name in ("sessionid", "csrftoken"))

    with ThreadPoolExecutor(4) as pool:
        return list(pool.map(one, range(count)))


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
            if row["50%"] != "N/A"  # a name with no request in the run
        }


def _report(population, built, build, users, seconds, phases, server_mb) -> None:
    people, rows = built.groups() if built else ("?", "?")
    print(f"\nMachine: {describe()} (shared with other work during the run).")
    print(
        f"\nDemo council: population {population:,} → {people} people with records, "
        f"{rows} journal rows, on PostgreSQL (the application a role that owns nothing); "
        f"built by `whatmatters demo` in {build.seconds:.0f} s, peak {build.peak_mb:,.0f} MB. "
        f"Load: {users} users (locust, headless, loopback), each a task about once "
        f"a second, {seconds} s a phase; server `whatmatters serve` (gunicorn gthread), "
        f"{server_mb:,.0f} MB resident at the end.\n"
    )
    print("| load | request | requests | errors | median ms | p95 ms | p99 ms | target |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    for phase, stats in phases.items():
        for name in (PERSON_PAGE, SEARCH, EDIT_FORM, EDIT_SAVE, FLOOR):
            s = stats.get(name)
            if s is None:
                continue
            target = "—"
            if name in (PERSON_PAGE, SEARCH):
                met = s["p95"] <= TARGET_MS and s["failures"] == 0
                target = f"p95 ≤ {TARGET_MS} ms, no errors: {'met' if met else 'NOT met'}"
            print(
                f"| {phase} | {name} | {s['requests']:,} | {s['failures']} | "
                f"{s['median']:.0f} | {s['p95']:.0f} | {s['p99']:.0f} | {target} |"
            )
    for phase, stats in phases.items():
        start, end = stats["load average"]
        print(f"\n{phase}: the machine's load average {start:.1f} before, {end:.1f} after.")
        edits = stats.get("edits")
        if edits:
            print(
                f"Edits: {edits['saved']:,} saved, {edits['refused']:,} refused "
                f"as stale (the conflict page, the other change shown); the people's versions "
                f"grew by {edits['grown']:,} (more when a save was in flight at the stop); "
                f"**lost updates: {edits['lost']}**."
            )
