"""The demo guides' figures, drawn anew by us from what each seed says (no data the seed does not give).

Drawn with Pillow and its bundled font, so every machine draws the same PNG without system fonts.
"""

import io

from PIL import Image, ImageDraw, ImageFont

INK = (33, 37, 41)
UN_BLUE = (0, 158, 219)
PALE = (230, 244, 251)
GREY = (108, 117, 125)


def _font(size):
    return ImageFont.load_default(size=size)


def _box(draw, xy, lines, *, fill=PALE, outline=UN_BLUE, title_size=30, size=22):
    draw.rounded_rectangle(xy, radius=18, fill=fill, outline=outline, width=4)
    x0, y0, x1, y1 = xy
    centre = (x0 + x1) / 2
    y = y0 + 26
    for index, line in enumerate(lines):
        font = _font(title_size if index == 0 else size)
        draw.text((centre, y), line, font=font, fill=INK, anchor="ma")
        y += (title_size if index == 0 else size) + 14


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def action_means_purpose():
    """CCPCJ's Figure 1: one element of each column makes a case (the seed names the purpose, not the lists)."""
    image = Image.new("RGB", (1400, 450), "white")
    draw = ImageDraw.Draw(image)
    columns = [
        ["Action", "what the trafficker does", "to the victim"],
        ["Means", "how the victim", "is made to comply"],
        ["Purpose", "commercial sex acts", "or labour"],
    ]
    for index, lines in enumerate(columns):
        x = 40 + index * 360
        _box(draw, (x, 60, x + 300, 240), lines)
        draw.text((x + 330, 150), "+" if index < 2 else "=", font=_font(48), fill=UN_BLUE, anchor="mm")
    _box(draw, (1120, 60, 1360, 240), ["Human", "trafficking"], fill=UN_BLUE, outline=UN_BLUE, title_size=34, size=34)
    draw.text((700, 300), "At least one element from each column must be present.", font=_font(26), fill=INK,
              anchor="ma")
    draw.text((700, 345), "Exception: for a minor under 18 in commercial sex, no Means is needed.", font=_font(26),
              fill=INK, anchor="ma")
    draw.text((700, 405), "Redrawn for mlmun from the guide's description of the model.", font=_font(20), fill=GREY,
              anchor="ma")
    return image


def approach_methods():
    """SPECON's figure: how traffickers most often approach their victims, as the seed's introduction lists them."""
    image = Image.new("RGB", (1400, 390), "white")
    draw = ImageDraw.Draw(image)
    draw.text((700, 30), "How traffickers approach their victims", font=_font(34), fill=INK, anchor="ma")
    labels = [["The", "pretender"], ["The", "promiser"], ["The", "provider"], ["The", "protector"],
              ["A deal with", "the family", "41% of recruitment"]]
    for index, lines in enumerate(labels):
        x = 30 + index * 274
        _box(draw, (x, 110, x + 244, 290), lines, title_size=26, size=26)
    draw.text((700, 340), "Redrawn for mlmun from the guide's text.", font=_font(20), fill=GREY, anchor="ma")
    return image


def chart_not_reproduced():
    """GA3's chart: the seed describes it but gives no values, so we draw no bars and say so."""
    image = Image.new("RGB", (1400, 480), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 1380, 460), outline=GREY, width=3)
    lines = [
        ("Chart not reproduced", 36, INK),
        ("The original guide charts the forms of exploitation of registered victims,", 26, INK),
        ("2008–2022: sexual exploitation; forced labour or services; organ removal and other purposes.", 26, INK),
        ("Its values are not in the text we have, so no bars are drawn here.", 26, INK),
        ("Placeholder drawn by mlmun.", 20, GREY),
    ]
    y = 70
    for text, size, colour in lines:
        draw.text((700, y), text, font=_font(size), fill=colour, anchor="ma")
        y += size + 46
    return image


DRAWINGS = {
    "ccpcj-action-means-purpose": action_means_purpose,
    "specon-approach-methods": approach_methods,
    "ga3-forms-of-exploitation": chart_not_reproduced,
}


def draw(name):
    return _png(DRAWINGS[name]())
