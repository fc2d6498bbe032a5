"""Process maps: every kept activity and path drawn with the right label, simplification, layout."""

from __future__ import annotations

import random
from xml.etree import ElementTree

import pandas as pd
import pm4py
import pytest
import vl_convert

from whatmatters.report.process_map import (
    END,
    LABEL_FONT,
    START,
    View,
    draw_process_map,
    human_duration,
    map_graph,
    read_graph,
    readable,
    simplify,
    text_width,
)
from whatmatters.report.process_map_graph import MAX_ACTIVITIES, PATHS_PER_ACTIVITY, Selection
from whatmatters.words import percent

SVG = "{http://www.w3.org/2000/svg}"


def render_process_map(
    activities, edges, *, view: View | str = View.FREQUENCY, threshold: float | None = 0.0
) -> str:
    """The map as the report draws it: read, simplified at ``threshold``, laid out."""
    return draw_process_map(map_graph(activities, edges, threshold), view=view)


LOGS = ["running-example.xes", "interval_event_log.xes", "06_bpic2013_closed.xes.gz"]


def dfg_tables(log: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Activities and directly-follows paths (with waits) from an event log, in pandas."""
    # Events keep the log's own order within a case, as pm4py does.
    log = log.sort_values("case:concept:name", kind="stable")
    activity = log["concept:name"].astype(str)
    activities = activity.value_counts().rename_axis("activity").reset_index(name="count")
    case = log.groupby("case:concept:name", sort=False)
    # The wait runs from one step's completion to the next step's start (its
    # completion when the log has no start times).
    began = "start_timestamp" if "start_timestamp" in log.columns else "time:timestamp"
    steps = log.assign(
        source=activity,
        target=case["concept:name"].shift(-1),
        wait=(case[began].shift(-1) - log["time:timestamp"]).dt.total_seconds(),
    ).dropna(subset=["target"])
    paths = (
        steps.groupby(["source", "target"])
        .agg(
            count=("wait", "size"), mean_seconds=("wait", "mean"), median_seconds=("wait", "median")
        )
        .reset_index()
    )
    firsts = case["concept:name"].first().value_counts()
    lasts = case["concept:name"].last().value_counts()
    starts = pd.DataFrame({"source": START, "target": firsts.index, "count": firsts.values})
    ends = pd.DataFrame({"source": lasts.index, "target": END, "count": lasts.values})
    return activities, pd.concat([starts, paths, ends], ignore_index=True)


@pytest.fixture(scope="module", params=LOGS)
def real_log(request, test_data):
    log = pm4py.read_xes(str(test_data / "eventlogs" / request.param))
    activities, edges = dfg_tables(log)
    return request.param, log, activities, edges


def groups(svg: str, cls: str) -> list[ElementTree.Element]:
    root = ElementTree.fromstring(svg)
    return [g for g in root.iter(f"{SVG}g") if cls in (g.get("class") or "").split()]


def texts(group: ElementTree.Element, cls: str) -> list[str]:
    return [t.text for t in group.iter(f"{SVG}text") if t.get("class") == cls]


def edge_labels(svg: str) -> dict[tuple[str, str], list[str]]:
    return {
        (g.get("data-source"), g.get("data-target")): texts(g, "edge-label")
        for g in groups(svg, "edge")
    }


def test_tables_agree_with_pm4py(real_log):
    _, log, _activities, edges = real_log
    dfg, starts, ends = pm4py.discover_dfg(log)
    inner = edges[~edges["source"].isin([START]) & ~edges["target"].isin([END])]
    assert {(r.source, r.target): r.count for r in inner.itertuples()} == dict(dfg)
    assert dict(edges[edges["source"] == START][["target", "count"]].values) == dict(starts)
    assert dict(edges[edges["target"] == END][["source", "count"]].values) == dict(ends)
    performance, _, _ = pm4py.discover_performance_dfg(log)
    for r in inner.itertuples():
        assert r.mean_seconds == pytest.approx(performance[(r.source, r.target)]["mean"])
        assert r.median_seconds == pytest.approx(performance[(r.source, r.target)]["median"])


def test_frequency_view_draws_every_activity_and_path_with_its_count(real_log):
    _, _, activities, edges = real_log
    svg = render_process_map(activities, edges, view="frequency")
    drawn = {g.get("data-activity"): g for g in groups(svg, "activity")}
    for row in activities.itertuples():
        assert texts(drawn[row.activity], "activity-count") == [f"{row.count:,}"]
    assert set(drawn) == {*activities["activity"], START, END}
    labels = edge_labels(svg)
    assert labels == {(r.source, r.target): [f"{r.count:,}"] for r in edges.itertuples()}


def test_time_view_labels_mean_and_median_waits(real_log):
    _, _, activities, edges = real_log
    svg = render_process_map(activities, edges, view="time")
    labels = edge_labels(svg)
    for r in edges.itertuples():
        if START in (r.source,) or END in (r.target,):
            assert labels[(r.source, r.target)] == []  # no wait to show: drawn unlabelled
        elif r.mean_seconds == 0 and r.median_seconds == 0:
            assert labels[(r.source, r.target)] == ["no wait"]
        else:
            assert labels[(r.source, r.target)] == [
                f"mean {human_duration(r.mean_seconds)}",
                f"median {human_duration(r.median_seconds)}",
            ]


def test_map_is_valid_svg_that_renders_to_png(real_log):
    _, _, activities, edges = real_log
    svg = render_process_map(activities, edges)
    root = ElementTree.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title").text
    png = vl_convert.svg_to_png(svg)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def boxes(svg: str) -> tuple[list[tuple], list[tuple]]:
    """Bounding boxes of edge labels and of activity boxes, in the map's coordinates."""
    labels = []
    for g in groups(svg, "edge"):
        for t in g.iter(f"{SVG}text"):
            x, y = float(t.get("x")), float(t.get("y"))
            width = text_width(t.text, LABEL_FONT)
            labels.append((x, y - 0.8 * LABEL_FONT, x + width, y + 0.2 * LABEL_FONT, t.text))
    rects = []
    for g in groups(svg, "activity"):
        r = g.find(f"{SVG}rect")
        x, y = float(r.get("x")), float(r.get("y"))
        rects.append(
            (x, y, x + float(r.get("width")), y + float(r.get("height")), g.get("data-activity"))
        )
    return labels, rects


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def assert_nothing_overlaps(svg: str) -> None:
    labels, rects = boxes(svg)
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            assert not overlaps(a, b), (a, b)
        for r in rects:
            assert not overlaps(a, r), (a, r)
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert not overlaps(a, b), (a, b)


def test_labels_and_boxes_never_overlap_on_real_logs(real_log):
    _, _, activities, edges = real_log
    for view in ("frequency", "time"):
        assert_nothing_overlaps(render_process_map(activities, edges, view=view))


def generated_log(activities: int, cases: int, seed: int) -> pd.DataFrame:
    """A process of ``activities`` steps with skips, rework loops and repeats."""
    rng = random.Random(seed)
    names = [
        f"step {k:02d} {'review' if k % 3 else 'assessment of needs'}" for k in range(activities)
    ]
    rows = []
    for case in range(cases):
        t, k = pd.Timestamp("2024-01-01"), 0
        while k < activities and len(rows) < 10**6:
            rows.append((f"c{case}", names[k], t))
            t += pd.Timedelta(hours=rng.expovariate(1 / 30))
            k += rng.choice([1, 1, 1, 2, 3, -2, 0])
            k = max(k, 0)
    return pd.DataFrame(rows, columns=["case:concept:name", "concept:name", "time:timestamp"])


def test_twenty_activities_stay_readable():
    activities, edges = dfg_tables(generated_log(20, 120, seed=7))
    assert len(activities) == 20
    for view in ("frequency", "time"):
        svg = render_process_map(activities, edges, view=view)
        assert len(groups(svg, "activity")) == 22
        assert len(groups(svg, "edge")) == len(edges)
        assert_nothing_overlaps(svg)


def reachable(paths: set[tuple[str, str]], origin: str) -> set[str]:
    seen, todo = {origin}, [origin]
    while todo:
        node = todo.pop()
        for source, target in paths:
            if source == node and target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def test_the_readable_map_of_a_busy_process_keeps_the_commonest_steps_and_busiest_paths():
    activities, edges = dfg_tables(generated_log(30, 400, seed=3))
    full = read_graph(activities, edges)
    simple = readable(full)
    names = {a.name for a in simple.activities}
    assert len(names) == MAX_ACTIVITIES < full.all_activities
    commonest = activities.sort_values(["count", "activity"], ascending=[False, True])
    assert names == set(commonest["activity"][:MAX_ACTIVITIES])
    moves = {(p.source, p.target) for p in simple.paths if p.source != p.target}
    assert len(moves) <= PATHS_PER_ACTIVITY * len(names) + len(names)  # reconnecting adds few
    # no step is drawn alone: each keeps its busiest way in and out among those shown
    assert names <= {end for pair in moves for end in pair}
    assert "step 00 assessment of needs" in reachable(moves, START)
    svg = render_process_map(activities, edges, threshold=None)
    assert_nothing_overlaps(svg)
    caption = next(t.text for t in ElementTree.fromstring(svg).iter(f"{SVG}text"))
    assert f"15 of 30 activities ({percent(simple.steps_share)} of steps)" in caption


def test_the_readable_map_stops_once_most_steps_are_covered():
    acts, edges = graph(
        {"A": 500, "B": 400, "C": 60, "D": 30, "E": 10},
        [
            *[(START, "A", 500), ("A", "B", 400), ("B", "C", 60), ("C", "D", 30)],
            *[("D", "E", 10), ("A", "C", 1), ("A", "D", 1), ("A", "E", 1), ("B", "D", 1)],
            *[("B", "E", 1), ("C", "E", 1), ("E", "A", 1), ("D", "A", 1), ("C", "A", 1)],
            *[("E", END, 10), ("B", END, 340), ("C", END, 30), ("D", END, 20)],
        ],
    )
    simple = readable(read_graph(acts, edges))
    assert {a.name for a in simple.activities} == {"A", "B", "C"}  # 960 of 1,000 steps
    assert simple.selection is Selection.COMMONEST and not simple.complete


def test_a_map_that_already_fits_is_kept_whole():
    acts, edges = graph(
        {"A": 10, "B": 8, "C": 2},
        [(START, "A", 10), ("A", "B", 8), ("A", "C", 2), ("B", END, 8), ("C", END, 2)],
    )
    simple = readable(read_graph(acts, edges))
    assert simple.complete and simple.selection is Selection.ALL
    caption = next(
        t.text
        for t in ElementTree.fromstring(render_process_map(acts, edges, threshold=None)).iter(
            f"{SVG}text"
        )
    )
    assert "all 3 activities and 5 paths" in caption


# --- Hand-made graphs: simplification -----------------------------------------------------


def graph(activities: dict[str, int], paths: list[tuple[str, str, int]]):
    acts = pd.DataFrame({"activity": list(activities), "count": list(activities.values())})
    edges = pd.DataFrame(
        [(s, t, c, 3600.0 * c, 1800.0 * c) for s, t, c in paths],
        columns=["source", "target", "count", "mean_seconds", "median_seconds"],
    )
    return acts, edges


def shown(svg: str) -> tuple[set[str], set[tuple[str, str]]]:
    return {g.get("data-activity") for g in groups(svg, "activity")}, set(edge_labels(svg))


def test_threshold_drops_rare_activities_and_paths():
    acts, edges = graph(
        {"A": 100, "B": 50, "C": 4},
        [
            (START, "A", 100),
            ("A", "B", 50),
            ("A", "C", 4),
            ("C", END, 4),
            ("B", END, 50),
            ("A", END, 46),
        ],
    )
    nodes, paths = shown(render_process_map(acts, edges, threshold=0.1))
    assert nodes == {START, "A", "B", END}
    assert paths == {(START, "A"), ("A", "B"), ("B", END), ("A", END)}
    everything = shown(render_process_map(acts, edges, threshold=0.0))
    assert everything[0] == {START, "A", "B", "C", END} and len(everything[1]) == 6


def test_threshold_keeps_each_activity_connected_by_its_busiest_route():
    acts, edges = graph(
        {"A": 100, "B": 100, "C": 100},
        [
            (START, "A", 96),
            (START, "B", 4),
            ("A", "B", 6),
            ("A", "C", 90),
            ("B", "C", 95),
            ("C", END, 100),
        ],
    )
    simple = simplify(read_graph(acts, edges), 0.1)
    kept = {(p.source, p.target) for p in simple.paths}
    # A→B (6) and start→B (4) fall under 10% of 95; B gets back its busiest way in: A→B.
    assert kept == {(START, "A"), ("A", "B"), ("A", "C"), ("B", "C"), ("C", END)}


def test_activity_reached_only_through_removed_ones_goes_too():
    acts, edges = graph(
        {"A": 100, "X": 5, "Y": 50},
        [
            (START, "A", 100),
            ("A", "X", 5),
            ("X", "Y", 5),
            ("Y", "Y", 45),
            ("Y", END, 5),
            ("A", END, 95),
        ],
    )
    simple = simplify(read_graph(acts, edges), 0.1)
    assert {a.name for a in simple.activities} == {"A"}
    assert {(p.source, p.target) for p in simple.paths} == {(START, "A"), ("A", END)}


def test_self_loop_is_drawn_with_its_label():
    acts, edges = graph({"A": 10}, [(START, "A", 4), ("A", "A", 6), ("A", END, 4)])
    labels = edge_labels(render_process_map(acts, edges))
    assert labels[("A", "A")] == ["6"]
    time_labels = edge_labels(render_process_map(acts, edges, view="time"))
    assert time_labels[("A", "A")] == ["mean 6 h", "median 3 h"]


def test_caption_says_how_much_is_shown():
    acts, edges = graph(
        {"A": 100, "B": 50, "C": 4},
        [(START, "A", 100), ("A", "B", 50), ("A", "C", 4), ("C", END, 4), ("B", END, 50)],
    )
    root = ElementTree.fromstring(render_process_map(acts, edges, threshold=0.1))
    caption = next(t.text for t in root.iter(f"{SVG}text") if t.get("class") == "caption")
    assert "2 of 3 activities (97% of steps), 3 of 5 paths (93% of moves)" in caption


def test_graph_without_start_and_end_still_draws():
    acts, edges = graph({"A": 3, "B": 3}, [("A", "B", 3), ("B", "A", 1)])
    nodes, paths = shown(render_process_map(acts, edges))
    assert nodes == {"A", "B"} and paths == {("A", "B"), ("B", "A")}


def test_empty_tables_give_a_note_not_an_error():
    svg = render_process_map(
        pd.DataFrame({"activity": [], "count": []}),
        pd.DataFrame({"source": [], "target": [], "count": []}),
    )
    assert "No activities to map." in svg
    ElementTree.fromstring(svg)


def test_bad_input_is_refused_plainly():
    acts, edges = graph({"A": 3}, [(START, "A", 3), ("A", "B", 3)])
    with pytest.raises(ValueError, match="'B'"):
        render_process_map(acts, edges)
    with pytest.raises(ValueError, match="no column count"):
        render_process_map(acts.drop(columns="count"), edges)
    with pytest.raises(ValueError, match="between 0 and 1"):
        render_process_map(acts, edges.iloc[:1], threshold=1.5)


def test_names_with_markup_are_escaped():
    acts, edges = graph({"<b>&</b>": 2}, [(START, "<b>&</b>", 2), ("<b>&</b>", END, 2)])
    svg = render_process_map(acts, edges)
    assert {g.get("data-activity") for g in groups(svg, "activity")} == {START, "<b>&</b>", END}


def test_polars_and_arrow_tables_are_accepted():
    import polars as pl

    acts, edges = graph({"A": 2, "B": 2}, [(START, "A", 2), ("A", "B", 2), ("B", END, 2)])
    a = render_process_map(pl.from_pandas(acts), pl.from_pandas(edges))
    b = render_process_map(pl.from_pandas(acts).to_arrow(), pl.from_pandas(edges).to_arrow())
    assert a == b == render_process_map(acts, edges)


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (5, "5 s"),
        (59.6, "1 min"),
        (61, "1 min"),
        (5400, "1.5 h"),
        (86400, "1 day"),
        (86400 * 70, "10 weeks"),
        (0, "0"),
        (-86400 * 3, "−3 days"),
    ],
)
def test_human_durations(seconds, words):
    assert human_duration(seconds) == words


def test_overlapping_work_with_a_negative_mean_wait_is_drawn_and_labelled():
    # The next step can start before the last one ends: its wait is negative.
    acts, edges = graph({"Assess": 5, "Plan": 5, "Review": 2}, [("Assess", "Plan", 5)])
    edges.loc[0, ["mean_seconds", "median_seconds"]] = [-7200.0, -3600.0]
    extra = pd.DataFrame(
        [("Plan", "Review", 2, 86400.0, 86400.0), ("Plan", "Plan", 1, -60.0, -60.0)],
        columns=edges.columns,
    )
    svg = render_process_map(acts, pd.concat([edges, extra]), view="time")
    labels = edge_labels(svg)
    assert labels[("Assess", "Plan")] == [
        f"mean {human_duration(-7200.0)}",
        f"median {human_duration(-3600.0)}",
    ]
    assert ("Plan", "Review") in labels
