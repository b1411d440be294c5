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
    if (isList) note.textContent = `The ${kindLabels[kind].split(" (")[0].toLowerCase()} (${data.counts[kind]}) follow this part's text, here in the guide.`;
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

  renderOutline();
  const wanted = Number(new URLSearchParams(location.search).get("part"));
  if (parts.length) select(parts.some((p) => p.pk === wanted) ? wanted : parts[0].pk);
})();
