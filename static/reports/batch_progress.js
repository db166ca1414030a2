// The batch page while its files are parsed (progressive enhancement).
//
// Without this script the page reloads itself every 2 seconds (<noscript> refresh), which sends
// keyboard focus back to the top and has a screen reader start the page again. With it, the page
// asks for itself every 2 seconds and puts the new progress, counts, notes and rows in place:
// focus stays where it was (on the same link or button when its part is replaced), and the
// progress sentence is a polite live region, so a change is read out without a reload; a part
// whose content did not change is left alone (the sentence is not read again every 2 seconds).
(function () {
  "use strict";
  var progress = document.getElementById("batch-progress");
  if (!progress || progress.getAttribute("data-running") !== "1") return;
  var PARTS = ["batch-status", "batch-notes", "batch-summary", "batch-retry", "result_list"];
  var INTERVAL = 2000;

  // How to find the focused element again in a replaced part: its id, else its link or value.
  function focusKey(element) {
    if (element.id) return "#" + CSS.escape(element.id);
    if (element.getAttribute("href")) return '[href="' + CSS.escape(element.getAttribute("href")) + '"]';
    if (element.type === "submit") return 'input[type="submit"]';
    return null;
  }

  function replaceParts(fresh) {
    var focused = document.activeElement;
    var key = null;
    var within = null;
    PARTS.forEach(function (id) {
      var part = document.getElementById(id);
      if (part && focused && part !== focused && part.contains(focused)) {
        key = focusKey(focused);
        within = id;
      }
    });
    PARTS.forEach(function (id) {
      var part = document.getElementById(id);
      var update = fresh.getElementById(id);
      if (part && update && part.innerHTML !== update.innerHTML) part.innerHTML = update.innerHTML;
    });
    var state = fresh.getElementById("batch-progress");
    ["data-finished", "data-total", "data-running"].forEach(function (name) {
      if (state && state.hasAttribute(name)) progress.setAttribute(name, state.getAttribute(name));
    });
    if (key && within) {
      var again = document.getElementById(within).querySelector(key);
      if (again) again.focus();
    }
  }

  function poll() {
    fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        replaceParts(fresh);
        if (progress.getAttribute("data-running") === "1") window.setTimeout(poll, INTERVAL);
      })
      .catch(function () {
        window.setTimeout(poll, INTERVAL * 5); // the server restarting: try again, less often
      });
  }

  window.setTimeout(poll, INTERVAL);
})();
