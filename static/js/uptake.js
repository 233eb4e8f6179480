// Uptake matching by keyboard: j/k move between suggestions, 1-3 pick a candidate,
// f/p/r confirm fully, partly or reject the picked one, x rejects all shown, n goes to
// the note. Each decision is posted by htmx and the suggestion swapped in place; the
// focus then moves on to the next suggestion still open.
(function () {
  "use strict";

  function suggestions() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-uptake-suggestion]"));
  }

  function current() {
    var active = document.activeElement;
    var card = active && active.closest ? active.closest("[data-uptake-suggestion]") : null;
    return card || document.querySelector("[data-uptake-suggestion].uptake-suggestion--current");
  }

  function select(card, scroll) {
    if (!card) {
      return;
    }
    suggestions().forEach(function (other) {
      other.classList.toggle("uptake-suggestion--current", other === card);
    });
    card.focus({ preventScroll: true });
    if (scroll !== false) {
      card.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }

  function move(step) {
    var all = suggestions();
    var index = all.indexOf(current());
    var next = all[Math.min(Math.max(index + step, 0), all.length - 1)];
    select(next || all[0]);
  }

  function nextUndecided(after) {
    var all = suggestions();
    var start = all.indexOf(after);
    for (var i = start + 1; i < all.length; i += 1) {
      if (!all[i].classList.contains("uptake-suggestion--decided")) {
        return all[i];
      }
    }
    return after;
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var target = event.target;
    var typing = target.matches && target.matches("input[type=text], textarea, select");
    if (typing) {
      if (event.key === "Escape") {
        target.blur();
        select(target.closest("[data-uptake-suggestion]"));
      }
      return; // Enter in the note submits the form as a confirmation (the first button)
    }
    var card = current();
    var key = event.key;
    if (key === "j" || key === "k") {
      move(key === "j" ? 1 : -1);
    } else if (card && /^[1-9]$/.test(key)) {
      var radio = card.querySelector("[data-shortcut='" + key + "']");
      if (radio) {
        radio.checked = true;
      }
    } else if (card && (key === "f" || key === "p" || key === "r" || key === "x")) {
      var button = card.querySelector("button[data-key='" + key + "']");
      if (button) {
        button.click();
      }
    } else if (card && key === "n") {
      var note = card.querySelector("[data-uptake-note]");
      if (note) {
        note.focus();
      }
    } else {
      return;
    }
    event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var card = event.target.closest ? event.target.closest("[data-uptake-suggestion]") : null;
    if (card) {
      suggestions().forEach(function (other) {
        other.classList.toggle("uptake-suggestion--current", other === card);
      });
    }
  });

  // After a decision the suggestion is replaced: go on to the next one still open (or
  // stay on it when the answer shows an error).
  var decidedId = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var card = event.target.closest ? event.target.closest("[data-uptake-suggestion]") : null;
    decidedId = card ? card.id : null;
  });
  document.addEventListener("htmx:afterSettle", function () {
    var swapped = decidedId && document.getElementById(decidedId);
    decidedId = null;
    if (swapped) {
      select(swapped.querySelector(".alert-danger") ? swapped : nextUndecided(swapped));
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var first = document.querySelector(
      "[data-uptake-suggestion]:not(.uptake-suggestion--decided)"
    ) || document.querySelector("[data-uptake-suggestion]");
    if (first && !window.location.hash) {
      select(first, false); // the page opens at its top: the factsheet and its progress
    } else if (window.location.hash) {
      select(document.querySelector(window.location.hash));
    }
  });
})();
