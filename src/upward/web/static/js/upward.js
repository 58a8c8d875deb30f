// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Move focus to the error summary so screen-reader users hear what went wrong.
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  }
  // Copy-to-clipboard buttons for one-time secrets.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button || !navigator.clipboard) { return; }
    var source = document.getElementById(button.getAttribute("data-copy"));
    navigator.clipboard.writeText(source.textContent.trim()).then(function () {
      var status = document.getElementById(button.getAttribute("data-copy") + "-status");
      if (status) { status.textContent = "Copied to the clipboard."; }
    });
  });
  // The header's menu (a <details>, which opens and closes without this file) also
  // closes, as menus do, on Escape (focus back on its button) and on a click elsewhere.
  document.addEventListener("keydown", function (event) {
    var menu = document.querySelector(".site-menu[open]");
    if (event.key === "Escape" && menu) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", function (event) {
    var menu = document.querySelector(".site-menu[open]");
    if (menu && !menu.contains(event.target)) { menu.open = false; }
  });
  // Character counts: without this file a field's hint states its limit; with it, the
  // hint counts what is left as people type (the form still rejects text over the limit).
  function characterCount(field) {
    var limit = parseInt(field.getAttribute("data-character-count"), 10);
    var input = field.querySelector("textarea, input");
    var message = field.querySelector("[data-character-count-message]");
    if (!input || !message || !limit) { return; }
    message.setAttribute("aria-live", "polite");
    function update() {
      var left = limit - input.value.length;
      var n = Math.abs(left).toLocaleString("en-GB");
      var unit = Math.abs(left) === 1 ? " character" : " characters";
      message.textContent = left >= 0 ? "You have " + n + unit + " remaining"
                                      : "You have " + n + unit + " too many";
      field.classList.toggle("field--over-limit", left < 0);
    }
    input.addEventListener("input", update);
    update();
  }
  function enhance() {
    focusErrorSummary();
    Array.prototype.forEach.call(document.querySelectorAll("[data-character-count]"),
                                 characterCount);
  }
  // Fields that htmx swaps in get their count too.
  document.addEventListener("htmx:afterSettle", function (event) {
    Array.prototype.forEach.call(event.target.querySelectorAll("[data-character-count]"),
                                 characterCount);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
