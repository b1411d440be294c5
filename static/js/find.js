// Find in this guide: as you type, every match in the article (parts, terms, parties, timeline, questions, notes)
// is highlighted without touching the page's text (CSS Custom Highlight API), with ↑ ↓ (or Enter) to go
// through them. The form's button searches all guides of the conference instead.
(function () {
  const form = document.querySelector("form.find");
  const article = document.querySelector("article.guide");
  if (!form || !article) return;
  const input = form.querySelector("#find-q");
  const count = form.querySelector("#find-count");
  const prev = form.querySelector(".find-prev");
  const next = form.querySelector(".find-next");
  const supported = typeof CSS !== "undefined" && CSS.highlights && typeof Highlight !== "undefined";
  let ranges = [];
  let current = -1;
  let timer = null;

  function textNodes() {
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.parentElement.closest("script, style, .hl-toolbar, dialog") ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT),
    });
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  }

  function show() {
    if (supported) {
      CSS.highlights.set("find", new Highlight(...ranges));
      if (current >= 0) CSS.highlights.set("find-current", new Highlight(ranges[current]));
      else CSS.highlights.delete("find-current");
    }
    count.textContent = !input.value.trim() ? "" : ranges.length ? `${current + 1} of ${ranges.length}` : "No match";
    prev.disabled = next.disabled = ranges.length < 2;
  }

  function go(index) {
    if (!ranges.length) return;
    current = (index + ranges.length) % ranges.length;
    const element = ranges[current].startContainer.parentElement;
    const closed = element.closest("details:not([open])");
    if (closed) closed.open = true;
    element.scrollIntoView({ block: "center" });
    show();
  }

  function find() {
    const query = input.value.trim().toLocaleLowerCase();
    ranges = [];
    current = -1;
    if (query.length >= 2) {
      for (const node of textNodes()) {
        const text = node.data.toLocaleLowerCase();
        let at = text.indexOf(query);
        while (at >= 0) {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + query.length);
          ranges.push(range);
          at = text.indexOf(query, at + query.length);
        }
      }
    }
    if (ranges.length) go(0);
    else show();
  }

  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(find, 120); });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") { event.preventDefault(); if (current < 0) find(); else go(current + (event.shiftKey ? -1 : 1)); }
    if (event.key === "Escape") { input.value = ""; find(); }
  });
  prev.addEventListener("click", () => go(current - 1));
  next.addEventListener("click", () => go(current + 1));
})();
