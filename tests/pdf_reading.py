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
