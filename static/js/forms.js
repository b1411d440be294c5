// Long form submissions say what is happening and cannot be sent twice.
document.querySelectorAll("form[data-progress]").forEach(function (form) {
  form.addEventListener("submit", function () {
    var note = form.querySelector(".progress-note");
    if (note) { note.textContent = form.dataset.progress; note.hidden = false; }
    form.querySelectorAll("button[type=submit]").forEach(function (button) { button.disabled = true; });
  });
});
