// A page that shows background work in progress (an export, a PDF being made, an import) updates the part
// marked data-progress in place every few seconds, without reloading the page, until the work is over
// (data-active empty). A button pauses and resumes the updates; a failed update says so and tries again.
(function () {
  var region = document.querySelector("[data-progress]");
  if (!region || !region.dataset.active) return;
  var every = 2000, timer = null, paused = false;
  var bar = document.createElement("p");
  bar.className = "progress-controls";
  var button = document.createElement("button");
  button.type = "button";
  button.className = "link";
  button.textContent = "Pause updates";
  var state = document.createElement("span");
  state.setAttribute("aria-live", "polite");
  bar.appendChild(button);
  bar.appendChild(document.createTextNode(" "));
  bar.appendChild(state);
  region.parentNode.insertBefore(bar, region.nextSibling);

  function schedule() { if (!paused) timer = setTimeout(update, every); }
  function update() {
    fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-progress]");
        if (!fresh) throw new Error("no progress on the page");
        if (fresh.innerHTML !== region.innerHTML) region.innerHTML = fresh.innerHTML;
        state.textContent = "";
        if (fresh.dataset.active) { schedule(); return; }
        region.dataset.active = "";
        bar.remove();  // over: nothing more to update
      })
      .catch(function () {
        state.textContent = "Could not update (no connection?); trying again.";
        schedule();
      });
  }
  button.addEventListener("click", function () {
    paused = !paused;
    button.textContent = paused ? "Resume updates" : "Pause updates";
    clearTimeout(timer);
    if (paused) state.textContent = "Updates paused."; else { state.textContent = ""; update(); }
  });
  schedule();
})();
