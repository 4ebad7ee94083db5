// Autocomplete for the search box: fills its <datalist> from /api/v1/suggest as the user types.
// The site works without this file; it only adds suggestions. No inline script (the CSP forbids it).
(function () {
  "use strict";
  var DELAY_MS = 150;

  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var endpoint = input.getAttribute("data-suggest");
    if (!list || !endpoint || !window.fetch) { return; }
    var timer = null;
    var controller = null;

    function fill(words) {
      while (list.firstChild) { list.removeChild(list.firstChild); }
      words.forEach(function (word) {
        var option = document.createElement("option");
        option.value = word; // set as a property: never parsed as HTML
        list.appendChild(option);
      });
    }

    function lookup() {
      var prefix = input.value.trim();
      if (prefix.length < 2) { fill([]); return; }
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      var url = endpoint + "?limit=8&q=" + encodeURIComponent(prefix);
      fetch(url, { signal: controller ? controller.signal : undefined, headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) { fill(data.suggestions || []); })
        .catch(function () { /* aborted or offline: keep the box as it is */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(lookup, DELAY_MS);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest]"), attach);
  });
})();
