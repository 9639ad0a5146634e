/* Funnbanken: "copy link" buttons, sortable tables and the review findings' filter. Plain script, no
   dependencies, no requests. Without JavaScript each degrades to what it is: a link to the anchor, a
   static table, and the review findings grouped by theme and listed by confidence. */
(function () {
  "use strict";

  /* The page's words for the scripts, in its edition's language: the JSON in <script id="fb-strings">
     (main.html, from funnbank/i18n.py's js_ keys). A word the page does not give shows as its key. */
  var STRINGS = (function () {
    var element = document.getElementById("fb-strings");
    try { return (element && JSON.parse(element.textContent)) || {}; } catch (error) { return {}; }
  })();
  function word(key) { return typeof STRINGS[key] === "string" ? STRINGS[key] : key; }

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
          link.textContent = word("js_link_copied");
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

  /* The page of all review findings (review_findings.md.j2): its checkboxes, hidden without a script,
     hide the entries whose confidence or theme is unticked, and a theme's section when none of its
     entries is left; the status line says how many are shown. */
  function reviewFindingFilters() {
    var form = document.querySelector(".fb-rf-filters");
    if (!form || form.dataset.fbReady) return;
    form.dataset.fbReady = "1";
    var entries = Array.prototype.slice.call(document.querySelectorAll(".fb-rf-entry"));
    var status = form.querySelector(".fb-rf-status");
    function ticked(name) {
      var values = {};
      form.querySelectorAll("input[name=" + name + "]:checked").forEach(function (box) { values[box.value] = true; });
      return values;
    }
    function apply() {
      var levels = ticked("confidence"), themes = ticked("theme"), shown = 0;
      entries.forEach(function (entry) {
        entry.hidden = !(levels[entry.dataset.confidence] && themes[entry.dataset.theme]);
        if (!entry.hidden) shown += 1;
      });
      document.querySelectorAll("[data-rf-group]").forEach(function (group) {
        group.hidden = !group.querySelector(".fb-rf-entry:not([hidden])");
      });
      status.textContent = shown ? word("js_rf_shown").replace("{n}", shown).replace("{total}", entries.length)
        : word("js_rf_none");
    }
    form.addEventListener("change", apply);
    form.hidden = false;
    apply();
  }

  // Material reads every <link rel=alternate> in <head> as its language selector's target and
  // redirects a click on ANY link under that address to "the same page" there (its base address when
  // it cannot tell). Our alternate links are plain hreflang hints to the same page in the other
  // edition, so that redirect sent the English edition's downloads (cite.bib, data/*.csv, which live
  // in the Norwegian folders) back to a Norwegian page, and dropped the anchor from the language
  // switch. Such clicks are kept from reaching Material's listener on <body>; the browser then follows
  // the link as written. Registered once, in the capture phase, before any listener of the page.
  function keepLinksAsWritten() {
    window.addEventListener("click", function (event) {
      var link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!link || event.metaKey || event.ctrlKey) return;
      var claimed = Array.prototype.some.call(document.querySelectorAll("link[rel=alternate]"), function (alt) {
        var base = alt.href.replace(/\/$/, "");
        return link.href.indexOf(base + "/") === 0 && location.href.indexOf(base) !== 0;
      });
      if (claimed) event.stopPropagation();
    }, true);
  }
  keepLinksAsWritten();

  function init() { copyLinks(); sortableTables(); reviewFindingFilters(); }
  // Material's instant navigation swaps pages without a reload; document$ announces each new page.
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); } else { init(); }
  document.addEventListener("DOMContentLoaded", init);
})();
