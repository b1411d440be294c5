// Highlights, notes and bookmarks in the reader (signed-in readers only).
// Offsets sent to and received from the server count Unicode code points in a section's textContent;
// JavaScript strings count UTF-16 units, so every offset is converted at the boundary.
(function () {
  "use strict";
  var article = document.querySelector("article.guide[data-notes-api]");
  if (!article) return;
  var api = article.dataset.notesApi;
  var bookmarksApi = article.dataset.bookmarksApi;
  var csrf = document.querySelector("[name=csrfmiddlewaretoken]").value;
  var toolbar = document.querySelector(".hl-toolbar");
  var message = toolbar.querySelector(".hl-message");
  var createButton = toolbar.querySelector(".hl-create");
  var dialog = document.querySelector(".hl-dialog");
  var annotations = {};
  var pending = null; // {section, start, end, exact} of the current selection
  var editing = null; // annotation being edited
  var draft = null; // the selection a new highlight is being written for (focus in the dialog clears the selection)

  function codePoints(text) { return Array.from(text).length; }
  function utf16Offset(text, points) {
    var offset = 0, seen = 0;
    while (seen < points && offset < text.length) {
      var code = text.charCodeAt(offset);
      offset += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
      seen += 1;
    }
    return offset;
  }

  function request(method, url, body) {
    return fetch(url, {
      method: method, credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: body ? JSON.stringify(body) : undefined,
    }).then(function (response) {
      if (response.status === 204) return null;
      return response.json().then(function (data) {
        if (!response.ok) throw new Error(data.error || "Something went wrong; please try again.");
        return data;
      });
    });
  }

  function proseOf(node) {
    var element = node && (node.nodeType === 1 ? node : node.parentElement);
    return element ? element.closest(".prose[data-section]") : null;
  }

  // Wraps [start, end) (UTF-16 offsets into root's textContent) in <mark> elements.
  function paint(root, start, end, annotation) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var position = 0, node, pieces = [];
    while ((node = walker.nextNode())) {
      var length = node.data.length;
      var from = Math.max(start, position), to = Math.min(end, position + length);
      if (from < to) pieces.push([node, from - position, to - position]);
      position += length;
      if (position >= end) break;
    }
    pieces.forEach(function (piece, index) {
      var range = document.createRange();
      range.setStart(piece[0], piece[1]);
      range.setEnd(piece[0], piece[2]);
      var mark = document.createElement("mark");
      mark.className = "hl" + (annotation.status === "changed" ? " hl-changed" : "") + (annotation.label ? " hl-" + annotation.label : "");
      mark.dataset.annotation = annotation.id;
      if (index === 0) { mark.id = "note-" + annotation.id; mark.tabIndex = 0; }
      mark.title = annotation.status === "changed"
        ? "The chairs changed this passage. You highlighted: “" + annotation.quote + "”"
        : (annotation.note || "Highlight");
      range.surroundContents(mark);
    });
  }

  function unpaint(id) {
    document.querySelectorAll('mark.hl[data-annotation="' + id + '"]').forEach(function (mark) {
      var parent = mark.parentNode;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
      parent.normalize();
    });
  }

  function show(annotation) {
    annotations[annotation.id] = annotation;
    if (annotation.status === "orphaned" || annotation.section === null) return;
    var root = article.querySelector('.prose[data-section="' + annotation.section + '"]');
    if (!root) return;
    var text = root.textContent;
    var start = utf16Offset(text, annotation.start), end = utf16Offset(text, annotation.end);
    paint(root, start, end, annotation);
  }

  function selectionChanged() {
    if (dialog.open) return;
    var selection = window.getSelection();
    pending = null;
    if (!selection.rangeCount || selection.isCollapsed) { toolbar.hidden = true; return; }
    var range = selection.getRangeAt(0);
    var startRoot = proseOf(range.startContainer), endRoot = proseOf(range.endContainer);
    if (!startRoot && !endRoot) { toolbar.hidden = true; return; }
    toolbar.hidden = false;
    if (startRoot !== endRoot || !startRoot) {
      message.textContent = "Select text within one section to highlight it.";
      createButton.hidden = true;
      return;
    }
    var before = document.createRange();
    before.selectNodeContents(startRoot);
    before.setEnd(range.startContainer, range.startOffset);
    var exact = range.toString();
    if (!exact.trim()) { toolbar.hidden = true; return; }
    var start = codePoints(before.toString());
    pending = { section: Number(startRoot.dataset.section), start: start, end: start + codePoints(exact), exact: exact };
    message.textContent = "";
    createButton.hidden = false;
  }

  function openDialog(annotation, quote) {
    editing = annotation;
    draft = annotation ? null : pending;
    dialog.querySelector(".hl-quote").textContent = annotation ? annotation.current_text || annotation.quote : quote;
    var changed = dialog.querySelector(".hl-changed-note");
    changed.hidden = !(annotation && annotation.status === "changed");
    if (!changed.hidden) {
      changed.textContent = "The chairs changed this passage. You highlighted: “" + annotation.quote + "” ";
      if (annotation.changes_url) {
        var link = document.createElement("a");
        link.href = annotation.changes_url;
        link.className = "hl-changes-link";
        link.textContent = "See what changed";
        changed.appendChild(link);
      }
    }
    dialog.querySelector("#hl-note").value = annotation ? annotation.note : "";
    dialog.querySelector("#hl-label").value = annotation ? annotation.label : "";
    dialog.querySelector(".hl-delete").hidden = !annotation;
    dialog.querySelector(".hl-error").textContent = "";
    dialog.showModal();
    dialog.querySelector("#hl-note").focus();
  }

  dialog.addEventListener("close", function () {
    var action = dialog.returnValue;
    var note = dialog.querySelector("#hl-note").value, label = dialog.querySelector("#hl-label").value;
    var done;
    if (action === "save" && editing) {
      var id = editing.id;
      done = request("PATCH", "/api/annotations/" + id + "/", { note: note, label: label }).then(function (data) {
        unpaint(id); show(data);
      });
    } else if (action === "save" && draft) {
      var body = Object.assign({}, draft, { note: note, label: label });
      done = request("POST", api, body).then(function (data) {
        window.getSelection().removeAllRanges();
        toolbar.hidden = true;
        show(data);
      });
    } else if (action === "delete" && editing) {
      var gone = editing.id;
      done = request("DELETE", "/api/annotations/" + gone + "/").then(function () { unpaint(gone); delete annotations[gone]; });
    }
    if (done) done.catch(function (error) {
      toolbar.hidden = false;
      message.textContent = error.message;
    });
  });

  createButton.addEventListener("mousedown", function (event) { event.preventDefault(); }); // keep the selection
  createButton.addEventListener("click", function () { if (pending) openDialog(null, pending.exact); });
  document.addEventListener("selectionchange", selectionChanged);
  article.addEventListener("click", function (event) {
    var mark = event.target.closest("mark.hl");
    if (mark && window.getSelection().isCollapsed) openDialog(annotations[mark.dataset.annotation]);
  });
  article.addEventListener("keydown", function (event) {
    var mark = event.target.closest && event.target.closest("mark.hl");
    if (mark && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); openDialog(annotations[mark.dataset.annotation]); }
  });

  // Bookmarks: a toggle next to the title, each section heading, each key term and each major party.
  var bookmarks = {};
  function bookmarkButton(target, targetId, place, name) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "bookmark";
    function render() {
      var on = bookmarks[target + ":" + targetId];
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? "★" : "☆";
      button.setAttribute("aria-label", (on ? "Remove bookmark: " : "Bookmark: ") + name);
    }
    button.addEventListener("click", function () {
      var key = target + ":" + targetId;
      var call = bookmarks[key]
        ? request("DELETE", "/api/bookmarks/" + bookmarks[key] + "/").then(function () { delete bookmarks[key]; })
        : request("POST", bookmarksApi, { target: target, target_id: targetId }).then(function (data) { bookmarks[key] = data.id; });
      call.then(render).catch(function (error) { toolbar.hidden = false; message.textContent = error.message; });
    });
    render();
    // Beside the heading, not inside it, so the heading's text stays the heading's.
    var row = document.createElement("div");
    row.className = "heading-row";
    place.parentNode.insertBefore(row, place);
    row.appendChild(place);
    row.appendChild(button);
  }

  request("GET", api).then(function (data) {
    var select = dialog.querySelector("#hl-label");
    data.labels.forEach(function (pair) {
      var option = document.createElement("option");
      option.value = pair[0]; option.textContent = pair[1];
      select.appendChild(option);
    });
    data.bookmarks.forEach(function (b) { bookmarks[b.target + ":" + b.target_id] = b.id; });
    data.annotations.forEach(show);
    bookmarkButton("guide", Number(article.dataset.guide), article.querySelector("h1"), "this guide");
    article.querySelectorAll("section.guide-section").forEach(function (section) {
      var heading = section.querySelector("h2");
      bookmarkButton("section", Number(section.id.replace("section-", "")), heading, heading.textContent);
    });
    article.querySelectorAll(".glossary dt").forEach(function (dt) {
      bookmarkButton("key_term", Number(dt.id.replace("term-", "")), dt, dt.textContent);
    });
    article.querySelectorAll(".card[id^='party-'] h4").forEach(function (h4) {
      bookmarkButton("stakeholder", Number(h4.parentElement.id.replace("party-", "")), h4, h4.textContent);
    });
    var wanted = new URLSearchParams(location.search).get("note");
    var mark = wanted && document.getElementById("note-" + wanted);
    if (mark) { mark.scrollIntoView({ block: "center" }); mark.focus(); }
  });
})();
