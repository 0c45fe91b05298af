"""Charts of the narrative (primer §7), drawn with matplotlib in the PDF's CJK font.

Every number shown comes from Facts, already computed and formatted by the profile: pie labels
carry the document's own shares (never matplotlib's autopct), bar labels its own amounts. A chart
whose data is missing (no prior year, an all-zero pie) is left out, with no error.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal

from ..compute.juesuan_facts import JuesuanFacts as Facts
from ..compute.values import Change, Share
from .formats import NumberFormat

FONT = "Noto Sans CJK SC"  # the PDF's heading font (fonts-noto-cjk, face "SC" of the collection)
COLORS = ["#2f5597", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6", "#bf9000", "#a5a5a5"]


def _pyplot():  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    matplotlib.rcParams.update({
        "font.family": [FONT, "AR PL UKai CN", "DejaVu Sans"],
        "axes.unicode_minus": False,
        "svg.hashsalt": "gongkai",
        "figure.dpi": 100,
    })
    return pyplot


def _png(fig) -> bytes:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    # No "Software" entry and no timestamp: the same data gives the same bytes.
    # Constrained layout fits labels in one drawing pass (bbox_inches="tight" would draw twice).
    fig.savefig(buffer, format="png", dpi=150, metadata={"Software": None})
    _pyplot().close(fig)
    return buffer.getvalue()


def _plot_value(amount: Decimal) -> float:
    """Geometry only: bar heights and wedge angles are drawn in floating point. No amount is ever
    computed from this value; every printed figure is the exact Decimal, formatted by the profile."""
    return float(amount)


def _bars(title: str, groups: list[tuple[str, Change]], years: tuple[int, int], money: NumberFormat) -> bytes:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 3.6), layout="constrained")
    width = 0.36
    positions = range(len(groups))
    for offset, (label, pick) in enumerate(((f"{years[0]}年", "base"), (f"{years[1]}年", "current"))):
        values = [getattr(change, pick) for _, change in groups]
        xs = [p + (offset - 0.5) * width for p in positions]
        bars = ax.bar(xs, [_plot_value(v) for v in values], width, label=label, color=COLORS[offset])
        for bar, value in zip(bars, values, strict=True):
            ax.annotate(money(value), (bar.get_x() + bar.get_width() / 2, bar.get_height()), ha="center",
                        va="bottom", fontsize=8, xytext=(0, 2), textcoords="offset points")
    ax.set_xticks(list(positions), [name for name, _ in groups])
    ax.set_ylabel("万元")
    ax.set_title(title, fontsize=11)
    ax.legend(frameon=False, fontsize=9, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2)
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(y=0.15)
    return _png(fig)


def _pie(title: str, parts: list[Share], percent: NumberFormat) -> bytes | None:
    parts = [p for p in parts if p.amount > 0 and p.share is not None]
    if not parts:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 3.6), layout="constrained")
    wedges, _ = ax.pie([_plot_value(p.amount) for p in parts], colors=COLORS[: len(parts)], startangle=90,
                       counterclock=False, wedgeprops={"linewidth": 1, "edgecolor": "white"})
    labels = [f"{p.label} {percent(p.share)}" for p in parts]
    ax.legend(wedges, labels, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=9)
    ax.set_title(title, fontsize=11)
    ax.axis("equal")
    return _png(fig)


ChartMaker = Callable[[Facts, NumberFormat, NumberFormat], "bytes | None"]


def _years(f: Facts) -> tuple[int, int]:
    return f.prior_year, f.year


def income_expense_change(f: Facts, m: NumberFormat, p: NumberFormat) -> bytes | None:
    ov = f.overview
    if ov.income_change.base is None:
        return None
    return _bars("收入支出决算总计变动情况", [("收入总计", ov.income_change), ("支出总计", ov.expense_change)],
                 _years(f), m)


def income_structure(f: Facts, m: NumberFormat, p: NumberFormat) -> bytes | None:
    return _pie("本年收入构成", f.income.parts, p)


def expense_structure(f: Facts, m: NumberFormat, p: NumberFormat) -> bytes | None:
    return _pie("本年支出构成", f.expense.parts, p)


def fiscal_change(f: Facts, m: NumberFormat, p: NumberFormat) -> bytes | None:
    fc = f.fiscal
    if fc.income_change.base is None:
        return None
    return _bars("财政拨款收、支决算总计变动情况", [("财政拨款收入总计", fc.income_change),
                                                    ("财政拨款支出总计", fc.expense_change)], _years(f), m)


def general_budget_change(f: Facts, m: NumberFormat, p: NumberFormat) -> bytes | None:
    gb = f.general_budget
    if gb.change.base is None:
        return None
    return _bars("一般公共预算财政拨款支出决算变动情况", [("一般公共预算财政拨款支出", gb.change)], _years(f), m)


def general_budget_structure(f: Facts, m: NumberFormat, p: NumberFormat) -> bytes | None:
    return _pie("一般公共预算财政拨款支出决算结构（按功能分类）", f.general_budget.classes, p)


CHARTS: dict[str, ChartMaker] = {
    "income_expense_change": income_expense_change,
    "income_structure": income_structure,
    "expense_structure": expense_structure,
    "fiscal_change": fiscal_change,
    "general_budget_change": general_budget_change,
    "general_budget_structure": general_budget_structure,
}


def chart(name: str, facts: Facts, money: NumberFormat, percent: NumberFormat) -> bytes | None:
    if name not in CHARTS:
        raise ValueError(f"未知图表：{name}（可用：{'、'.join(CHARTS)}）")
    return CHARTS[name](facts, money, percent)
