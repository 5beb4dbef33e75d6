"""The benchmark as SVG charts for the Performance page (matplotlib, fonts left as text)."""

from __future__ import annotations

from pathlib import Path


def draw(report: dict, folder: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "font.size": 11, "svg.hashsalt": "bench"})
    folder.mkdir(parents=True, exist_ok=True)
    rows = [r for r in report["results"] if r["route"] == "GET /"]
    servers = list(dict.fromkeys(r["server"] for r in rows))
    for metric, label, name in (
        ("requests_per_s", "requests per second (higher is better)", "throughput.svg"),
        ("p99_ms", "p99 latency in ms (lower is better)", "latency.svg"),
    ):
        fig, ax = plt.subplots(figsize=(7, 1.2 + 0.5 * len(servers)))
        width = 0.38
        for i, conns in enumerate((1, 50)):
            values = [
                next((r[metric] for r in rows if r["server"] == s and r["connections"] == conns), 0)
                for s in servers
            ]
            positions = [k + (i - 0.5) * width for k in range(len(servers))]
            bars = ax.barh(
                positions,
                values,
                height=width,
                label=f"{conns} connection" + ("s" if conns > 1 else ""),
                color=("#7986cb", "#283593")[i],
            )
            ax.bar_label(
                bars,
                fmt="{:,.0f}" if metric == "requests_per_s" else "{:.2f}",
                padding=3,
                fontsize=9,
            )
        ax.set_yticks(range(len(servers)), servers)
        ax.invert_yaxis()
        ax.set_xlabel(label)
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(frameon=False, loc="best")
        ax.margins(x=0.18)
        fig.tight_layout()
        fig.savefig(folder / name, metadata={"Date": None}, transparent=False, facecolor="white")
        plt.close(fig)
