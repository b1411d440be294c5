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
    });
  }, { rootMargin: "0px 0px -70% 0px" });
  Object.keys(links).forEach(function (id) {
    var el = document.getElementById(id);
    if (el) observer.observe(el);
  });
  // A popup (footnote or key term) goes away with Escape, a tap elsewhere, or scrolling on.
  function closePopups() {
    document.querySelectorAll(".fn-link.open, .term.open").forEach(function (el) { el.classList.remove("open"); });
    var active = document.activeElement;
    if (active && active.matches && active.matches(".fn-link, .term")) active.blur();
  }
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") closePopups(); });
  var scrolledFrom = null;
  window.addEventListener("scroll", function () {
    var open = document.querySelector(".fn-link.open, .term.open") ||
      (document.activeElement && document.activeElement.matches && document.activeElement.matches(".fn-link, .term"));
    if (!open) { scrolledFrom = null; return; }
    if (scrolledFrom === null) scrolledFrom = window.scrollY;
    if (Math.abs(window.scrollY - scrolledFrom) > 300) { scrolledFrom = null; closePopups(); }
  }, { passive: true });
  // Tapping a footnote marker or key term on a touch screen shows its popup first; a second tap follows the link.
  document.addEventListener("click", function (event) {
    var target = event.target.closest(".fn-link, .term");
    if (!target) { closePopups(); return; }
    if (!window.matchMedia("(hover: none)").matches) return;
    if (target.classList.contains("open")) return;
    event.preventDefault();
    document.querySelectorAll(".fn-link.open, .term.open").forEach(function (el) { el.classList.remove("open"); });
    target.classList.add("open");
    target.focus();
  });
})();
