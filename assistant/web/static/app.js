// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    // A delete asks first (the button carries the question).
    var button = form.querySelector("button[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
      return;
    }
    // The ask form: show that the answer is on its way and keep a double click from asking twice.
    if (form.id === "ask-form") {
      if (form.classList.contains("busy")) { event.preventDefault(); return; }
      form.classList.add("busy");
      var ask = form.querySelector("#ask-button");
      if (ask) { ask.textContent = "Answering…"; }
    }
  });
  // Ctrl/Cmd+Enter sends the question.
  document.addEventListener("keydown", function (event) {
    if (event.target && event.target.id === "question" && event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.target.form.requestSubmit();
    }
  });
  // The viewer: bring the highlighted quote into view even when the browser kept an old scroll position.
  window.addEventListener("load", function () {
    var hl = document.getElementById("hl");
    if (hl) { hl.scrollIntoView({ block: "center" }); }
    var q = document.getElementById("question");
    if (q && document.querySelector(".turn")) { q.focus(); }
  });
})();
