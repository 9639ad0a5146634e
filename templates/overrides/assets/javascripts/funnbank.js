/* Funnbanken: "copy link" buttons and sortable tables. Plain script, no dependencies, no requests.
   Without JavaScript both degrade to what they are: a link to the anchor, and a static table. */
(function () {
  "use strict";

  function copyLinks() {
    document.querySelectorAll("a.fb-copy").forEach(function (link) {
      if (link.dataset.fbReady) return;
      link.dataset.fbReady = "1";
      link.addEventListener("click", function (event) {
        if (!navigator.clipboard) return; // fall back to following the anchor
        event.preventDefault();
        var url = new URL(link.getAttribute("href"), location.href).href;
        navigator.clipboard.writeText(url).then(function () {
          var text = link.textContent;
          link.textContent = document.documentElement.lang === "en" ? "Link copied" : "Lenke kopiert";
          history.replaceState(null, "", url);
          setTimeout(function () { link.textContent = text; }, 2000);
        });
      });
    });
  }

  function cellValue(row, index) {
    var text = row.cells[index].textContent.trim();
    var number = parseFloat(text.replace(",", "."));
    return isNaN(number) ? text.toLocaleLowerCase("nb") : number;
  }

  function sortableTables() {
    document.querySelectorAll(".fb-sortable table").forEach(function (table) {
      if (table.dataset.fbReady) return;
      table.dataset.fbReady = "1";
      var headers = table.tHead ? table.tHead.rows[0].cells : [];
      Array.prototype.forEach.call(headers, function (th, index) {
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = th.textContent;
        th.textContent = "";
        th.appendChild(button);
        th.setAttribute("aria-sort", "none");
        button.addEventListener("click", function () {
          var ascending = th.getAttribute("aria-sort") !== "ascending";
          Array.prototype.forEach.call(headers, function (other) { other.setAttribute("aria-sort", "none"); });
          th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = cellValue(a, index), y = cellValue(b, index);
            if (typeof x !== typeof y) { x = String(x); y = String(y); }
            var order = typeof x === "number" ? x - y : x.localeCompare(y, "nb");
            return ascending ? order : -order;
          });
          rows.forEach(function (row) { body.appendChild(row); });
        });
      });
    });
  }

  function init() { copyLinks(); sortableTables(); }
  // Material's instant navigation swaps pages without a reload; document$ announces each new page.
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); } else { init(); }
  document.addEventListener("DOMContentLoaded", init);
})();
