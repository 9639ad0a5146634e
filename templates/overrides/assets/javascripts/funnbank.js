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

  // Issue 16: the language switch (partials/header.html) keeps the reader's place. Its link is written
  // at build time, without the anchor and the query, which only the browser knows; as the reader
  // follows it (click, Enter, middle click, or "copy link" from the context menu) the link gets the
  // current #anchor (findings, quotes and recommendations have the same ids in every edition) and
  // ?query (the search page's q and filters). Without a script the plain link leads to the same page.
  function switchKeepsPlace() {
    ["click", "auxclick", "contextmenu"].forEach(function (type) {
      window.addEventListener(type, function (event) {
        var link = event.target instanceof Element ? event.target.closest("a.fb-edition-switch") : null;
        if (!link) return;
        if (!link.dataset.fbHref) link.dataset.fbHref = link.getAttribute("href");
        var url = new URL(link.dataset.fbHref, location.href);
        url.search = location.search;
        url.hash = location.hash;
        link.href = url.href;
      }, true);
    });
  }
  switchKeepsPlace();

  // --- Issue 16: the quote bank's and the recommendations page's filters; "copy quote with citation" ---

  /* A list's filters (quotes_theme.md.j2, recommendations.md.j2): the <select>s in .fb-list-filters,
     hidden without a script, hide each listed item (.fb-filter-item) whose data-<select name> does not
     hold the chosen word, and a group ([data-filter-group]: its heading) when none of its items is
     left. An element the page is opened at (#municipal-services) may name a filter and value to start
     from (data-filter-preset="audience municipal-services"): the home page's links to an audience. */
  function listFilters() {
    var box = document.querySelector(".fb-list-filters");
    if (!box || box.dataset.fbReady) return;
    box.dataset.fbReady = "1";
    var items = Array.prototype.slice.call(document.querySelectorAll(".fb-filter-item"));
    var selects = Array.prototype.slice.call(box.querySelectorAll("select"));
    var status = box.querySelector(".fb-list-status");
    function matches(item) {
      return selects.every(function (select) {
        var words = (item.getAttribute("data-" + select.name) || "").split(" ");
        return !select.value || words.indexOf(select.value) >= 0;
      });
    }
    function apply() {
      var shown = 0;
      items.forEach(function (item) {
        item.hidden = !matches(item);
        if (!item.hidden) shown += 1;
      });
      document.querySelectorAll("[data-filter-group]").forEach(function (group) {
        group.hidden = !group.querySelector(".fb-filter-item:not([hidden])");
      });
      var all = selects.every(function (select) { return !select.value; });
      status.textContent = all ? "" : !shown ? word("js_list_none")
        : word(box.hasAttribute("data-paged") ? "js_list_shown_page" : "js_list_shown")
          .replace("{n}", shown).replace("{total}", items.length);
    }
    function preset() {
      var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
      var wanted = target && (target.getAttribute("data-filter-preset") || "").split(" ");
      var select = wanted && box.querySelector("select[name='" + CSS.escape(wanted[0]) + "']");
      if (!select || !select.querySelector("option[value='" + CSS.escape(wanted[1] || "") + "']")) return;
      select.value = wanted[1];
      apply();
    }
    selects.forEach(function (select) { select.addEventListener("change", apply); });
    window.addEventListener("hashchange", preset);
    // A link to its own preset (the audiences' row) applies it again, as the address may not change.
    document.querySelectorAll("a[data-filter-preset]").forEach(function (link) {
      link.addEventListener("click", function () { setTimeout(preset, 0); });
    });
    box.hidden = false;
    apply();
    preset();
  }

  /* Says a result aloud to screen readers (a button's changed words are not announced). */
  function announce(text) {
    var region = document.getElementById("fb-announce");
    if (!region) {
      region = document.createElement("p");
      region.id = "fb-announce";
      region.className = "fb-sr";
      region.setAttribute("role", "status");
      document.body.appendChild(region);
    }
    region.textContent = "";
    setTimeout(function () { region.textContent = text; }, 50);
  }

  /* What the button copies: «the quote» (Author, year, s. 12) and the absolute address of the quote
     on its study page. The English edition copies the translation, where the page shows one, in
     English quotation marks; data-cite then says whose translation it is (funnbank/attribution.py). */
  function citationText(quote) {
    var translation = quote.querySelector(".fb-translation-words");
    var words = translation ? "\u201c" + translation.textContent.trim() + "\u201d"
      : quote.querySelector(".fb-quote-words").textContent.trim();
    return words + " " + quote.getAttribute("data-cite") + " " + new URL(quote.getAttribute("data-cite-href"), location.href).href;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // Without the clipboard API (a page served over plain http): the older way, through a selection.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = document.execCommand && document.execCommand("copy");
      document.body.removeChild(area);
      if (done) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  /* Each quote with a citation (_quote.md.j2) gets a button at the end of its source line. Without a
     script there is no button; the quote, its source and its link are all on the page. */
  function citationButtons() {
    document.querySelectorAll("blockquote.fb-quote[data-cite]").forEach(function (quote) {
      var line = quote.querySelector(".fb-quote-source");
      if (quote.dataset.fbReady || !line || !quote.querySelector(".fb-quote-words")) return;
      quote.dataset.fbReady = "1";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "fb-cite-button";
      button.textContent = word("js_copy_citation");
      button.addEventListener("click", function () {
        copyText(citationText(quote)).then(function () {
          // Said aloud, and shown on the button for a moment.
          announce(word("js_citation_copied"));
          button.textContent = word("js_citation_copied");
          setTimeout(function () { button.textContent = word("js_copy_citation"); }, 2000);
        });
      });
      line.appendChild(document.createTextNode(" "));
      line.appendChild(button);
    });
  }
  // --- end of issue 16 ---

  function init() { copyLinks(); sortableTables(); reviewFindingFilters(); listFilters(); citationButtons(); }
  // Material's instant navigation swaps pages without a reload; document$ announces each new page.
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); } else { init(); }
  document.addEventListener("DOMContentLoaded", init);
})();
