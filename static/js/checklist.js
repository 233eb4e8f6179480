// Searchable checklists (accounts.widgets.Checklist): a search box and filters hide the
// options that do not match; "select all shown" and "clear shown" tick or untick only the
// options in view; the count says how many are chosen. Without this script the list is a
// plain list of checkboxes.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function options(list) {
    return Array.prototype.slice.call(list.querySelectorAll(".checklist-option"));
  }

  function count(list) {
    list.querySelector("[data-checklist-count]").textContent =
      list.querySelectorAll(".checklist-option input:checked").length;
  }

  function apply(list) {
    var words = fold(list.querySelector("[data-checklist-search]").value).split(/\s+/).filter(Boolean);
    var filters = Array.prototype.slice.call(list.querySelectorAll("[data-checklist-filter]"));
    options(list).forEach(function (option) {
      var text = fold(option.textContent);
      var shown = words.every(function (word) { return text.indexOf(word) !== -1; }) &&
        filters.every(function (filter) {
          return !filter.value || option.getAttribute("data-" + filter.dataset.checklistFilter) === filter.value;
        });
      option.hidden = !shown;
    });
  }

  function setShown(list, checked) {
    options(list).forEach(function (option) {
      if (!option.hidden) {
        option.querySelector("input").checked = checked;
      }
    });
    count(list);
  }

  function init(root) {
    root.querySelectorAll("[data-checklist]").forEach(function (list) {
      if (list.dataset.checklistReady) {
        return;
      }
      list.dataset.checklistReady = "1";
      list.querySelector("[data-checklist-tools]").hidden = false;
      list.addEventListener("input", function (event) {
        if (event.target.matches("[data-checklist-search], [data-checklist-filter]")) {
          apply(list);
        }
      });
      list.addEventListener("change", function (event) {
        if (event.target.matches("[data-checklist-filter]")) {
          apply(list);
        }
        count(list);
      });
      list.querySelector("[data-checklist-search]").addEventListener("keydown", function (event) {
        // Enter in the search box must not submit the whole form.
        if (event.key === "Enter") {
          event.preventDefault();
        }
      });
      list.querySelector("[data-checklist-all]").addEventListener("click", function () {
        setShown(list, true);
      });
      list.querySelector("[data-checklist-none]").addEventListener("click", function () {
        setShown(list, false);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  // Rows added by the formset script bring their own checklists.
  document.addEventListener("formset:added", function (event) { init(event.target); });
})();
