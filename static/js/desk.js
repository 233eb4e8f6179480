// Registration desk: "select all shown" for the bulk check-in, and focus on the search box.
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    if (!event.target.matches("[data-select-all]")) {
      return;
    }
    document.querySelectorAll("[data-bulk-choice]").forEach(function (box) {
      box.checked = event.target.checked;
    });
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target.id === "desk-rows") {
      var selectAll = document.querySelector("[data-select-all]");
      if (selectAll) {
        selectAll.checked = false;
      }
    }
  });

  // A check-in or undo replaces its row: keep the keyboard focus on the row's new button
  // (Undo after a check-in, Check in after an undo) instead of losing it to the page.
  var rowToRefocus = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var row = event.target.closest ? event.target.closest("tr[id^='registration-']") : null;
    rowToRefocus = row && row.contains(document.activeElement) ? row.id : null;
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!rowToRefocus) {
      return;
    }
    var row = document.getElementById(rowToRefocus);
    rowToRefocus = null;
    var focused = document.activeElement;
    if (focused && focused !== document.body) {
      return; // the person already moved on (typing the next name): leave them there
    }
    var button = row && row.querySelector(".desk-action-button");
    if (button) {
      button.focus();
    }
  });
})();
