// Person picker: a search box (htmx fills the results) and a hidden person id.
// Picking a result sets the id; typing again clears it until another person is picked.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var option = event.target.closest("[data-pick-person]");
    if (!option) {
      return;
    }
    event.preventDefault();
    var picker = option.closest("[data-person-picker]");
    picker.querySelector("[data-picker-value]").value = option.dataset.personId;
    picker.querySelector("[data-picker-search]").value = option.dataset.personLabel;
    picker.querySelector("[data-picker-results]").replaceChildren();
    var row = picker.closest("[data-role-row]");
    var position = row && row.querySelector("[data-role-position]");
    if (position && !position.value) {
      position.value = option.dataset.personPosition;
    }
  });

  document.addEventListener("input", function (event) {
    if (event.target.matches("[data-picker-search]")) {
      event.target.closest("[data-person-picker]").querySelector("[data-picker-value]").value = "";
    }
  });
})();
