"""Image files of the report's charts and maps, for slides and documents.

The page draws its charts itself (``embed.py``); these files are the same
drawings as SVG and PNG, standing alone with their title and sentence. A
process map is drawn without Vega, so its SVG (and the full map's) is always
written: the page links the full map and shows the simplified one inline.
Everything else is rendered only when asked (``check --images``), in
parallel: vl-convert renders outside Python's lock, so threads use every core.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import vl_convert

from whatmatters.report.chart_files import chart_png, chart_svg
from whatmatters.report.figure import Figure, Section


def full_key(key: str) -> str:
    """The file name (without suffix) of a figure's full drawing."""
    return f"{key}_full"


def write_images(sections: list[Section], folder: Path, *, images: bool) -> list[str]:
    """Write the image files into ``folder``; return the names written, sorted."""
    jobs = list(_jobs(sections, folder, images))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(lambda job: job(), jobs))  # list(): raise the first failure here
    return sorted(path.name for path in folder.iterdir())


def _jobs(sections: list[Section], folder: Path, images: bool) -> Iterator[Callable[[], None]]:
    for section in sections:
        for figure in section.figures:
            if figure.chart is not None and images:
                yield _chart_job(figure, folder, "svg")
                yield _chart_job(figure, folder, "png")
            elif figure.svg is not None:
                yield _map_job(figure.key, figure.svg, folder, png=images)
                if figure.full_svg is not None:
                    yield _map_job(full_key(figure.key), figure.full_svg, folder, png=images)


def _chart_job(figure: Figure, folder: Path, suffix: str) -> Callable[[], None]:
    def job() -> None:
        path = folder / f"{figure.key}.{suffix}"
        if suffix == "svg":
            path.write_text(chart_svg(figure.chart), encoding="utf-8")
        else:
            path.write_bytes(chart_png(figure.chart))

    return job


def _map_job(key: str, svg: str, folder: Path, *, png: bool) -> Callable[[], None]:
    def job() -> None:
        (folder / f"{key}.svg").write_text(svg, encoding="utf-8")
        if png:
            (folder / f"{key}.png").write_bytes(vl_convert.svg_to_png(svg, scale=2.0))

    return job
