// The draft review page: j/k move between items, a accepts, r rejects, e opens the edit fields; clicking a
// highlighted span selects its item; Enter in an item's field presses that item's own button. Plain forms work
// without this script.
(function () {
  "use strict";
  var list = document.getElementById("draft-items");
  if (!list) { return; }
  var items = Array.prototype.slice.call(list.querySelectorAll(".draft-item"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("#draft-text mark"));
  var current = -1;

  function select(k, scroll) {
    if (!items.length) { return; }
    current = Math.max(0, Math.min(items.length - 1, k));
    items.forEach(function (el, j) { el.classList.toggle("current", j === current); });
    var first = null;
    marks.forEach(function (m) {
      var on = m.dataset.items.split(" ").indexOf(String(current)) >= 0;
      m.classList.toggle("current", on);
      if (on && first === null) { first = m; }
    });
    if (scroll) {
      items[current].scrollIntoView({block: "nearest"});
      if (first) { first.scrollIntoView({block: "nearest"}); }
      items[current].focus({preventScroll: true});
    }
  }

  function press(selector) {
    var button = current >= 0 ? items[current].querySelector(selector) : null;
    if (button) { button.click(); }
  }

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (typing(event.target)) {
      if (event.key === "Enter" && event.target.tagName !== "TEXTAREA") {
        // the button of the field's own item or box, not the form's first one ("Check again")
        var item = event.target.closest(".draft-item");
        var box = item ? null : event.target.closest("fieldset, section");
        var own = item ? item.querySelector(event.target.closest("details") ? ".do-edit" : ".do-accept")
          : (box ? box.querySelector("button[type=submit]") : null);
        if (own) { event.preventDefault(); own.click(); }
      } else if (event.key === "Escape") {
        event.target.blur();
      }
      return;
    }
    if (event.key === "j") { select(current + 1, true); event.preventDefault(); }
    else if (event.key === "k") { select(current - 1, true); event.preventDefault(); }
    else if (event.key === "a") {
      var capability = current >= 0 ? items[current].querySelector(".accept-capability") : null;
      if (capability && !capability.value.trim()) { capability.focus(); event.preventDefault(); return; }
      press(".do-accept");
    }
    else if (event.key === "r") { press(".do-reject"); }
    else if (event.key === "e" && current >= 0) {
      var details = items[current].querySelector("details");
      details.open = true;
      var field = details.querySelector("input");
      if (field) { field.focus(); field.select(); }
      event.preventDefault();
    }
  });

  marks.forEach(function (m) {
    m.addEventListener("click", function () { select(parseInt(m.dataset.items.split(" ")[0], 10), true); });
  });
  items.forEach(function (el, j) { el.addEventListener("click", function () { select(j, false); }); });
  select(parseInt(list.dataset.focus || "0", 10), true);
}());
