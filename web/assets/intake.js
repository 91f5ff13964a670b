// intake's only script: small progressive enhancements. Every page works
// without it.
(function () {
  "use strict";
  // Move focus to the error summary so that a screen reader announces it
  // and the keyboard starts there (the GOV.UK pattern).
  var summary = document.querySelector("[data-focus]");
  if (summary) {
    summary.focus();
  }
  // Stop a double click from sending a form twice.
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (form.method && form.method.toLowerCase() === "post" && !form.hasAttribute("data-repeat")) {
      if (form.dataset.sent) {
        e.preventDefault();
        return;
      }
      form.dataset.sent = "1";
      var buttons = form.querySelectorAll("button[type=submit]");
      for (var i = 0; i < buttons.length; i++) {
        buttons[i].setAttribute("aria-disabled", "true");
      }
    }
  });
})();
