// Formsets edited in place. A button [data-formset-add="<prefix>"] copies the blank row
// in <template id="<prefix>-template"> to the end of #<prefix>-rows, numbering it with
// the formset's TOTAL_FORMS (which it then raises) in place of the button's
// data-formset-placeholder. Nothing is saved until the form is. Rows with
// [data-row-move] buttons move up and down, and the rows in use (a person or a stored
// row) are renumbered in their new order; a new row's order follows the last one. Without this script the page still offers one
// blank row per formset.
(function () {
  "use strict";

  document.querySelectorAll("[data-formset-add]").forEach(function (button) {
    button.hidden = false;
  });
  document.querySelectorAll("[data-row-move]").forEach(function (button) {
    button.closest(".row-move").hidden = false;
  });

  function addRow(button) {
    var prefix = button.dataset.formsetAdd;
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var template = document.getElementById(prefix + "-template");
    var index = String(Number(total.value));
    var copy = document.createElement("template");
    copy.innerHTML = template.innerHTML.split(button.dataset.formsetPlaceholder).join(index);
    var row = copy.content.firstElementChild;
    document.getElementById(prefix + "-rows").appendChild(copy.content);
    total.value = Number(index) + 1;
    var order = row.querySelector("[data-row-order]");
    if (order) {
      order.value = lastOrder(row.parentNode) + 1;
    }
    row.querySelectorAll("[data-formset-add]").forEach(function (inner) { inner.hidden = false; });
    row.querySelectorAll(".row-move").forEach(function (group) { group.hidden = false; });
    if (window.htmx) {
      window.htmx.process(row);
    }
    row.dispatchEvent(new CustomEvent("formset:added", { bubbles: true }));
    var first = row.querySelector("input:not([type=hidden]), select, textarea");
    if (first) {
      first.focus();
    }
  }

  function inUse(row) {
    var person = row.querySelector("[data-picker-value]");
    var stored = row.querySelector("input[type=hidden][name$='-id']");
    return (person && person.value) || (stored && stored.value);
  }

  function lastOrder(rows) {
    var last = 0;
    rows.querySelectorAll("[data-row-order]").forEach(function (order) {
      last = Math.max(last, Number(order.value) || 0);
    });
    return last;
  }

  function renumber(rows) {
    var number = 0;
    Array.prototype.forEach.call(rows.children, function (row) {
      var order = row.querySelector("[data-row-order]");
      if (order && inUse(row)) {
        number += 1;
        order.value = number;
      }
    });
  }

  function moveRow(button) {
    var row = button.closest("[data-formset-row]");
    var other = button.dataset.rowMove === "up" ? row.previousElementSibling : row.nextElementSibling;
    if (!other) {
      return;
    }
    if (button.dataset.rowMove === "up") {
      row.parentNode.insertBefore(row, other);
    } else {
      row.parentNode.insertBefore(other, row);
    }
    renumber(row.parentNode);
    button.focus();
  }

  document.addEventListener("click", function (event) {
    var add = event.target.closest("[data-formset-add]");
    if (add) {
      event.preventDefault();
      addRow(add);
      return;
    }
    var move = event.target.closest("[data-row-move]");
    if (move) {
      event.preventDefault();
      moveRow(move);
    }
  });
})();
