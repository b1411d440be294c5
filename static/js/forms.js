// Long form submissions say what is happening and cannot be sent twice.
document.querySelectorAll("form[data-progress]").forEach(function (form) {
  form.addEventListener("submit", function () {
    var note = form.querySelector(".progress-note");
    if (note) { note.textContent = form.dataset.progress; note.hidden = false; }
    form.querySelectorAll("button[type=submit]").forEach(function (button) { button.disabled = true; });
  });
});

// A form that removes something asks first (its data-confirm says what will happen).
document.addEventListener("submit", function (event) {
  var question = event.target.dataset && event.target.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});
