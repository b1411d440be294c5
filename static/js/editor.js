// The guide editor: outline (drag or ↑ ↓ to reorder, add, delete), one part at a time with autosave, a live
// preview rendered by the server's pipeline, and source keys offered after "[@". Plain JS, no build step.
(function () {
  "use strict";
  const root = document.getElementById("guide-editor");
  if (!root) return;
  const data = JSON.parse(document.getElementById("editor-data").textContent);
  const csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  const $ = (id) => document.getElementById(id);
  const state = $("editor-state");
  const form = $("part-form");
  const fields = { heading: $("part-heading"), kind: $("part-kind"), arrangement: $("part-arrangement"), body: $("part-body") };
  const kindLabels = Object.fromEntries(data.kinds);
  const AUTOSAVE_MS = 1200;
  const PREVIEW_MS = 350;
  let parts = data.parts;
  let current = null; // the part being edited: {pk, original: {...}}
  let saveTimer = null;
  let previewTimer = null;
  let saving = false;
  let dirty = false;

  function options(select, choices) {
    select.innerHTML = "";
    for (const [value, label] of choices) select.add(new Option(label, value));
  }
  options(fields.kind, data.kinds);
  options($("add-kind"), data.kinds);
  options(fields.arrangement, data.arrangements);

  function setState(text, kind) {
    state.textContent = text;
    state.className = "editor-state" + (kind ? " " + kind : "");
  }

  async function post(url, body) {
    let response;
    try {
      response = await fetch(url, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify(body),
      });
    } catch (error) {
      return { ok: false, status: 0, data: { error: "No connection: your text is kept here and saved when the connection is back." } };
    }
    let json = {};
    if ((response.headers.get("Content-Type") || "").includes("application/json")) json = await response.json();
    else if (response.status === 403 || response.redirected) json = { error: "Your session ended: log in again in another tab, then keep typing here." };
    else json = { error: `The server answered ${response.status}. Your text is kept here.` };
    return { ok: response.ok, status: response.status, data: json };
  }

  // A figure's image goes as a multipart form: the same JSON in "payload", the file in "image".
  async function postForm(url, body, file) {
    const form = new FormData();
    form.append("payload", JSON.stringify(body));
    form.append("image", file);
    let response;
    try {
      response = await fetch(url, { method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": csrf }, body: form });
    } catch (error) {
      return { ok: false, status: 0, data: { error: "No connection: choose the image again when the connection is back." } };
    }
    const json = (response.headers.get("Content-Type") || "").includes("application/json") ? await response.json()
      : { error: `The server answered ${response.status}.` };
    return { ok: response.ok, status: response.status, data: json };
  }

  const url = (template, pk) => template.replace(/\/0\/(delete\/)?$/, `/${pk}/$1`);

  // Outline
  const outline = $("outline");
  function renderOutline() {
    outline.innerHTML = "";
    parts.forEach((part, index) => {
      const li = document.createElement("li");
      li.draggable = true;
      li.dataset.pk = part.pk;
      if (current && current.pk === part.pk) li.classList.add("selected");
      const open = document.createElement("button");
      open.type = "button";
      open.className = "part-open";
      open.innerHTML = "";
      open.append(part.heading || "(no heading)");
      const kind = document.createElement("span");
      kind.className = "part-kind";
      kind.textContent = kindLabels[part.kind] || part.kind;
      open.append(kind);
      open.addEventListener("click", () => select(part.pk));
      const up = moveButton("↑", `Move “${part.heading}” up`, index, -1);
      const down = moveButton("↓", `Move “${part.heading}” down`, index, 1);
      li.append(open, up, down);
      li.addEventListener("dragstart", (event) => { li.classList.add("dragging"); event.dataTransfer.setData("text/plain", String(part.pk)); });
      li.addEventListener("dragend", () => li.classList.remove("dragging"));
      li.addEventListener("dragover", (event) => { event.preventDefault(); li.classList.add("drop-before"); });
      li.addEventListener("dragleave", () => li.classList.remove("drop-before"));
      li.addEventListener("drop", (event) => {
        event.preventDefault();
        li.classList.remove("drop-before");
        const moved = Number(event.dataTransfer.getData("text/plain"));
        if (moved && moved !== part.pk) {
          const order = parts.map((p) => p.pk).filter((pk) => pk !== moved);
          order.splice(order.indexOf(part.pk), 0, moved);
          reorder(order);
        }
      });
      outline.append(li);
    });
    for (const [listKind, label, hint] of [["sources", "Sources", "Cited in the text, or further reading"],
                                           ["figures", "Figures", "Images shown after a part"]]) {
      const pseudo = document.createElement("li");
      pseudo.className = "pseudo" + (entriesKind === listKind && !current ? " selected" : "");
      const open = document.createElement("button");
      open.type = "button";
      open.className = "part-open";
      open.dataset.list = listKind;
      open.append(`${label} (${data.lists[listKind].entries.length})`);
      const kind = document.createElement("span");
      kind.className = "part-kind";
      kind.textContent = hint;
      open.append(kind);
      open.addEventListener("click", async () => {
        await flush();
        current = null;
        form.hidden = true;
        $("part-empty").hidden = true;
        showEntries(listKind);
        renderOutline();
      });
      pseudo.append(open);
      outline.append(pseudo);
    }
  }
  function moveButton(text, label, index, step) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "move";
    button.textContent = text;
    button.setAttribute("aria-label", label);
    button.disabled = index + step < 0 || index + step >= parts.length;
    button.addEventListener("click", () => {
      const order = parts.map((p) => p.pk);
      [order[index], order[index + step]] = [order[index + step], order[index]];
      reorder(order).then(() => { const again = outline.querySelectorAll(".move")[(index + step) * 2 + (step > 0 ? 1 : 0)]; if (again) again.focus(); });
    });
    return button;
  }
  async function reorder(order) {
    await flush();
    setState("Saving the new order…", "unsaved");
    const result = await post(data.reorderUrl || root.dataset.reorder, { order });
    if (!result.ok) return setState(result.data.error, "error");
    parts = result.data.parts;
    renderOutline();
    setState(`Order saved (revision ${result.data.revision}).`);
  }

  $("add-part").addEventListener("submit", async (event) => {
    event.preventDefault();
    await flush();
    const result = await post(root.dataset.add, { kind: $("add-kind").value, heading: $("add-heading").value, after: current ? current.pk : null });
    if (!result.ok) return setState(result.data.error, "error");
    parts = result.data.parts;
    $("add-heading").value = "";
    select(result.data.added);
    setState(`Part added (revision ${result.data.revision}).`);
    fields.heading.focus();
  });

  $("delete-part").addEventListener("click", async () => {
    if (!current || !window.confirm(`Delete the part “${fields.heading.value}”? Earlier revisions keep it.`)) return;
    clearTimeout(saveTimer);
    const result = await post(url(root.dataset.delete, current.pk), {});
    if (!result.ok) return setState(result.data.error, "error");
    parts = result.data.parts;
    current = null;
    dirty = false;
    form.hidden = true;
    $("part-empty").hidden = false;
    renderOutline();
    setState(`Part deleted (revision ${result.data.revision}).`);
  });

  // One part at a time
  async function select(pk) {
    if (current && current.pk === pk) return;
    await flush();
    const part = parts.find((p) => p.pk === pk);
    if (!part) return;
    current = { pk, original: { heading: part.heading, kind: part.kind, arrangement: part.arrangement, body: part.body } };
    for (const name of Object.keys(fields)) fields[name].value = part[name];
    form.hidden = false;
    $("part-empty").hidden = true;
    $("conflict").hidden = true;
    showErrors({});
    updateKind();
    renderOutline();
    preview();
  }

  function updateKind() {
    const kind = fields.kind.value;
    const isList = data.list_kinds.includes(kind);
    $("arrangement-row").hidden = !isList || kind === "questions";
    const note = $("list-note");
    note.hidden = !isList;
    if (isList) note.textContent = `The ${kindLabels[kind].split(" (")[0].toLowerCase()} (${data.lists[kind].entries.length}) follow this part's text, here in the guide; edit them below.`;
    showEntries(isList ? kind : null);
  }

  function values() {
    return { heading: fields.heading.value, kind: fields.kind.value, arrangement: fields.arrangement.value, body: fields.body.value };
  }

  function changed() {
    dirty = true;
    setState("Not saved yet…", "unsaved");
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, AUTOSAVE_MS);
  }
  for (const name of ["heading", "kind", "arrangement", "body"]) {
    fields[name].addEventListener(name === "heading" || name === "body" ? "input" : "change", () => {
      if (name === "kind") updateKind();
      changed();
      if (name === "body") { clearTimeout(previewTimer); previewTimer = setTimeout(preview, PREVIEW_MS); }
    });
  }

  async function save() {
    if (!current || !dirty) return;
    if (saving) { clearTimeout(saveTimer); saveTimer = setTimeout(save, 300); return; }
    saving = true;
    const part = current;
    const sent = values();
    dirty = false;
    setState("Saving…", "unsaved");
    const result = await post(url(root.dataset.save, part.pk), { ...sent, original: part.original });
    saving = false;
    if (result.ok) {
      part.original = result.data.part;
      const index = parts.findIndex((p) => p.pk === part.pk);
      if (index >= 0) parts[index] = { ...parts[index], ...result.data.part };
      renderOutline();
      showErrors({});
      if (current === part && JSON.stringify(values()) !== JSON.stringify(sent)) dirty = true; // typed meanwhile
      setState(dirty ? "Not saved yet…" : `All changes saved (revision ${result.data.revision}).`, dirty ? "unsaved" : "");
      if (dirty) { clearTimeout(saveTimer); saveTimer = setTimeout(save, AUTOSAVE_MS); }
      return;
    }
    dirty = true; // nothing was written: the text stays here, marked unsaved
    if (result.status === 409 && result.data.conflict) {
      $("conflict").hidden = false;
      $("conflict-message").textContent = result.data.error;
      $("conflict-theirs").textContent = `${result.data.current.heading}\n\n${result.data.current.body}`;
      part.theirs = result.data.current;
      setState("Not saved: someone else changed this part.", "error");
      return;
    }
    showErrors(result.data.fields || {}, result.data.error);
    setState("Not saved: " + result.data.error, "error");
    if (result.status === 0) { window.addEventListener("online", () => save(), { once: true }); }
  }

  async function flush() {
    clearTimeout(saveTimer);
    if (dirty) await save();
  }

  function showErrors(byField, general) {
    for (const name of ["heading", "kind", "body"]) {
      $("error-" + name).textContent = (byField[name] || []).join(" ");
    }
    if (general && !Object.keys(byField).length) $("error-body").textContent = general;
  }

  $("keep-mine").addEventListener("click", () => {
    if (!current || !current.theirs) return;
    current.original = current.theirs;
    $("conflict").hidden = true;
    dirty = true;
    save();
  });
  $("take-theirs").addEventListener("click", () => {
    if (!current || !current.theirs) return;
    for (const name of Object.keys(fields)) fields[name].value = current.theirs[name];
    current.original = current.theirs;
    $("conflict").hidden = true;
    dirty = false;
    const index = parts.findIndex((p) => p.pk === current.pk);
    parts[index] = { ...parts[index], ...current.theirs };
    renderOutline();
    preview();
    setState("Their version is shown; nothing of yours was saved.");
  });

  async function preview() {
    const result = await post(root.dataset.preview, { body: fields.body.value });
    if (!result.ok) return;
    $("preview").innerHTML = result.data.html; // sanitised by the server's pipeline (nh3 allow-list)
    const notes = $("preview-notes");
    notes.innerHTML = "";
    for (const note of result.data.notes) {
      const li = document.createElement("li");
      li.value = note.number;
      li.innerHTML = note.text; // MLA entry or note text, sanitised by the server
      notes.append(li);
    }
  }

  // Source keys offered after "[@" (and after "; @" inside a citation)
  const menu = $("cite-menu");
  let matches = [];
  let active = 0;
  function citationPrefix() {
    const before = fields.body.value.slice(0, fields.body.selectionStart);
    const match = /\[@([\w:.-]*)$|\[@[^\]\n]*;\s*@([\w:.-]*)$/.exec(before);
    return match ? (match[1] !== undefined ? match[1] : match[2]) : null;
  }
  function updateMenu() {
    const prefix = citationPrefix();
    if (prefix === null) { menu.hidden = true; return; }
    const lower = prefix.toLowerCase();
    matches = data.sources.filter((s) => s.key.toLowerCase().startsWith(lower) || s.title.toLowerCase().includes(lower)).slice(0, 8);
    if (!matches.length) { menu.hidden = true; return; }
    active = Math.min(active, matches.length - 1);
    menu.innerHTML = "";
    matches.forEach((source, index) => {
      const li = document.createElement("li");
      li.setAttribute("role", "option");
      li.id = "cite-option-" + index;
      li.setAttribute("aria-selected", String(index === active));
      li.textContent = `${source.key} — ${source.title}`;
      li.addEventListener("mousedown", (event) => { event.preventDefault(); insertKey(source.key); });
      menu.append(li);
    });
    fields.body.setAttribute("aria-activedescendant", "cite-option-" + active);
    menu.hidden = false;
  }
  function insertKey(key) {
    const body = fields.body;
    const prefix = citationPrefix() || "";
    const start = body.selectionStart - prefix.length;
    const after = body.value.slice(body.selectionStart);
    const closing = after.startsWith("]") ? "" : "]";
    body.value = body.value.slice(0, start) + key + closing + after;
    body.selectionStart = body.selectionEnd = start + key.length + closing.length;
    menu.hidden = true;
    body.removeAttribute("aria-activedescendant");
    body.dispatchEvent(new Event("input"));
  }
  fields.body.addEventListener("input", updateMenu);
  fields.body.addEventListener("click", updateMenu);
  fields.body.addEventListener("blur", () => { menu.hidden = true; });
  fields.body.addEventListener("keydown", (event) => {
    if (menu.hidden) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      active = (active + (event.key === "ArrowDown" ? 1 : -1) + matches.length) % matches.length;
      updateMenu();
    } else if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      insertKey(matches[active].key);
    } else if (event.key === "Escape") {
      menu.hidden = true;
    }
  });

  window.addEventListener("beforeunload", (event) => {
    if (dirty || saving) { event.preventDefault(); event.returnValue = ""; }
  });

  // Entries of a list (key terms, parties, timeline, questions) or the sources, each saved on its own
  let entriesKind = null;
  const entryList = $("entry-list");
  const listsBase = root.dataset.lists.replace(/sources\/$/, "");
  const entryUrl = (kind, pk, del) => `${listsBase}${kind}/` + (pk ? `${pk}/` : "") + (del ? "delete/" : "");

  function showEntries(kind) {
    entriesKind = kind;
    const panel = $("entries");
    panel.hidden = !kind;
    if (!kind) return;
    const list = data.lists[kind];
    $("entries-h").textContent = `${list.label[0].toUpperCase()}${list.label.slice(1)}s (${list.entries.length})`;
    $("add-entry").textContent = `Add a ${list.label}`;
    entryList.innerHTML = "";
    for (const item of list.entries) entryList.append(entryBox(kind, item));
  }

  function sourceChoices() {
    return [["", "—"], ...data.lists.sources.entries.map((e) => [String(e.pk), `${e.values.key} — ${e.values.title}`])];
  }

  function entryBox(kind, item) {
    const list = data.lists[kind];
    const box = document.createElement("fieldset");
    box.className = "entry";
    const legend = document.createElement("legend");
    const title = () => item.values.term || item.values.name || item.values.key || item.values.title || item.values.caption || item.values.date || item.values.text || `New ${list.label}`;
    legend.textContent = title();
    box.append(legend);
    const grid = document.createElement("div");
    grid.className = "entry-fields";
    const inputs = {};
    for (const field of list.schema) {
      const wrap = document.createElement("p");
      if (field.type === "textarea") wrap.className = "wide";
      const id = `entry-${kind}-${item.pk || "new"}-${field.name}-${Math.random().toString(36).slice(2, 7)}`;
      const label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = field.label;
      let input;
      if (field.type === "textarea") { input = document.createElement("textarea"); input.rows = 3; }
      else if (field.type === "select") {
        input = document.createElement("select");
        for (const [value, text] of field.name === "source" ? sourceChoices() : field.choices) input.add(new Option(text, value));
      } else if (field.type === "file") {
        input = document.createElement("input"); input.type = "file"; input.accept = "image/png,image/jpeg,image/gif,image/webp";
      } else { input = document.createElement("input"); input.type = field.type === "checkbox" ? "checkbox" : "text"; }
      input.id = id;
      input.name = field.name;
      if (field.help) input.title = field.help;
      const value = item.values[field.name];
      if (input.type === "checkbox") input.checked = value === true || value === "True";
      else if (input.type !== "file") input.value = value == null ? "" : value;
      const error = document.createElement("span");
      error.className = "field-error";
      wrap.append(label, input);
      if (input.type === "file" && value) {
        const current = document.createElement("img");
        current.src = `/media/${value}`; current.alt = ""; current.className = "entry-image";
        wrap.append(current);
      }
      wrap.append(error);
      grid.append(wrap);
      inputs[field.name] = { input, error };
    }
    box.append(grid);
    const status = document.createElement("p");
    status.className = "entry-state";
    status.setAttribute("role", "status");
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "deletelink";
    remove.textContent = `Delete this ${list.label}`;
    box.append(status, remove);

    let timer = null;
    let busy = false;
    let pending = false;
    const values = () => Object.fromEntries(Object.entries(inputs).filter(([, { input }]) => input.type !== "file")
      .map(([name, { input }]) => [name, input.type === "checkbox" ? input.checked : input.value]));
    const chosenFile = () => { const file = Object.values(inputs).find(({ input }) => input.type === "file"); return file && file.input.files[0]; };
    const showErrors = (fields) => { for (const [name, { error }] of Object.entries(inputs)) error.textContent = (fields[name] || []).join(" "); };
    async function saveEntry(force) {
      if (busy) { pending = true; return; }
      busy = true;
      status.textContent = "Saving…";
      const body = { values: values(), original: force || item.values };
      const file = chosenFile();
      const result = file ? await postForm(entryUrl(kind, item.pk), body, file) : await post(entryUrl(kind, item.pk), body);
      busy = false;
      if (result.ok) {
        item.pk = result.data.entry.pk;
        item.values = result.data.entry.values;
        if (!list.entries.includes(item)) list.entries.push(item);
        if (entriesKind === kind) $("entries-h").textContent = `${list.label[0].toUpperCase()}${list.label.slice(1)}s (${list.entries.length})`;
        if (result.data.sources) setSources();
        if (file) { box.replaceWith(entryBox(kind, item)); setState(`All changes saved (revision ${result.data.revision}).`); renderOutline(); return; }
        legend.textContent = title();
        showErrors({});
        status.textContent = `Saved (revision ${result.data.revision}).`;
        setState(`All changes saved (revision ${result.data.revision}).`);
        renderOutline();
      } else if (result.status === 409 && result.data.conflict) {
        status.textContent = result.data.error;
        const keep = document.createElement("button");
        keep.type = "button";
        keep.textContent = "Keep mine";
        keep.addEventListener("click", () => { keep.remove(); theirs.remove(); saveEntry(result.data.current); });
        const theirs = document.createElement("button");
        theirs.type = "button";
        theirs.textContent = "Take theirs";
        theirs.addEventListener("click", () => { item.values = result.data.current; box.replaceWith(entryBox(kind, item)); });
        status.append(" ", keep, " ", theirs);
      } else {
        showErrors(result.data.fields || {});
        status.textContent = "Not saved: " + result.data.error;
        setState("Not saved: " + result.data.error, "error");
      }
      if (pending) { pending = false; saveEntry(); }
    }
    box.addEventListener("input", () => {
      status.textContent = "Not saved yet…";
      clearTimeout(timer);
      timer = setTimeout(() => saveEntry(), AUTOSAVE_MS);
    });
    remove.addEventListener("click", async () => {
      if (!window.confirm(`Delete “${title()}”? Earlier revisions keep it.`)) return;
      clearTimeout(timer);
      if (item.pk) {
        const result = await post(entryUrl(kind, item.pk, true), {});
        if (!result.ok) { status.textContent = result.data.error; return; }
        setState(`Deleted (revision ${result.data.revision}).`);
      }
      list.entries.splice(list.entries.indexOf(item), 1);
      if (kind === "sources") setSources();
      showEntries(kind);
      renderOutline();
    });
    return box;
  }

  function setSources() {
    data.sources = data.lists.sources.entries.map((e) => ({ key: e.values.key, title: e.values.title }));
  }

  $("add-entry").addEventListener("click", () => {
    const list = data.lists[entriesKind];
    const blank = Object.fromEntries(list.schema.map((f) => [f.name, f.initial !== "" ? f.initial : f.type === "checkbox" ? false : f.type === "select" && f.choices.length && f.name !== "source" ? f.choices[0][0] : ""]));
    const item = { pk: null, values: blank };
    const box = entryBox(entriesKind, item);
    entryList.append(box);
    box.querySelector("input, textarea, select").focus();
  });

  renderOutline();
  const wanted = Number(new URLSearchParams(location.search).get("part"));
  if (parts.length) select(parts.some((p) => p.pk === wanted) ? wanted : parts[0].pk);
})();
