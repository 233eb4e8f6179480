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
})();
