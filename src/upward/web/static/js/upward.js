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
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusErrorSummary);
  } else {
    focusErrorSummary();
  }
})();
