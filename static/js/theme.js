// Colours: automatic (the device's light or dark setting), dark or light; kept on this device.
(function () {
  "use strict";
  var button = document.querySelector(".theme-toggle");
  var sheet = document.getElementById("dark-css");
  if (!button || !sheet) return;
  var order = ["auto", "dark", "light"];
  var labels = { auto: "Colours: automatic", dark: "Colours: dark", light: "Colours: light" };
  function current() { try { return localStorage.getItem("mlmun-theme") || "auto"; } catch (error) { return "auto"; } }
  function apply(theme) {
    sheet.media = theme === "dark" ? "all" : theme === "light" ? "not all" : "(prefers-color-scheme: dark)";
    button.textContent = labels[theme];
    try { if (theme === "auto") localStorage.removeItem("mlmun-theme"); else localStorage.setItem("mlmun-theme", theme); } catch (error) { /* private mode */ }
  }
  apply(current());
  button.addEventListener("click", function () { apply(order[(order.indexOf(current()) + 1) % order.length]); });
})();
