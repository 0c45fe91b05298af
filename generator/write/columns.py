"""Table grids, column widths and where a table may break: the same for both writers.

A profile gives relative column widths; at the table's type size some cells then wrap one
character onto a line of its own ("项目名/称", "投入（15/）"), or a number does not fit. The widths
are adjusted here, before either writer sees them: a column is widened just enough that none of
its cells leaves a lone character on its last line and no number or word is cut, and the room is
taken from the columns that can give it without the same trouble. Text is measured by character
class (CJK one em, Latin letters and digits about 0.6): the same estimate for DOCX and PDF, so
both get the same proportions.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache

from ..compose.tree import Cell, Table

Placed = tuple[Cell, int, int]  # (cell, rowspan, colspan) at its top-left grid position
Grid = list[list[Placed | None]]

KEEP_FIRST = 3  # body rows that stay with the table's title: a page never ends after fewer
KEEP_LAST = 2  # body rows that stay with the notes under the table
# Left and right cell padding, each, in em of the table's type: both writers use it (document.css
# `padding: … 0.3em`, the DOCX's tblCellMar). In em, so a crowded 7 pt table gives its text the
# room a 9 pt table's padding would take.
PADDING_EM = 0.3
# Characters that may not start a line (Chinese line-breaking rules, 避头点): a lone one wraps
# together with the character before it.
NO_LINE_START = set("，。、；：？！）》」』】〕”’…%％,.;:?!)]")
NO_LINE_END = set("（《「『【〔“‘([")  # 避尾点: may not end a line
LONE = 1.6  # a last line narrower than this (in em) holds a single character: it is an orphan
STEP = 0.25  # em
MIN_WIDTH = 1.5  # em: no column is made narrower than this
SHORT = 10  # em: a label this short wraps onto three lines at most
# A text on up to this many lines is a label, whose last line must not hold a lone character; in a
# longer text (a paragraph in a cell) a short last line is ordinary, and costs no column its room.
LABEL_LINES = 3
MAX_GIVEN = 1 / 2  # of a column's width, at most, for others' labels
# A short label's lines may not all be this narrow when it takes three lines or more: "负责/人及/电话"
# reads as three words. (Two CJK characters are 2 em; three are 3.)
RIBBON = 2.6  # em
# The estimate's margin of error: bold faces, Latin metrics and each engine's rounding differ a
# little from one em per character, so a text is taken to need this much more than it measures.
SAFETY = 0.2  # em


def layout(rows: Sequence[tuple[Cell, ...]]) -> Grid:
    """Places cells with row/col spans on a grid: grid[r][c] is (cell, rowspan, colspan) at its
    top-left position and None where a span covers it."""
    grid: Grid = []
    occupied: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        while len(grid) <= r:
            grid.append([])
        c = 0
        for cell in row:
            while (r, c) in occupied:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    occupied.add((r + dr, c + dc))
            line = grid[r]
            while len(line) <= c:
                line.append(None)
            line[c] = (cell, cell.rowspan, cell.colspan)
            c += cell.colspan
    width = max((c + 1 for (_, c) in occupied), default=0)
    height = max((r + 1 for (r, _) in occupied), default=0)
    while len(grid) < height:
        grid.append([])
    for line in grid:
        line.extend([None] * (width - len(line)))
    return grid


# Advances (em) of Latin characters: the widest of the faces in use (Noto Serif CJK regular and
# bold, Times New Roman in the DOCX), by class.
_NARROW = set(".,:;'!|il")  # about a third of an em
_WIDE = set("%@MWmw")


def char_width(ch: str) -> float:
    """Advance of a character in em: CJK and full-width forms one; Latin by class."""
    if unicodedata.east_asian_width(ch) in "WF":
        return 1.0
    if ch in _NARROW:
        return 0.35
    if ch in _WIDE:
        return 1.0
    if ch.isupper():
        return 0.75
    return 0.6


def _tokens(text: str) -> list[tuple[str, float]]:
    """Units a line may break between: each CJK character, each run of Latin letters/digits (a
    word or a number wraps whole unless it is longer than the line), each other character. A
    character that may not start a line is glued to the unit before it, one that may not end a
    line to the unit after it."""
    out: list[tuple[str, float]] = []
    opening = ""  # opening brackets waiting for the unit they belong to
    word = ""

    def add(unit: str) -> None:
        nonlocal opening
        out.append((opening + unit, sum(map(char_width, opening + unit))))
        opening = ""

    for ch in text:
        if ch.isascii() and (ch.isalnum() or ch in ".,-/%+_:"):
            word += ch
            continue
        if word:
            add(word)
            word = ""
        if ch in NO_LINE_START and out and not opening:
            prev, w = out[-1]
            out[-1] = (prev + ch, w + char_width(ch))
        elif ch in NO_LINE_END:
            opening += ch
        elif not ch.isspace() or out:
            add(ch)
    if word or opening:
        add(word)
    return out


@lru_cache(maxsize=4096)
def _token_widths(text: str) -> tuple[float, ...]:
    return tuple(w for _, w in _tokens(text))


def lines(text: str, width: float) -> list[float]:
    return list(_lines(text, round(width, 6)))


@lru_cache(maxsize=65536)
def _lines(text: str, width: float) -> tuple[float, ...]:
    """Greedy line breaking of `text` in a column `width` em wide: the width of each line."""
    out: list[float] = []
    current = 0.0
    for w in _token_widths(text):
        if current and current + w > width + 1e-6:
            out.append(current)
            current = 0.0
        while w > width + 1e-6 and width > 0:  # longer than a line: broken anywhere (overflow-wrap)
            out.append(width)
            w -= width
        current += w
    if current > 1e-6 or not out:
        out.append(current)
    return tuple(out)


@lru_cache(maxsize=65536)
def _trouble(text: str, width: float, right: bool) -> bool:
    """Would `text` wrap badly in `width` em: a label with a lone character on its last line, a
    short label on more than three lines, or a number (right-aligned) that does not fit. Asked a little either
    side of `width`: a line that just fits by the estimate may just not fit in an engine, and the
    other way round."""
    if not text.strip():
        return False
    if right:
        return sum(map(char_width, text)) > width - SAFETY
    short = sum(map(char_width, text)) <= SHORT
    for w in (width - SAFETY, width, width + SAFETY):
        laid = lines(text, w)
        if 1 < len(laid) <= LABEL_LINES and laid[-1] < LONE:
            return True
        if short and len(laid) > 3:  # a label broken into a column of two-character lines
            return True
        if short and len(laid) >= 3 and max(laid) < RIBBON:  # three lines of two characters or fewer
            return True
    return False


class _Fitting:
    """One table's grid and cell padding; widths are in em, padding included."""

    def __init__(self, grid: Grid, padding: float) -> None:
        self.padding = padding
        # (cell, first column, span) of every cell with text, and of those covering each column.
        self.all = [(placed[0], c, placed[2]) for row in grid for c, placed in enumerate(row)
                    if placed is not None and placed[0].text.strip()]
        columns = max((len(r) for r in grid), default=0)
        self.by_column = [[(cell, c, span) for cell, c, span in self.all if c <= k < c + span]
                          for k in range(columns)]
        # The single-row cells of each row: a row is as tall as its tallest.
        self.rows = [[(placed[0], c, placed[2]) for c, placed in enumerate(row)
                      if placed is not None and placed[1] == 1 and placed[0].text.strip()] for row in grid]
        # Cells spanning rows (a project's 总体绩效目标 beside its indicators): (cell, column, span,
        # first row, rows).
        self.tall = [(placed[0], c, placed[2], r, placed[1]) for r, row in enumerate(grid)
                     for c, placed in enumerate(row)
                     if placed is not None and placed[1] > 1 and placed[0].text.strip()]

    def content(self, widths: list[float], c: int, span: int) -> float:
        """The width a cell's text has: its columns less one padding (the inner borders of a span
        give their padding to the text)."""
        return sum(widths[c:c + span]) - self.padding

    def fits(self, widths: list[float], column: int) -> bool:
        return not any(_trouble(cell.text, self.content(widths, c, span), cell.align == "right")
                       for cell, c, span in self.by_column[column])

    def height(self, widths: list[float]) -> int:
        """The table's height in lines (its rows' tallest cells): what taking room may not add to
        without need. A cell spanning rows makes them taller when its text needs more lines than
        they have together: a paragraph in a spanned cell counts as much as one in a row."""
        rows = [max((len(lines(cell.text, self.content(widths, c, span))) for cell, c, span in row), default=1)
                for row in self.rows]
        for cell, c, span, first, count in self.tall:
            short = len(lines(cell.text, self.content(widths, c, span))) - sum(rows[first:first + count])
            if short > 0:
                rows[min(first + count, len(rows)) - 1] += short
        return sum(rows)

    def troubled(self, widths: list[float]) -> dict[int, float]:
        """Columns with a cell that wraps badly → how much wider (em) the column must be for all of
        its cells to wrap well (infinite when 4 em more would not do). A spanned cell counts for
        the widest column it spans."""
        columns = {max(range(c, c + span), key=lambda k: widths[k])
                   for cell, c, span in self.all
                   if _trouble(cell.text, self.content(widths, c, span), cell.align == "right")}
        need: dict[int, float] = {}
        for column in columns:
            extra = STEP
            while extra <= 4 and not self.fits(_changed(widths, column, extra), column):
                extra += STEP
            need[column] = extra if extra <= 4 else float("inf")
        return need

    def take(self, widths: list[float], amount: float, donors: list[int],
             floor: list[float]) -> tuple[list[float], float] | None:
        """`widths` with at least `amount` em taken from the donors, and how much was taken. Room is
        taken a cut at a time from the donor whose cut adds least to the table's height per em (the
        widest on a tie), each cut the smallest that leaves the donor clean (usually one step; past
        a width where a label would wrap badly, more), none below the donor's `floor`. None when
        the donors cannot give that much."""
        widths = list(widths)
        taken = 0.0
        while taken < amount - 1e-9:
            best: tuple[float, float, int, float] | None = None
            before = self.height(widths)
            for k in donors:
                cut = STEP
                while cut <= 4 and widths[k] - cut >= max(floor[k], MIN_WIDTH + self.padding):
                    trial = _changed(widths, k, -cut)
                    if self.fits(trial, k):
                        rank = ((self.height(trial) - before) / cut, -widths[k], k, cut)
                        if best is None or rank < best:
                            best = rank
                        break
                    cut += STEP
            if best is None:
                return None
            widths[best[2]] -= best[3]
            taken += best[3]
        return widths, taken

    def give(self, widths: list[float], amount: float, columns: list[int]) -> list[float]:
        """`widths` with `amount` em more, to the widest of `columns` that stays clean with it (the
        first of them when none does)."""
        for k in sorted(columns, key=lambda k: (-widths[k], k)):
            trial = _changed(widths, k, amount)
            if self.fits(trial, k):
                return trial
        return _changed(widths, columns[0], amount)

    def narrowing(self, widths: list[float], column: int) -> float:
        """How much narrower (em) the column must be for its cells to wrap well (a long label then
        wraps 13 + 2 instead of 14 + 1); 0 when no narrowing up to 4 em helps."""
        cut = STEP
        while cut <= 4 and widths[column] - cut > MIN_WIDTH + self.padding:
            if self.fits(_changed(widths, column, -cut), column):
                return cut
            cut += STEP
        return 0.0


def spanned_rows(rows: Sequence[tuple[Cell, ...]]) -> set[int]:
    """Rows (indexes into `rows`) that a cell spanning rows joins to the next one: a record of a
    list (a project and its indicators) that no page break may cut."""
    out: set[int] = set()
    for r, line in enumerate(layout(rows)):
        for placed in line:
            if placed is not None and placed[1] > 1:
                out.update(range(r, min(r + placed[1] - 1, len(rows) - 1)))
    return out


def _changed(widths: list[float], column: int, by: float) -> list[float]:
    trial = list(widths)
    trial[column] += by
    return trial


@cache
def fit_widths(table: Table, available_pt: float) -> list[float]:
    """Column widths in points, filling `available_pt`: the profile's proportions, adjusted so that
    no cell wraps a lone character or cuts a number (as far as the width allows).

    A troubled column (smallest need first) is widened with room taken from the others where it
    makes the table least taller; when they cannot give enough, it is narrowed instead until its
    text wraps well, and its room goes to the widest other column. Cached: both writers ask for
    the same table."""
    grid = layout([*table.header, *table.body])
    columns = max((len(r) for r in grid), default=0)
    if columns == 0:
        return []
    weights = list(table.widths) if len(table.widths) == columns else [1.0] * columns
    total = sum(weights) or 1.0
    em = table.font_size
    fitting = _Fitting(grid, 2 * PADDING_EM)
    widths = [available_pt / em * w / total for w in weights]
    # No column gives up more than half of the profile's width for it: a crowded table keeps its
    # shape (a paragraph column does not become a ribbon) at the price of a label wrapping badly.
    floor = [w * (1 - MAX_GIVEN) for w in widths]
    for _ in range(2 * columns):
        need = fitting.troubled(widths)
        if not need:
            break
        moved = False
        for column in sorted(need, key=lambda k: (need[k], k)):
            donors = [k for k in range(columns) if k not in need]
            found = fitting.take(widths, need[column], donors, floor) if need[column] != float("inf") else None
            if found is not None:
                widths, taken = found
                widths = _changed(widths, column, need[column])
                if taken > need[column] + 1e-9:  # a donor gave more than needed: it goes where it fits
                    widths = fitting.give(widths, taken - need[column], [column, *donors])
                moved = True
                continue
            cut = fitting.narrowing(widths, column)
            if cut and donors:
                widths = fitting.give(_changed(widths, column, -cut), cut, donors)
                moved = True
        if not moved:
            break
    return [w * em for w in widths]
