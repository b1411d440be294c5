// Reader enhancements; the page works without them.
(function () {
  "use strict";
  var toc = document.querySelector(".toc");
  if (!toc) return;
  var details = toc.querySelector("details");
  var narrow = window.matchMedia("(max-width: 59.99rem)");
  // On phones the contents start closed (a menu) and close again after following a link.
  if (narrow.matches) details.removeAttribute("open");
  toc.addEventListener("click", function (event) {
    if (event.target.closest("a") && narrow.matches) details.removeAttribute("open");
  });
  // Text size, kept on this device: five steps from 85 % to 150 %.
  var sizes = [0.85, 1, 1.15, 1.3, 1.5];
  var article = document.querySelector("article.guide");
  function applySize(index) {
    index = Math.max(0, Math.min(sizes.length - 1, index));
    if (article) article.style.setProperty("--reader-scale", String(sizes[index]));
    try { localStorage.setItem("mlmun-text-size", String(index)); } catch (error) { /* private mode: this page only */ }
    toc.querySelectorAll(".text-size button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(Number(b.dataset.step) === 0 ? index === 1 : false));
    });
    return index;
  }
  var sizeIndex = 1;
  try { sizeIndex = Number(localStorage.getItem("mlmun-text-size") || 1); } catch (error) { sizeIndex = 1; }
  sizeIndex = applySize(isNaN(sizeIndex) ? 1 : sizeIndex);
  toc.querySelectorAll(".text-size button").forEach(function (button) {
    button.addEventListener("click", function () {
      var step = Number(button.dataset.step);
      sizeIndex = applySize(step === 0 ? 1 : sizeIndex + step);
    });
  });
  // Continue where you left off: the part last in view, per guide, kept on this device only.
  var guideId = article && article.dataset.guide;
  var positionKey = "mlmun-position-" + guideId;
  var loadedAt = Date.now();
  function remember(anchor, title) {
    if (!guideId || Date.now() - loadedAt < 1500) return;  // not the page's first layout
    try { localStorage.setItem(positionKey, JSON.stringify({ anchor: anchor, title: title })); } catch (error) { /* private mode */ }
  }
  (function offerToContinue() {
    if (!guideId || location.hash) return;
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(positionKey) || "null"); } catch (error) { saved = null; }
    if (!saved || !document.getElementById(saved.anchor)) return;
    var first = document.querySelector("article.guide section[id]");
    if (first && first.id === saved.anchor) return;
    var bar = document.createElement("p");
    bar.className = "continue";
    bar.setAttribute("role", "status");
    var link = document.createElement("a");
    link.href = "#" + saved.anchor;
    link.textContent = saved.title;
    var close = document.createElement("button");
    close.type = "button";
    close.setAttribute("aria-label", "Dismiss");
    close.textContent = "×";
    close.addEventListener("click", function () { bar.remove(); });
    link.addEventListener("click", function () { bar.remove(); });
    bar.append("Continue where you left off: ", link, " ", close);
    var header = article.querySelector("header");
    header.parentNode.insertBefore(bar, header.nextSibling);
  })();
  // Mark the section in view.
  var links = {};
  toc.querySelectorAll("a[href^='#']").forEach(function (a) { links[a.getAttribute("href").slice(1)] = a; });
  var current = null;
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      var link = links[entry.target.id];
      if (!link) return;
      if (current) current.removeAttribute("aria-current");
      link.setAttribute("aria-current", "location");
      current = link;
      remember(entry.target.id, link.textContent.trim());
    });
  }, { rootMargin: "0px 0px -70% 0px" });
  Object.keys(links).forEach(function (id) {
    var el = document.getElementById(id);
    if (el) observer.observe(el);
  });
  // A popup (footnote or key term) goes away with Escape, a tap elsewhere, or scrolling on.
  // On a touch screen the open popup is a sheet with a Close button in its corner.
  var closeButton = document.createElement("button");
  closeButton.type = "button";
  closeButton.className = "popup-close";
  closeButton.textContent = "Close";
  closeButton.hidden = true;
  document.body.appendChild(closeButton);
  function closePopups() {
    document.querySelectorAll(".fn-link.open, .term.open").forEach(function (el) { el.classList.remove("open"); });
    var active = document.activeElement;
    if (active && active.matches && active.matches(".fn-link, .term")) active.blur();
    closeButton.hidden = true;
  }
  closeButton.addEventListener("mousedown", function (event) { event.preventDefault(); });
  closeButton.addEventListener("click", function (event) { event.stopPropagation(); closePopups(); });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") closePopups(); });
  var scrolledFrom = null;
  window.addEventListener("scroll", function () {
    var open = document.querySelector(".fn-link.open, .term.open") ||
      (document.activeElement && document.activeElement.matches && document.activeElement.matches(".fn-link, .term"));
    if (!open) { scrolledFrom = null; return; }
    if (scrolledFrom === null) scrolledFrom = window.scrollY;
    if (Math.abs(window.scrollY - scrolledFrom) > 300) { scrolledFrom = null; closePopups(); }
  }, { passive: true });
  // Wider than a tablet the popup hangs under its marker: keep it inside the window, and above the marker when
  // there is no room below it. (Up to 60rem it is a sheet at the foot of the screen; see site.css.)
  function place(el) {
    if (!window.matchMedia("(min-width: 60.01rem)").matches) return;
    var first = el.getClientRects()[0] || el.getBoundingClientRect();
    var all = el.getBoundingClientRect();
    var width = Math.min(320, window.innerWidth * 0.8);
    var centre = first.left + (Math.min(first.right, all.right) - first.left) / 2;
    var left = Math.max(8, Math.min(centre - width / 2, document.documentElement.clientWidth - 8 - width));
    el.style.setProperty("--pop-left", (left - first.left) + "px");
    el.style.setProperty("--pop-x", "0px");
    el.classList.toggle("pop-above", window.innerHeight - all.bottom < 220 && all.top > 220);
  }
  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var target = event.target.closest && event.target.closest(".fn-link, .term");
      if (target) place(target);
    });
  });
  // Tapping a footnote marker or key term on a touch screen shows its popup first; a second tap follows the link.
  document.addEventListener("click", function (event) {
    var target = event.target.closest(".fn-link, .term");
    if (!target) { if (event.target !== closeButton) closePopups(); return; }
    if (!window.matchMedia("(hover: none)").matches) return;
    if (target.classList.contains("open")) return;
    event.preventDefault();
    document.querySelectorAll(".fn-link.open, .term.open").forEach(function (el) { el.classList.remove("open"); });
    target.classList.add("open");
    place(target);
    target.focus();
    closeButton.hidden = false;
  });
})();
