// Registration desk: "select all shown" for the bulk check-in, and focus on the search box.
// A scanned badge shows its one person with the focus on "Check in" (one key press); once
// checked in, the focus goes back to the search box, its text selected for the next scan.
(function () {
  "use strict";

  // After a scan that needs no key press (a refused badge, someone already present), the
  // scanned text is selected: the next scan replaces it instead of adding to it.
  var TOKEN = /^UPR-\d+\.\d+:/;
  function selectScannedText() {
    var search = document.getElementById("desk-search");
    if (search && TOKEN.test(search.value) && !document.querySelector("[data-badge-match]")) {
      search.focus();
      search.select();
    }
  }
  document.addEventListener("DOMContentLoaded", selectScannedText);

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
      var scanned = document.querySelector("[data-badge-match] .desk-action-button");
      if (scanned) {
        scanned.focus();
      } else {
        selectScannedText();
      }
    }
  });

  // A check-in or undo replaces its row: keep the keyboard focus on the row's new button
  // (Undo after a check-in, Check in after an undo) instead of losing it to the page.
  var rowToRefocus = null;
  var backToSearch = false;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var row = event.target.closest ? event.target.closest("tr[id^='registration-']") : null;
    rowToRefocus = row && row.contains(document.activeElement) ? row.id : null;
    backToSearch = Boolean(rowToRefocus && row.hasAttribute("data-badge-match"));
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!rowToRefocus) {
      return;
    }
    var search = document.getElementById("desk-search");
    if (backToSearch && search) {
      rowToRefocus = null;
      search.focus();
      search.select();
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
