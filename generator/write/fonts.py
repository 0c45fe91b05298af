"""The PDF's CJK fonts, reduced once at set-up to the common Chinese character set.

Noto CJK holds 65,000 glyphs for four languages; every PDF pays for subsetting that whole font
again. `make` reduces each face the document uses to GB2312 (7,500 characters: every character of
a typical disclosure) plus ASCII and punctuation, once. The stylesheet names the reduced face
first and the full one after it, so a rarer character (珺, 堃, 喆, 㙟…) still comes from the full font:
nothing is lost, only time.

    python -m generator.write.fonts      # what `make` runs; skips faces already reduced
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

# (family in the stylesheet, weight, the face fontconfig knows) — the faces document.css uses.
FACES = (
    ("Noto Serif CJK SC", "normal", "Noto Serif CJK SC:weight=regular"),
    ("Noto Serif CJK SC", "bold", "Noto Serif CJK SC:weight=bold"),
    ("Noto Sans CJK SC", "normal", "Noto Sans CJK SC:weight=regular"),
    ("Noto Sans CJK SC", "bold", "Noto Sans CJK SC:weight=bold"),
    ("AR PL UKai CN", "normal", "AR PL UKai CN"),  # 楷体's stand-in: 二级标题
)
SUFFIX = " GB2312"  # the reduced face's family: "Noto Serif CJK SC GB2312"
PUNCTUATION = "—–…‘’“”·•●○■□▲△※→←↑↓√×÷±≤≥≠∶、。，．；：？！（）【】《》〈〉「」『』〔〕％‰℃＋－＝／＼～｜＃＆＊＠＄￥¥"


def font_dir() -> Path:
    """Where the reduced faces live: beside the environment gongkai runs in (the .venv `make` builds)."""
    return Path(os.environ.get("GONGKAI_FONT_DIR") or Path(sys.prefix) / "share" / "gongkai" / "fonts")


def _file_name(family: str, weight: str) -> str:
    return f"{family.replace(' ', '')}-{weight}-GB2312.otf"  # the suffix is only a name: UKai is TrueType


def common_characters() -> list[int]:
    chars = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes([high, low]).decode("gb2312"))
    chars |= {chr(c) for c in range(0x20, 0x7F)} | set(PUNCTUATION)
    return sorted(ord(c) for c in chars)


def font_faces_css() -> str:
    """@font-face rules for the reduced faces that exist, and the stylesheet change that puts each
    before its full font. Empty when `make` has not reduced them: the full fonts then do it all."""
    rules = []
    for family, weight, _ in FACES:
        path = font_dir() / _file_name(family, weight)
        if path.is_file():
            rules.append(f'@font-face {{ font-family: "{family}{SUFFIX}"; font-weight: {weight}; '
                         f'src: url("{path.as_uri()}"); }}')
    return "\n".join(rules)


def with_reduced_fonts(css: str) -> str:
    faces = font_faces_css()
    if not faces:
        return css
    for family in sorted({f for f, _, _ in FACES}):
        css = css.replace(f'"{family}"', f'"{family}{SUFFIX}", "{family}"')
    return faces + "\n" + css


def _reduce(pattern: str, target: Path) -> str:
    from fontTools import subset

    found = subprocess.run(["fc-match", "-f", "%{file}|%{index}", pattern], capture_output=True, text=True,
                           check=True).stdout
    source, index = found.split("|")
    options = subset.Options()
    options.font_number = int(index or 0)
    options.layout_features = ["*"]  # vertical forms, proportional digits…: keep every feature
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False  # CFF hints are not used at print resolution; they only add bytes
    font = subset.load_font(source, options)
    font.recalcTimestamp = False  # same source, same bytes
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=common_characters())
    subsetter.subset(font)
    partial = target.with_suffix(".partial")
    subset.save_font(font, str(partial), options)
    partial.replace(target)
    return f"{target.name} ← {Path(source).name}#{index}"


def main() -> int:
    target = font_dir()
    target.mkdir(parents=True, exist_ok=True)
    todo = [(pattern, target / _file_name(family, weight)) for family, weight, pattern in FACES
            if not (target / _file_name(family, weight)).is_file()]
    if not todo:
        return 0
    print(f"精简 PDF 字体到 GB2312 字符集（仅首次，约 1 分钟）/ reducing CJK fonts once: {target}")
    with ProcessPoolExecutor(max_workers=min(len(todo), os.cpu_count() or 1)) as pool:
        for line in pool.map(_reduce, *zip(*todo, strict=True)):
            print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
