"""Reads our PDFs back with pypdf: page texts, outline, footnote calls and footnote bodies by font size."""

import io
import re

from pypdf import PdfReader

# Sizes as pypdf reports them (CSS px): footnote calls are 7pt, footnote bodies 8pt (see print-guide.css).
CALL_SIZE = 9.33
NOTE_SIZE = 10.67


class ReadPdf:
    def __init__(self, data):
        self.reader = PdfReader(io.BytesIO(data))
        self.pages = [page.extract_text() for page in self.reader.pages]

    def structure(self):
        """[(tag, alt text or None)] of the structure tree in reading order (an untagged PDF has none)."""
        root = self.reader.trailer["/Root"]
        if "/StructTreeRoot" not in root:
            return []
        found = []

        def walk(node):
            node = node.get_object() if hasattr(node, "get_object") else node
            if isinstance(node, list):
                for child in node:
                    walk(child)
            elif isinstance(node, dict):
                if "/S" in node:
                    found.append((str(node["/S"])[1:], str(node["/Alt"]) if "/Alt" in node else None))
                if "/K" in node:
                    walk(node["/K"])

        walk(root["/StructTreeRoot"])
        return found

    def outline(self):
        """[(title, page number from 1)] in order, flattened."""
        flat = []

        def walk(items):
            for item in items:
                if isinstance(item, list):
                    walk(item)
                else:
                    flat.append((item.title, self.reader.get_destination_page_number(item) + 1))

        walk(self.reader.outline)
        return flat

    def footnotes(self):
        """(calls, notes): [(page, number)] of footnote calls in the text and footnote bodies at the foot."""
        calls, notes = [], []
        for index, page in enumerate(self.reader.pages, start=1):
            def visit(text, cm, tm, font, size, index=index):
                text = text.strip()
                if abs(size - CALL_SIZE) < 0.05 and re.fullmatch(r"[\d,]+", text):
                    calls.extend((index, int(number)) for number in text.split(",") if number)
                elif abs(size - NOTE_SIZE) < 0.05 and (match := re.match(r"^(\d+)\.(?:\s|$)", text)):
                    notes.append((index, int(match.group(1))))

            page.extract_text(visitor_text=visit)
        return calls, notes

    def toc_numbers(self, page_number, titles):
        """{title: page number printed after it} read from the contents page."""
        text = self.pages[page_number - 1]
        found = {}
        flat = re.sub(r"\s+", " ", text)
        for title in titles:
            match = re.search(re.escape(title) + r"[ .]*?(\d+)(?: |$)", flat)
            found[title] = int(match.group(1)) if match else None
        return found


def missing_glyphs(data):
    """[(font, glyph id, page)] of every glyph a PDF shows that its embedded font does not have: glyph 0
    (.notdef) or a glyph beyond the font's last, which is how WeasyPrint writes a character no installed font
    covers (a viewer prints an empty box). Reads the text operators of every page."""
    import io as _io

    from fontTools.ttLib import TTFont
    from pypdf.generic import ContentStream

    reader = PdfReader(_io.BytesIO(data))
    counts, missing = {}, []
    for number, page in enumerate(reader.pages, start=1):
        fonts = page["/Resources"].get("/Font", {})
        font = size = None
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                font = fonts[operands[0]].get_object()
                name = str(font["/BaseFont"])
                if name not in counts:
                    descendant = font["/DescendantFonts"][0].get_object()
                    descriptor = descendant["/FontDescriptor"].get_object()
                    file = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
                    counts[name] = TTFont(_io.BytesIO(file.get_object().get_data()))["maxp"].numGlyphs
                size = counts[name]
            elif operator in (b"Tj", b"TJ"):
                for part in operands[0] if operator == b"TJ" else [operands[0]]:
                    if isinstance(part, (int, float)) or not hasattr(part, "original_bytes"):
                        continue
                    raw = part.original_bytes
                    for index in range(0, len(raw) - 1, 2):
                        glyph = int.from_bytes(raw[index:index + 2], "big")
                        if glyph == 0 or glyph >= size:
                            missing.append((str(font["/BaseFont"]).split("+")[-1], glyph, number))
    return missing
