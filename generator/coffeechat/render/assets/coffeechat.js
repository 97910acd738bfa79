// Sort and filter coffeechat's tables in the browser: no library, no request to any other host.
(function () {
  "use strict";

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    return cell.getAttribute("data-sort") || cell.textContent.trim().toLowerCase();
  }

  function compare(a, b) {
    var numberA = Number(a), numberB = Number(b);
    if (a !== "" && b !== "" && !isNaN(numberA) && !isNaN(numberB)) return numberA - numberB;
    return a.localeCompare(b);
  }

  function sortBy(table, index, header) {
    var body = table.tBodies[0];
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (x, y) {
      var order = compare(cellValue(x, index), cellValue(y, index));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function setUpSorting(table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
      var button = header.querySelector("button");
      if (!button) return;
      button.addEventListener("click", function () { sortBy(table, index, header); });
    });
  }

  function setUpFilter(input) {
    var table = document.getElementById(input.getAttribute("data-table"));
    if (!table) return;
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var text = row.textContent.toLowerCase();
        row.hidden = !words.every(function (word) { return text.indexOf(word) !== -1; });
      });
    });
  }

  // A comparison page: each answer is a `div.cc-answer` header followed by the answer's own
  // elements, up to the next header, group title or `div.cc-end`. The links in `nav.cc-filters`
  // point at #field-… or #company-…; when the address names one, show only those answers.
  function filterAnswers() {
    var filters = document.querySelector("nav.cc-filters");
    if (!filters) return;
    var match = /^#(field|company)-(.+)$/.exec(window.location.hash);
    var attribute = match && (match[1] === "field" ? "data-fields" : "data-companies");
    var wanted = match && decodeURIComponent(match[2]);
    var showing = true, group = null, started = false;
    var children = filters.parentNode.children;
    for (var i = 0; i < children.length; i++) {
      var el = children[i];
      if (el.classList.contains("cc-end")) break;
      if (el.classList.contains("cc-group")) {
        started = true;
        group = el;
        group.hidden = !!match;
        continue;
      }
      if (el.classList.contains("cc-answer")) {
        started = true;
        var values = (el.getAttribute(attribute || "data-fields") || "").split(" ");
        showing = !match || values.indexOf(wanted) !== -1;
        if (showing && group) group.hidden = false;
      }
      if (started) el.hidden = !showing;
    }
    Array.prototype.forEach.call(filters.querySelectorAll("a"), function (link) {
      var current = link.getAttribute("href") === (match ? window.location.hash : "#answers");
      if (current) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("table.cc-sortable"), setUpSorting);
    Array.prototype.forEach.call(document.querySelectorAll("input.cc-filter"), setUpFilter);
    filterAnswers();
    window.addEventListener("hashchange", filterAnswers);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
