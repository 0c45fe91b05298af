"""Charts of the narrative (primer §7), drawn with matplotlib in the PDF's CJK font.

Two layers, kept apart on purpose: *drawing* (`bars`, `pie`: data in, picture out, no idea which
chart it is) and *which charts exist*, which is profile data (profile.yaml `figures`: the kind, the
facts keys and labels of each named chart); `chart` joins the two.

Every number shown comes from Facts, already computed: pie labels carry the document's own shares
(never matplotlib's autopct), bar labels its own amounts. All labels of a chart use the profile's
precision with its trailing zeros (6,612.65 beside 6,320.50, not 6320.5), so they line up and read
alike. A chart with nothing to compare (no prior year, a pie of one non-zero part) is left out.

The title is the document's caption (图1 …) only; the drawing carries none. Each chart is written
twice from one figure: SVG (vector, for the PDF) and PNG at 300 ppi (for the DOCX).
"""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal
from typing import Any

from ..compute.values import Change, Share
from ..profiles.model import ChartSpec
from .formats import NumberFormat
from .lookup import resolve
from .tree import Image

FONT = "Noto Sans CJK SC"  # the PDF's heading font (fonts-noto-cjk, face "SC" of the collection)
COLORS = ["#2f5597", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6", "#bf9000", "#a5a5a5"]
PPI = 300  # the raster's resolution: print quality at the size it is placed
SIZE = (6.4, 3.6)  # inches; placed 15 cm wide, so 10 pt labels print at about 9 pt


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    matplotlib.rcParams.update({
        "font.family": [FONT, "AR PL UKai CN", "DejaVu Sans"],
        "axes.unicode_minus": False,
        "svg.hashsalt": "gongkai",  # element ids from a fixed salt: the same data, the same bytes
        "svg.fonttype": "path",  # glyphs as outlines: the SVG needs no font to be drawn right
        "figure.dpi": 100,
        "font.size": 10,
    })
    return pyplot


def _image(fig: Any) -> Image:
    svg, png = io.BytesIO(), io.BytesIO()
    # No date, no "Software" entry: the same data gives the same bytes.
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    fig.savefig(png, format="png", dpi=PPI, metadata={"Software": None})
    _pyplot().close(fig)
    return Image(svg.getvalue(), png.getvalue())


def _plot_value(amount: Decimal) -> float:
    """Geometry only: bar heights and wedge angles are drawn in floating point. No amount is ever
    computed from this value; every printed figure is the exact Decimal, formatted by the profile."""
    return float(amount)


def _fixed(fmt: NumberFormat) -> NumberFormat:
    """The profile's precision, keeping trailing zeros: labels side by side read alike."""
    return replace(fmt, strip_zeros=False)


# ---------------------------------------------------------------------------------- drawing


def bars(groups: list[tuple[str, Change]], years: tuple[int, int], money: NumberFormat, unit: str = "万元") -> Image:
    """Two bars per group (the earlier year, this year), each labelled with its amount in 万元."""
    label = _fixed(money)
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=SIZE, layout="constrained")
    width = 0.36
    positions = range(len(groups))
    for offset, (name, pick) in enumerate(((f"{years[0]}年", "base"), (f"{years[1]}年", "current"))):
        values = [getattr(change, pick) for _, change in groups]
        xs = [p + (offset - 0.5) * width for p in positions]
        drawn = ax.bar(xs, [_plot_value(v) for v in values], width, label=name, color=COLORS[offset])
        for bar, value in zip(drawn, values, strict=True):
            ax.annotate(label(value), (bar.get_x() + bar.get_width() / 2, bar.get_height()), ha="center",
                        va="bottom", fontsize=10, xytext=(0, 2), textcoords="offset points")
    ax.set_xticks(list(positions), [name for name, _ in groups])
    if len(groups) == 1:  # one pair of bars: as wide as in a two-pair chart, not the whole axis
        ax.set_xlim(-1, 1)
    # The unit reads horizontally above the value axis, as in published charts (set as the axes'
    # left title so the layout makes room for it).
    ax.set_title(unit, loc="left", fontsize=10, pad=6)
    ax.legend(frameon=False, fontsize=10, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2)
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(y=0.15)
    return _image(fig)


def pie(parts: list[Share], percent: NumberFormat) -> Image | None:
    """A pie of the non-zero parts, the legend carrying each part's share. None when fewer than two
    parts are non-zero: a single 100 % slice says nothing a sentence does not."""
    parts = [p for p in parts if p.amount > 0 and p.share is not None]
    if len(parts) < 2:
        return None
    label = _fixed(percent)
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=SIZE, layout="constrained")
    wedges, _ = ax.pie([_plot_value(p.amount) for p in parts], colors=COLORS[: len(parts)], startangle=90,
                       counterclock=False, wedgeprops={"linewidth": 1, "edgecolor": "white"})
    ax.legend(wedges, [f"{p.label} {label(p.share)}" for p in parts], loc="center left",
              bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=11)
    ax.axis("equal")
    return _image(fig)


# ---------------------------------------------------------------------------------- which charts


def chart(spec: ChartSpec, facts: Any, money: NumberFormat, percent: NumberFormat) -> Image | None:
    """The chart a profile defines (profile.yaml `figures`), drawn from the facts it names. None when
    there is nothing to compare: a bar chart whose first series has no prior-year figure, a pie of
    fewer than two non-zero parts."""
    if spec.kind == "pie":
        parts: list[Share] = list(resolve(facts, spec.parts))
        return pie(parts, percent)
    groups: list[tuple[str, Change]] = [(s.label, resolve(facts, s.change)) for s in spec.series]
    if any(change.base is None for _, change in groups):
        return None
    return bars(groups, (facts.prior_year, facts.year), money, spec.unit)
