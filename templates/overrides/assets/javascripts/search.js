/* Funnbanken search: Pagefind behind Material's header search box, and the search page (/sok/)
   with filters kept in the URL. Pagefind's index lives in <edition root>/pagefind/ and is loaded
   in chunks on demand; nothing is fetched until someone searches. No other host is contacted. */
(function () {
  "use strict";

  var script = document.currentScript;
  // This file is <edition root>/assets/javascripts/search.js, in any engine and under any base URL.
  var root = new URL("../../", script.src);
  /* The page's words for the scripts, in its edition's language: the JSON in <script id="fb-strings">
     (main.html, from funnbank/i18n.py's js_ keys). A word the page does not give shows as its key. */
  var STRINGS = (function () {
    var element = document.getElementById("fb-strings");
    try { return (element && JSON.parse(element.textContent)) || {}; } catch (error) { return {}; }
  })();
  function word(key) { return typeof STRINGS[key] === "string" ? STRINGS[key] : key; }
  var HEADER_RESULTS = 8;
  var PAGE_SIZE = 20;
  // How Pagefind ranks (https://pagefind.app/docs/ranking/). The index (funnbank/search.py) holds each
  // finding, quote and recommendation once, in a record of its own, and the study, concept and theme
  // pages without what they repeat; the text of concept and theme pages weighs half. Here:
  // - pageLength 0.15 (Pagefind: 0.75): a study page is many times as long as a quote by nature, not
  //   because it is less about what it says; at 0.75 it could hardly come first.
  // - metaWeights: a match in a result's title counts 5 times (Pagefind's default), in a concept's other
  //   names ("peer support", "likemann") as in its title. An item's study, by its short name (`context`,
  //   shown) and its title (`study`, not shown), counts as the text and half: the peer workers' study's
  //   findings are found by "erfaringskonsulent", but do not all outrank what names the word itself. A
  //   teaser or a quote's speaker only repeats the result's words: no weight.
  var RANKING = {
    pageLength: 0.15,
    metaWeights: { title: 5, names: 5, context: 1, study: 0.5, teaser: 0, source: 0 },
  };
  // Concept and theme pages (the `overview` filter, search.OVERVIEW_FILTER) tell in their own words what
  // many studies found. When a study's own words match too, the study and its findings come first: such
  // a page's score counts OVERVIEW_SCORE of Pagefind's. Pagefind weighs no page as a whole, so the two
  // are searched apart and merged (`rankedSearch`).
  var OVERVIEW = { overview: "yes" };
  var OVERVIEW_SCORE = 0.6;

  var pagefindPromise = null;
  function pagefind() {
    if (!pagefindPromise) {
      pagefindPromise = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname, excerptLength: 24, ranking: RANKING })
          .then(function () { return pf; });
      });
    }
    return pagefindPromise;
  }

  /* Pagefind's search with the ranking above: {results, filters} as Pagefind gives them, the results
     (each with `score` and `data()`) in one list, best first, and the filter counts of both searches
     added up (the two share no result). Without words: the browse order. */
  function rankedSearch(pf, query, filters) {
    // Without words, the index's order is the browse order (search.BROWSE_ORDER, `_in_browse_order`).
    if (!query) return pf.search(null, { filters: filters });
    var chosen = Object.keys(filters).length ? [filters] : [];
    return Promise.all([
      pf.search(query, { filters: { all: chosen.concat([{ not: OVERVIEW }]) } }),
      pf.search(query, { filters: { all: chosen.concat([OVERVIEW]) } }),
    ]).then(function (both) {
      var overviews = both[1].results.map(function (r) {
        return { id: r.id, score: r.score * OVERVIEW_SCORE, data: r.data };
      });
      var results = both[0].results.concat(overviews).sort(function (a, b) { return b.score - a.score; });
      return { results: results, filters: addCounts(both[0].filters, both[1].filters) };
    });
  }

  function addCounts(a, b) {
    var sum = {};
    [a || {}, b || {}].forEach(function (counts) {
      Object.keys(counts).forEach(function (key) {
        sum[key] = sum[key] || {};
        Object.keys(counts[key]).forEach(function (value) {
          sum[key][value] = (sum[key][value] || 0) + counts[key][value];
        });
      });
    });
    return sum;
  }

  function countText(n) {
    return n === 0 ? word("js_search_none") : n === 1 ? word("js_search_one") : word("js_search_many").replace("{n}", n);
  }

  /* Pagefind's excerpt marks the matched words with <mark>. Keep only text and <mark>, whatever
     else the excerpt holds, so text from the content can never become markup here. */
  function excerptNode(excerpt) {
    var parsed = document.createElement("template");
    parsed.innerHTML = excerpt || "";
    var out = document.createElement("span");
    parsed.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* One result: title (a link to the page or the item's anchor), what kind it is, its study; the
     words around the match, or without words the result's own teaser; a quote's speaker and place. */
  function resultItem(data, classes, withWords) {
    var item = el("li", classes.item);
    var link = el("a", classes.link);
    link.href = data.url;
    var article = el("article", classes.article);
    var kind = (data.filters.type || [])[0];
    var heading = el("h2", classes.title, data.meta.title);
    article.appendChild(heading);
    var context = [kind, data.meta.context].filter(Boolean).join(" · ");
    if (context) article.appendChild(el("p", classes.context, context));
    // Without words Pagefind's excerpt is the page's first words ("Fakta. Opplysning Verdi …"): a page
    // shows its teaser instead. A record without one (a finding) shows its first words, which are its
    // summary; a quote shows nothing more (its title is its words).
    var teaser = withWords ? excerptNode(data.excerpt)
      : data.meta.teaser ? document.createTextNode(data.meta.teaser)
      : !data.meta.source && excerptNode(data.excerpt);
    if (teaser) {
      var paragraph = el("p", classes.teaser);
      paragraph.appendChild(teaser);
      article.appendChild(paragraph);
    }
    if (data.meta.source) article.appendChild(el("p", classes.source, "— " + data.meta.source));
    link.appendChild(article);
    item.appendChild(link);
    return item;
  }

  /* ---- The header search box ---- */

  function headerSearch() {
    var box = document.querySelector(".fb-search");
    var toggle = document.getElementById("__search");
    if (!box || !toggle) return;
    var input = box.querySelector(".md-search__input");
    var list = box.querySelector(".md-search-result__list");
    var meta = box.querySelector(".md-search-result__meta");
    var form = box.querySelector("form");
    var latest = 0;
    var classes = {
      item: "md-search-result__item", link: "md-search-result__link", article: "md-search-result__article md-typeset",
      title: "fb-result-title", context: "fb-result-context", teaser: "md-search-result__teaser",
      source: "fb-result-source",
    };

    function open() {
      toggle.checked = true;
      input.setAttribute("aria-expanded", "true");
    }
    function close() {
      toggle.checked = false;
      input.setAttribute("aria-expanded", "false");
      input.blur();
    }
    function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

    input.addEventListener("focus", open);
    toggle.addEventListener("change", function () {
      if (toggle.checked) input.focus(); else input.setAttribute("aria-expanded", "false");
    });
    form.addEventListener("reset", function () { list.textContent = ""; meta.textContent = word("js_search_start"); });
    meta.textContent = word("js_search_start");

    var typing = null;
    input.addEventListener("input", function () {
      var query = input.value.trim();
      var ticket = ++latest;
      clearTimeout(typing);
      if (!query) { list.textContent = ""; meta.textContent = word("js_search_start"); return; }
      // Searched once typing pauses; `ticket` drops an answer a later keystroke has overtaken.
      typing = setTimeout(function () {
        pagefind().then(function (pf) { return rankedSearch(pf, query, {}); }).then(show);
      }, 150);

      function show(search) {
        if (!search || ticket !== latest) return null;
        return Promise.all(search.results.slice(0, HEADER_RESULTS).map(function (r) { return r.data(); }))
          .then(function (results) {
            if (ticket !== latest) return;
            list.textContent = "";
            meta.textContent = countText(search.results.length);
            results.forEach(function (data) { list.appendChild(resultItem(data, classes, true)); });
            var more = el("li", "md-search-result__item fb-search-all");
            var link = el("a", "md-search-result__link", word("js_search_all"));
            link.href = form.action.split("?")[0] + "?q=" + encodeURIComponent(query);
            more.appendChild(link);
            list.appendChild(more);
          });
      }
    });

    // Arrow keys move between the results; Escape closes. The page's own shortcuts: "/", "s", "f".
    box.addEventListener("keydown", function (event) {
      var all = links();
      var at = all.indexOf(document.activeElement);
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!all.length) return;
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        var next = at + step;
        if (next < 0) input.focus(); else all[Math.min(next, all.length - 1)].focus();
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      var target = event.target;
      var typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement ||
        target instanceof HTMLSelectElement || (target && target.isContentEditable);
      if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) {
        event.preventDefault();
        open();
        input.focus();
        input.select();
      }
    });
  }

  /* ---- The search page, /sok/ ---- */

  function searchPage() {
    var page = document.getElementById("fb-search-page");
    if (!page) return;
    var names = JSON.parse(page.dataset.filterNames);
    // The values of the filters with an order of their own (kinds of result, levels of confidence, stages).
    var orders = JSON.parse(page.dataset.valueOrders);
    var form = page.querySelector("form");
    var input = form.querySelector("input[type=search]");
    var filtersBox = page.querySelector(".fb-filters");
    var filtersFold = page.querySelector(".fb-filters-box");
    var chosenCount = page.querySelector(".fb-filters-count");
    var status = page.querySelector(".fb-search-status");
    var list = page.querySelector(".fb-search-results");
    var more = page.querySelector(".fb-search-more");
    var none = page.querySelector(".fb-no-results");
    var classes = { item: "fb-result", link: "fb-result-link", article: "", title: "fb-result-title",
                    context: "fb-result-context", teaser: "fb-result-teaser", source: "fb-result-source" };
    var state = readUrl();
    var ready = pagefind();
    // Every filter's values, once the reader opens the filters (`loadFilters`); until then null.
    // Pagefind fetches a filter's values only when asked, and all of them are most of what a first
    // search would fetch (574 of 929 KB at 1,000 studies), so they are asked for only when shown. A
    // search's counts cover every filter once they are loaded, and until then the filters it uses.
    var allValues = null;
    var loading = null;
    var current = null;
    var refocus = null; // the filter just used: keyboard focus returns to it when the list is redrawn
    var shown = 0;
    var latest = 0;

    function readUrl() {
      var params = new URLSearchParams(location.search);
      var chosen = {};
      Object.keys(names).forEach(function (key) {
        var values = params.getAll(key);
        if (values.length) chosen[key] = values;
      });
      return { q: params.get("q") || "", filters: chosen };
    }

    function writeUrl() {
      var params = new URLSearchParams();
      if (state.q) params.set("q", state.q);
      Object.keys(state.filters).forEach(function (key) {
        state.filters[key].forEach(function (value) { params.append(key, value); });
      });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
    }

    function pagefindFilters() {
      var out = {};
      Object.keys(state.filters).forEach(function (key) { out[key] = { any: state.filters[key] }; });
      return out;
    }

    function sortValues(key, counts) {
      var values = Object.keys(counts);
      if (key in orders) return orders[key].filter(function (v) { return v in counts; });
      if (key === "year") return values.sort().reverse();
      return values.sort(function (a, b) { return counts[b] - counts[a] || a.localeCompare(b, "nb"); });
    }

    /* The folded filters' summary says how many values are chosen ("2 valgt"). */
    function showChosenCount() {
      var n = Object.keys(state.filters).reduce(function (sum, key) { return sum + state.filters[key].length; }, 0);
      chosenCount.textContent = n ? "(" + word("js_filters_chosen").replace("{n}", n) + ")" : "";
    }

    /* One fieldset per filter; values with results (or chosen) get a checkbox with their count, the
       whole label its target (at least 24 × 24 px, WCAG 2.2). */
    function renderFilters(counts) {
      showChosenCount();
      filtersBox.textContent = "";
      Object.keys(names).forEach(function (key) {
        var values = sortValues(key, counts[key] || {}).filter(function (value) {
          return counts[key][value] > 0 || (state.filters[key] || []).indexOf(value) >= 0;
        });
        if (!values.length) return;
        var fieldset = el("fieldset", "fb-filter");
        fieldset.appendChild(el("legend", null, names[key]));
        var shortList = el("div", "fb-filter-values");
        var rest = null;
        values.forEach(function (value, index) {
          var row = el("label", "fb-filter-value fb-check");
          var box = el("input");
          box.type = "checkbox";
          box.name = key;
          box.value = value;
          box.checked = (state.filters[key] || []).indexOf(value) >= 0;
          row.appendChild(box);
          row.appendChild(el("span", null, value + " (" + (counts[key][value] || 0) + ")"));
          if (index < 10 || box.checked) {
            shortList.appendChild(row);
          } else {
            if (!rest) { rest = el("details", "fb-filter-rest"); rest.appendChild(el("summary", null, "+ " + (values.length - 10))); }
            rest.appendChild(row);
          }
        });
        fieldset.appendChild(shortList);
        if (rest) fieldset.appendChild(rest);
        filtersBox.appendChild(fieldset);
      });
      if (refocus) {
        var again = filtersBox.querySelector('input[name="' + refocus.name + '"][value="' + CSS.escape(refocus.value) + '"]');
        (again || input).focus();
        refocus = null;
      }
    }

    /* The next PAGE_SIZE results; the button is there only while there are more. */
    function showMore() {
      var ticket = latest;
      var batch = current.results.slice(shown, shown + PAGE_SIZE);
      shown += batch.length;
      more.hidden = shown >= current.results.length;
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (results) {
        if (ticket !== latest) return;
        results.forEach(function (data) { list.appendChild(resultItem(data, classes, Boolean(state.q))); });
      });
    }

    function run() {
      var ticket = ++latest;
      writeUrl();
      var hasFilters = Object.keys(state.filters).length > 0;
      if (!state.q && !hasFilters) {
        list.textContent = "";
        status.textContent = "";
        none.hidden = true;
        more.hidden = true;
        if (allValues) renderFilters(allValues);
        return Promise.resolve();
      }
      return ready.then(function (pf) {
        return rankedSearch(pf, state.q, pagefindFilters());
      }).then(function (search) {
        if (ticket !== latest) return null;
        current = search;
        shown = 0;
        list.textContent = "";
        status.textContent = countText(search.results.length);
        none.hidden = search.results.length > 0;
        renderFilters(search.filters);
        return showMore();
      });
    }

    input.value = state.q;
    var typing = null;
    input.addEventListener("input", function () {
      clearTimeout(typing);
      typing = setTimeout(function () { state.q = input.value.trim(); run(); }, 200);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(typing);
      state.q = input.value.trim();
      run();
    });
    filtersBox.addEventListener("change", function (event) {
      var box = event.target;
      var chosen = state.filters[box.name] || [];
      chosen = chosen.filter(function (v) { return v !== box.value; });
      if (box.checked) chosen.push(box.value);
      if (chosen.length) state.filters[box.name] = chosen; else delete state.filters[box.name];
      refocus = { name: box.name, value: box.value };
      run();
    });
    more.addEventListener("click", function () { if (current) showMore(); });

    /* Every filter's values, fetched the first time the filters are opened; then the search runs
       again, so its counts cover them all. */
    function loadFilters() {
      if (!loading) {
        loading = ready.then(function (pf) { return pf.filters(); }).then(function (all) {
          allValues = all;
          return run();
        }).then(function () { filtersFold.dataset.loaded = "all"; });
      }
      return loading;
    }
    filtersFold.addEventListener("toggle", function () { if (filtersFold.open) loadFilters(); });
    // Folded until the reader opens them, so a first search fetches no filter values. A shared link
    // with chosen filters opens them where they stand beside the results (the layout's breakpoint,
    // funnbank.css); on a narrow screen they would push the results below the fold, and stay folded.
    filtersFold.open = Object.keys(state.filters).length > 0 && window.matchMedia("(min-width: 45em)").matches;
    page.classList.add("fb-ready");
    run();
  }

  headerSearch();
  searchPage();
})();
