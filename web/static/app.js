// Autocomplete for the search box: /api/v1/suggest's completions in a list under it, an ARIA
// combobox (arrows move, Enter or a click searches the one chosen, Escape closes the list).
// Not a <datalist>: browsers show only the options that contain what was typed, and the
// completions are often spelt otherwise (موتم → مؤتمر, hgvd → الرياض, ٢٠١ → 2015).
// The site works without this file; it only adds suggestions. No inline script (the CSP forbids it).
(function () {
  "use strict";
  var DELAY_MS = 150;

  function attach(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var endpoint = input.getAttribute("data-suggest");
    if (!list || !endpoint || !window.fetch) { return; }
    var timer = null;
    var controller = null;
    var active = -1;

    function options() { return list.querySelectorAll("[role=option]"); }

    function show(open) {
      list.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      if (!open) { select(-1); }
    }

    function select(index) {
      var all = options();
      active = index;
      Array.prototype.forEach.call(all, function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index >= 0 && all[index]) {
        input.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(word) {
      input.value = word;
      show(false);
      if (input.form.requestSubmit) { input.form.requestSubmit(); } else { input.form.submit(); }
    }

    function fill(words) {
      while (list.firstChild) { list.removeChild(list.firstChild); }
      words.forEach(function (word, i) {
        var option = document.createElement("li");
        option.id = list.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = word; // never parsed as HTML
        // mousedown, not click: the box keeps its focus, so its blur does not close the list first
        option.addEventListener("mousedown", function (event) { event.preventDefault(); choose(word); });
        list.appendChild(option);
      });
      show(words.length > 0 && document.activeElement === input);
    }

    function lookup() {
      var prefix = input.value.trim();
      if (prefix.length < 2) { fill([]); return; }
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      var url = endpoint + "?limit=8&q=" + encodeURIComponent(prefix);
      fetch(url, { signal: controller ? controller.signal : undefined, headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) {
          if (input.value.trim() === prefix) { fill(data.suggestions || []); } // not a stale answer
        })
        .catch(function () { /* aborted or offline: keep the box as it is */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(lookup, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      var count = options().length;
      if (!count) { return; }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) { show(true); }
        var step = event.key === "ArrowDown" ? 1 : -1;
        select(active < 0 ? (step > 0 ? 0 : count - 1) : (active + step + count) % count);
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        choose(options()[active].textContent);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault(); // closes the list only; a second Escape clears the box as usual
        show(false);
      }
    });
    input.addEventListener("blur", function () { show(false); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest]"), attach);
  });
})();
