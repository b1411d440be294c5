// Django's inlines.js marks the formsets' hidden count inputs autocomplete="off" (in a jQuery ready handler), so
// that Firefox does not restore stale counts on reload; HTML does not allow the attribute on hidden inputs. The
// form itself says it instead (valid HTML, same effect), and the hidden inputs lose it. This script is deferred,
// so its ready handler is registered, and runs, after inlines.js's.
(function () {
  function fix() {
    document.querySelectorAll("input[type=hidden][autocomplete]").forEach(function (input) {
      if (input.form) input.form.setAttribute("autocomplete", "off");
      input.removeAttribute("autocomplete");
    });
  }
  if (window.django && window.django.jQuery) window.django.jQuery(fix);
  else window.addEventListener("load", fix);
})();
