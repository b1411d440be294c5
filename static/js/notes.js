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
  var others = {}; // partners' shared notes and the dais's public answers, read-only here
  var viewer = document.querySelector(".hl-view");
  var visibility = dialog.querySelector("#hl-visibility");
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
    }).catch(function () {
      var offline = new Error("You are offline: your note is kept on this device and saved when you are back online.");
      offline.offline = true;
      throw offline;
    }).then(function (response) {
      if (response.status === 204) return null;
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1) {
        // A login page or an error page instead of our JSON: the session ended (another tab logged out).
        var lost = new Error(response.status === 404
          ? "This note no longer exists (it was deleted elsewhere)."
          : "Your session has ended: log in again in another tab, then press Save here. Your note is kept.");
        lost.gone = response.status === 404;
        throw lost;
      }
      return response.json().then(function (data) {
        if (!response.ok) {
          var error = new Error(data.error || "Something went wrong; please try again.");
          error.gone = response.status === 404;
          throw error;
        }
        return data;
      });
    });
  }

  // Notes that could not be saved yet (offline, session ended) are kept on this device and retried.
  var storeKey = "mlmun-unsaved-notes:" + api;
  function unsaved() {
    try { return JSON.parse(localStorage.getItem(storeKey) || "[]"); } catch (error) { return []; }
  }
  function keepUnsaved(list) {
    try { localStorage.setItem(storeKey, JSON.stringify(list)); } catch (error) { /* storage full or off */ }
    var status = document.querySelector(".hl-unsaved");
    if (status) {
      status.hidden = list.length === 0;
      status.textContent = list.length === 1 ? "1 note not yet saved: it is kept on this device and saved when you are back online."
        : list.length + " notes not yet saved: they are kept on this device and saved when you are back online.";
    }
  }
  function remember(operation) {
    var list = unsaved().filter(function (item) { return item.key !== operation.key; });
    list.push(operation);
    keepUnsaved(list);
  }
  function forget(key) { keepUnsaved(unsaved().filter(function (item) { return item.key !== key; })); }
  function retryUnsaved() {
    unsaved().forEach(function (item) {
      request(item.method, item.url, item.body).then(function (data) {
        forget(item.key);
        if (item.method === "PATCH") unpaint(data.id);
        if (data) show(data);
        // The dialog that could not save this note closes now that it is saved.
        var error = dialog.querySelector(".hl-error");
        if (dialog.open && error.textContent.indexOf("You are offline") === 0) {
          error.textContent = "";
          window.getSelection().removeAllRanges();
          toolbar.hidden = true;
          dialog.close("saved");
        }
      }).catch(function (error) { if (error.gone) forget(item.key); });
    });
  }
  window.addEventListener("online", retryUnsaved);

  function proseOf(node) {
    var element = node && (node.nodeType === 1 ? node : node.parentElement);
    return element ? element.closest("[data-section]") : null;  // a section, or a term, party, event, question or caption
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
      if (annotation.kind) {  // someone else's: a partner's shared note, or a question the dais answered publicly
        mark.className = "hl hl-" + annotation.kind;
        mark.dataset.other = annotation.id;
        if (index === 0) { mark.id = "note-" + annotation.id; mark.tabIndex = 0; }
        mark.title = annotation.kind === "answer" ? "Answer from the dais" : "Shared by " + annotation.author;
        range.surroundContents(mark);
        return;
      }
      mark.className = "hl" + (annotation.status === "changed" ? " hl-changed" : "") + (annotation.label ? " hl-" + annotation.label : "")
        + (annotation.visibility !== "private" ? " hl-" + annotation.visibility : "");
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
    if (annotation.kind) others[annotation.id] = annotation;
    else annotations[annotation.id] = annotation;
    if (annotation.status === "orphaned" || annotation.section === null) return;
    var root = article.querySelector('[data-section="' + annotation.section + '"]');
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
      message.textContent = "Select text within one part (a section, a term, a party, an event or a question) to highlight it.";
      createButton.hidden = true;
      return;
    }
    var before = document.createRange();
    before.selectNodeContents(startRoot);
    before.setEnd(range.startContainer, range.startOffset);
    var exact = range.toString();
    if (!exact.trim()) { toolbar.hidden = true; return; }
    var start = codePoints(before.toString());
    var key = startRoot.dataset.section;
    pending = { section: /^\d+$/.test(key) ? Number(key) : key, start: start, end: start + codePoints(exact), exact: exact };
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
    var kept = unsaved().filter(function (item) {
      return item.body && (annotation ? item.key === "edit:" + annotation.id
        : pending && item.key === "new:" + pending.section + ":" + pending.start + ":" + pending.end);
    })[0];
    dialog.querySelector("#hl-note").value = kept ? kept.body.note : annotation ? annotation.note : "";
    count();
    dialog.querySelector("#hl-label").value = annotation ? annotation.label : "";
    visibility.value = annotation ? annotation.visibility : "private";
    var answer = dialog.querySelector(".hl-answer");
    answer.hidden = !(annotation && annotation.answer);
    if (!answer.hidden) {
      answer.querySelector(".hl-answer-text").textContent = annotation.answer;
      answer.querySelector(".hl-answer-where").textContent = annotation.answer_public
        ? "The dais answered publicly: every delegate of the committee sees it here." : "The dais answered you privately.";
    }
    dialog.querySelector(".hl-delete").hidden = !annotation;
    dialog.querySelector(".hl-error").textContent = "";
    dialog.showModal();
    dialog.querySelector("#hl-note").focus();
  }

  var noteField = dialog.querySelector("#hl-note");
  var counter = dialog.querySelector(".hl-count");
  var NOTE_LIMIT = 10000;
  function count() {
    var used = codePoints(noteField.value);
    counter.textContent = used.toLocaleString() + " / " + NOTE_LIMIT.toLocaleString() + " characters";
    counter.classList.toggle("over", used > NOTE_LIMIT);
  }
  noteField.addEventListener("input", count);

  // The dialog stays open until the server has the note: a failed save keeps the text and says why inside.
  dialog.querySelector("form").addEventListener("submit", function (event) {
    var action = event.submitter ? event.submitter.value : "save";
    if (action === "cancel") return; // closes the dialog
    event.preventDefault();
    var note = noteField.value, label = dialog.querySelector("#hl-label").value;
    var error = dialog.querySelector(".hl-error");
    error.textContent = "";
    var operation;
    if (action === "save" && editing) {
      operation = { method: "PATCH", url: "/api/annotations/" + editing.id + "/",
                    body: { note: note, label: label, visibility: visibility.value },
                    key: "edit:" + editing.id };
    } else if (action === "save" && draft) {
      operation = { method: "POST", url: api,
                    body: Object.assign({}, draft, { note: note, label: label, visibility: visibility.value }),
                    key: "new:" + draft.section + ":" + draft.start + ":" + draft.end };
    } else if (action === "delete" && editing) {
      if (!window.confirm("Delete this highlight and its note?")) return;
      operation = { method: "DELETE", url: "/api/annotations/" + editing.id + "/", key: "delete:" + editing.id };
    } else {
      dialog.close();
      return;
    }
    var target = editing;
    request(operation.method, operation.url, operation.body).then(function (data) {
      forget(operation.key);
      if (operation.method === "DELETE") { unpaint(target.id); delete annotations[target.id]; }
      else {
        if (target) unpaint(target.id);
        window.getSelection().removeAllRanges();
        toolbar.hidden = true;
        show(data);
      }
      dialog.close("saved");
    }).catch(function (failure) {
      if (failure.gone && target) {
        unpaint(target.id); delete annotations[target.id]; forget(operation.key);
        error.textContent = failure.message;
        return;
      }
      if (failure.offline && operation.method !== "DELETE") remember(operation);
      error.textContent = failure.message;
    });
  });

  createButton.addEventListener("mousedown", function (event) { event.preventDefault(); }); // keep the selection
  createButton.addEventListener("click", function () { if (pending) openDialog(null, pending.exact); });
  document.addEventListener("selectionchange", selectionChanged);
  // From the keyboard: select text (Shift + arrows, or caret browsing with F7), then Alt+H.
  document.addEventListener("keydown", function (event) {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.code !== "KeyH") return;
    event.preventDefault();
    selectionChanged();
    if (pending) openDialog(null, pending.exact);
    else { toolbar.hidden = false; createButton.hidden = true; message.textContent = "Select text in the guide first, then press Alt+H."; }
  });
  function openView(other) {
    viewer.querySelector("#hl-view-title").textContent = other.kind === "answer" ? "Answer from the dais" : "Shared note";
    viewer.querySelector(".hl-view-author").textContent = other.kind === "answer"
      ? "A delegate asked:" : other.author + " (your delegation) wrote:";
    viewer.querySelector(".hl-view-quote").textContent = other.current_text || other.quote;
    viewer.querySelector(".hl-view-note").textContent = other.note || "(a highlight without a note)";
    var answer = viewer.querySelector(".hl-view-answer");
    answer.hidden = other.kind !== "answer";
    answer.querySelector("p").textContent = other.answer || "";
    viewer.showModal();
  }
  function openMark(mark) {
    if (mark.dataset.other) openView(others[mark.dataset.other]);
    else openDialog(annotations[mark.dataset.annotation]);
  }
  article.addEventListener("click", function (event) {
    var mark = event.target.closest("mark.hl");
    if (mark && window.getSelection().isCollapsed) openMark(mark);
  });
  article.addEventListener("keydown", function (event) {
    var mark = event.target.closest && event.target.closest("mark.hl");
    if (mark && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); openMark(mark); }
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
    // In a glossary the button goes inside the term (a <dl> holds only terms and definitions).
    if (place.tagName === "DT") { place.classList.add("heading-row"); place.appendChild(button); return; }
    // Beside the heading, not inside it, so the heading's text stays the heading's.
    var row = document.createElement("div");
    row.className = "heading-row";
    place.parentNode.insertBefore(row, place);
    row.appendChild(place);
    row.appendChild(button);
  }

  keepUnsaved(unsaved());
  if (navigator.onLine) retryUnsaved();

  request("GET", api).then(function (data) {
    var select = dialog.querySelector("#hl-label");
    data.labels.forEach(function (pair) {
      var option = document.createElement("option");
      option.value = pair[0]; option.textContent = pair[1];
      select.appendChild(option);
    });
    data.bookmarks.forEach(function (b) { bookmarks[b.target + ":" + b.target_id] = b.id; });
    data.annotations.forEach(show);
    (data.others || []).forEach(show);
    dialog.querySelector(".hl-share").hidden = !data.can_share;
    bookmarkButton("guide", Number(article.dataset.guide), article.querySelector("h1"), "this guide");
    article.querySelectorAll("section.guide-section").forEach(function (section) {
      var heading = section.querySelector("h2");
      bookmarkButton("section", Number(section.id.replace("section-", "")), heading, heading.textContent);
    });
    article.querySelectorAll(".glossary dt").forEach(function (dt) {
      bookmarkButton("key_term", Number(dt.id.replace("term-", "")), dt, dt.textContent);
    });
    article.querySelectorAll(".card[id^='party-'] .party-name").forEach(function (h4) {
      bookmarkButton("stakeholder", Number(h4.parentElement.id.replace("party-", "")), h4, h4.textContent);
    });
    var wanted = new URLSearchParams(location.search).get("note");
    var mark = wanted && document.getElementById("note-" + wanted);
    if (mark) { mark.scrollIntoView({ block: "center" }); mark.focus(); }
  });
})();
