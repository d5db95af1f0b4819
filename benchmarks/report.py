"""The benchmarks' results as the docs show them: a Markdown table and a plot.

``benchmarks/run`` writes ``.bench/results.{json,md,svg}`` after each run;
``benchmarks/run --docs`` also refreshes the snapshot the performance page shows
(``docs/benchmarks/``), so the docs build never runs a benchmark.
"""

from __future__ import annotations

import platform
from pathlib import Path

COLUMNS = ["floor", "pylxd", "pylxd.aio", "upstream"]
LABELS = {
    "floor": "raw floor",
    "pylxd": "pylxd",
    "pylxd.aio": "pylxd.aio",
    "upstream": "upstream pylxd 2.4.2",
}
COLORS = {"floor": "#9e9e9e", "pylxd": "#1f77b4", "pylxd.aio": "#6baed6", "upstream": "#d62728"}


def fmt(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds * 1e3:.2f} ms" if seconds >= 1e-3 else f"{seconds * 1e6:.0f} µs"


def markdown(medians: dict[str, dict[str, float]], server: str) -> str:
    """One row per call: the medians, and ours against the floor and upstream."""
    lines = [
        f"Medians per call against {server}, on {platform.machine()} "
        f"({platform.python_implementation()} {platform.python_version()}).",
        "",
        "| call | raw floor | pylxd | pylxd.aio | upstream 2.4.2 | pylxd vs upstream |",
        "|---|---|---|---|---|---|",
    ]
    for row, m in medians.items():
        cells = [fmt(m.get(c)) for c in COLUMNS]
        ours, floor, upstream = m.get("pylxd"), m.get("floor"), m.get("upstream")
        if ours is not None and floor is not None:
            cells[1] += f" ({ours / floor:.2f}× floor)"
        speedup = f"{upstream / ours:.1f}× faster" if ours and upstream else "–"
        lines.append(f"| `{row}` | " + " | ".join(cells) + f" | {speedup} |")
    return "\n".join(lines) + "\n"


def plot(medians: dict[str, dict[str, float]], path: Path) -> None:
    """Grouped horizontal bars per call, milliseconds on a log scale (the calls span
    microseconds to hundreds of milliseconds)."""
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "pylxd"  # the same results give the same file
    import matplotlib.pyplot as plt

    rows = list(medians)
    height = 0.8 / len(COLUMNS)
    fig, ax = plt.subplots(figsize=(8, 0.9 + 0.75 * len(rows)))
    for i, column in enumerate(COLUMNS):
        values = [medians[r].get(column) for r in rows]
        ys = [y + (i - (len(COLUMNS) - 1) / 2) * height for y in range(len(rows))]
        shown = [(y, v * 1e3) for y, v in zip(ys, values, strict=True) if v is not None]
        if shown:
            ax.barh(
                [y for y, _ in shown],
                [v for _, v in shown],
                height=height,
                label=LABELS[column],
                color=COLORS[column],
            )
    ax.set_yticks(range(len(rows)), rows)
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.set_xlabel("median per call, ms (log scale; shorter is faster)")
    ax.grid(axis="x", which="both", alpha=0.3)
    ax.legend(loc="lower right", fontsize="small")
    fig.tight_layout()
    fig.savefig(path, metadata={"Date": None} if path.suffix == ".svg" else None)
    plt.close(fig)


def write(medians: dict[str, dict[str, float]], directory: Path, server: str) -> list[Path]:
    """``results.md`` and ``results.svg`` in ``directory``; returns their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    table, figure = directory / "results.md", directory / "results.svg"
    table.write_text(markdown(medians, server))
    plot(medians, figure)
    return [table, figure]
