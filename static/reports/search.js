// Next/previous occurrence on a report page opened from a search (progressive enhancement).
//
// Without this script the marks are still there and the bar's links load the page again at the
// next or previous occurrence (?hit=N#hit-N). With it, they are jumps within the page to the
// occurrence after and before the current one, the current occurrence is highlighted, and a
// page opened at a section (#s2-1, from a result) moves to the first occurrence inside that
// section; after a jump to another part of the page, next and previous go on from there. Every
// move is a plain fragment change, so the browser's back button and :target keep working.
(function () {
  "use strict";
  var bar = document.querySelector("[data-hit-nav]");
  if (!bar) return;
  var total = parseInt(bar.getAttribute("data-total"), 10) || 0;
  var prev = bar.querySelector("[data-hit-prev]");
  var next = bar.querySelector("[data-hit-next]");
  var position = bar.querySelector("[data-hit-position]");
  if (!total || !prev || !next) return;

  function numberFromHash() {
    var match = /^#hit-(\d+)$/.exec(window.location.hash);
    var number = match ? parseInt(match[1], 10) : 0;
    return number >= 1 && number <= total ? number : 0;
  }

  function show(number) {
    var marks = document.querySelectorAll("mark.search-hit");
    for (var i = 0; i < marks.length; i++) {
      var current = marks[i].getAttribute("data-hit") === String(number);
      marks[i].classList.toggle("search-hit--current", current);
    }
    prev.setAttribute("href", "#hit-" + (number > 1 ? number - 1 : total));
    next.setAttribute("href", "#hit-" + (number < total ? number + 1 : 1));
    if (position) position.textContent = ",当前第 " + number + " 处";
  }

  function firstNumberIn(element) {
    var mark = element && element.querySelector("mark.search-hit[id]");
    return mark ? parseInt(mark.getAttribute("data-hit"), 10) : 0;
  }

  var start = numberFromHash();
  if (!start) {
    // Opened at a section (from a result) or at the top: go to the first occurrence there.
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    start = firstNumberIn(target) || (target ? 0 : 1);
    if (start) window.location.replace("#hit-" + start);
  }
  if (start) show(start);

  // After a jump elsewhere in the page (a table-of-contents link, #s4-2), next and previous go
  // on from there: to the first occurrence at or after that place and the last one before it.
  function placeAt(element) {
    var marks = document.querySelectorAll("mark.search-hit[id]");
    var after = 0;
    for (var i = 0; i < marks.length && !after; i++) {
      var relation = element.compareDocumentPosition(marks[i]);
      if (relation & (Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY)) {
        after = parseInt(marks[i].getAttribute("data-hit"), 10);
      }
    }
    var current = document.querySelectorAll("mark.search-hit--current");
    for (var j = 0; j < current.length; j++) current[j].classList.remove("search-hit--current");
    next.setAttribute("href", "#hit-" + (after || 1));
    prev.setAttribute("href", "#hit-" + (after > 1 ? after - 1 : total));
    if (position) position.textContent = "";
  }

  // A mark cannot take the focus, so the browser drops it after the jump: put it back on the
  // link used, so that Enter moves on again, as in a browser's find bar. A link to the
  // occurrence already shown (the only one) changes no hash: it keeps the focus at once.
  var used = null;
  function remember(event) {
    used = event.currentTarget;
    if (used.getAttribute("href") === window.location.hash) {
      event.preventDefault();
      used = null;
    }
  }
  prev.addEventListener("click", remember);
  next.addEventListener("click", remember);

  // The bar stays at the top of the window and grows with a long query: the browser must keep
  // what the keyboard focuses below it.
  function clearOfBar() {
    document.documentElement.style.scrollPaddingTop = bar.offsetHeight + 16 + "px";
  }
  clearOfBar();
  window.addEventListener("resize", clearOfBar);

  window.addEventListener("hashchange", function () {
    var number = numberFromHash();
    var link = used;
    used = null;
    if (number) {
      show(number);
      if (link) link.focus({ preventScroll: true });
      return;
    }
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (target) placeAt(target);
  });
})();
