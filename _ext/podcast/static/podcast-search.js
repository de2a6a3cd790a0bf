/* The search page, on Pagefind's index: only the chunks a query needs are
 * fetched, and a result's fragment only when it is shown.
 *
 * The page is its own link: search.html?q=...&kind=...&year=...&guest=...
 * (the navbar's field and Ctrl+K lead here). Within a result, the chapters,
 * transcript paragraphs and books that match are sub-results: a chapter's anchor seeks
 * the episode's player (podcast.js), a paragraph's "#t=" shows it in the
 * transcript, and its "Play" link starts the episode there.
 */
(function () {
  "use strict";
  var root = document.getElementById("podcast-search");
  if (!root) return;
  var PAGE = 10; // results shown at a time: each is one fragment to fetch
  var FILTERS = ["kind", "year", "guest"];
  // The transcripts' own index counts less: a topic or a name finds its episode or
  // person first, the hour that mentions it after.
  var TRANSCRIPTS_WEIGHT = 0.5;
  var form = root.querySelector("form");
  var input = form.elements.q;
  var status = document.getElementById("podcast-search-status");
  var list = document.getElementById("podcast-search-results");
  var more = document.getElementById("podcast-search-more");
  var site = new URL(document.documentElement.dataset.content_root || "./", location.href);
  var bundles = (root.dataset.bundles || "pagefind/").split(" ").filter(Boolean);
  var loading = null;
  var shown = { results: [], next: 0 };
  var generation = 0;

  function engine() {
    if (!loading) {
      var options = { baseUrl: site.pathname, excerptLength: 24 };
      loading = import(new URL(bundles[0] + "pagefind.js", site).href).then(function (pagefind) {
        return pagefind.options(options).then(function () {
          return Promise.all(bundles.slice(1).map(function (bundle) {
            var weight = bundle.indexOf("pagefind-transcripts") === 0 ? TRANSCRIPTS_WEIGHT : 1;
            return pagefind.mergeIndex(new URL(bundle, site).href,
                                       Object.assign({ indexWeight: weight }, options));
          }));
        }).then(function () { return pagefind; });
      }).catch(function (error) {
        loading = null; // the next search tries again
        throw error;
      });
    }
    return loading;
  }

  /* -- The form and the address: each tells the other. -- */

  function chosen() {
    var filters = {};
    FILTERS.forEach(function (name) {
      var value = form.elements[name].value;
      if (value) filters[name] = value;
    });
    return filters;
  }

  function fromAddress() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    FILTERS.forEach(function (name) {
      var value = params.get(name) || "";
      var select = form.elements[name];
      if (value && !Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.add(new Option(value, value)); // until the filters are loaded
      }
      select.value = value;
    });
  }

  function toAddress() {
    var params = new URLSearchParams();
    if (input.value.trim()) params.set("q", input.value.trim());
    var filters = chosen();
    FILTERS.forEach(function (name) { if (filters[name]) params.set(name, filters[name]); });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  function fillFilters(pagefind) {
    return pagefind.filters().then(function (available) {
      ["year", "guest"].forEach(function (name) {
        var select = form.elements[name];
        var current = select.value;
        var values = Object.keys(available[name] || {});
        values.sort(name === "year" ? function (a, b) { return b.localeCompare(a); }
                                    : function (a, b) { return a.localeCompare(b); });
        while (select.options.length > 1) select.remove(1);
        values.forEach(function (value) { select.add(new Option(value, value)); });
        select.value = current;
      });
    });
  }

  /* -- Sub-results: the chapter, paragraph or book where the words are. -- */

  var PLACES = /^(chapter-|t-\d+$|book-)/;

  function places(data) {
    var words = data.content.split(/\s+/);
    var anchors = (data.anchors || []).slice().sort(function (a, b) { return a.location - b.location; });
    var found = {};
    data.locations.forEach(function (at) {
      var place = null;
      var end = words.length;
      for (var i = 0; i < anchors.length; i++) {
        if (anchors[i].location > at) { end = anchors[i].location; break; }
        place = anchors[i];
      }
      if (!place || !PLACES.test(place.id)) return;
      var key = place.id;
      if (!found[key]) found[key] = { anchor: place, end: end, hits: [] };
      found[key].hits.push(at);
    });
    return Object.keys(found).map(function (key) { return found[key]; })
      .sort(function (a, b) { return b.hits.length - a.hits.length || a.anchor.location - b.anchor.location; })
      .slice(0, 3)
      .map(function (place) { return describe(place, words, data); });
  }

  function describe(place, words, data) {
    var id = place.anchor.id;
    var start = place.anchor.location;
    var segment = words.slice(start, place.end);
    var hits = place.hits.map(function (at) { return at - start; });
    var url = data.url.split("#")[0];
    if (id.indexOf("t-") === 0) { // a transcript paragraph: its time, then what was said
      var seconds = parseInt(id.slice(2), 10);
      return {
        title: clock(seconds),
        url: url + "#t=" + seconds,
        play: first(data, "episode_url") ? new URL(first(data, "episode_url"), site).pathname +
          "#t=" + seconds : null,
        words: window_(segment, hits),
      };
    }
    // a chapter or a book: its line is short, and is the title
    return { title: segment.slice(0, 24).join(" "), url: url + "#" + id, marks: hits, words: null };
  }

  function clock(seconds) { // 75 -> "01:15", 3675 -> "1:01:15", as the chapters show it
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    var hours = Math.floor(seconds / 3600);
    var rest = two(Math.floor(seconds / 60) % 60) + ":" + two(seconds % 60);
    return hours ? hours + ":" + rest : rest;
  }

  // Some words around the first hit, as [word, hit?] pairs.
  function window_(segment, hits) {
    var from = Math.max(0, (hits.length ? hits[0] : 0) - 10);
    var to = Math.min(segment.length, from + 28);
    var marked = {};
    hits.forEach(function (at) { marked[at] = true; });
    var out = [];
    for (var i = from; i < to; i++) out.push([segment[i], !!marked[i]]);
    return { words: out, before: from > 0, after: to < segment.length };
  }

  /* -- Drawing: text as text; only Pagefind's excerpts (escaped, with <mark>) as HTML. -- */

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var EDGES = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u; // a word's punctuation, unmarked

  function markedWords(container, shown) {
    if (shown.before) container.appendChild(document.createTextNode("… "));
    shown.words.forEach(function (pair, index) {
      var text = (index ? " " : "") + pair[0];
      if (!pair[1]) return container.appendChild(document.createTextNode(text));
      var parts = EDGES.exec(text);
      container.appendChild(document.createTextNode(parts[1]));
      container.appendChild(element("mark", "", parts[2]));
      container.appendChild(document.createTextNode(parts[3]));
    });
    if (shown.after) container.appendChild(document.createTextNode(" …"));
  }

  function first(data, filter) {
    return data.filters && data.filters[filter] ? data.filters[filter][0] : "";
  }

  function draw(data) {
    var item = element("li", "podcast-search-result");
    var facts = [first(data, "kind"), first(data, "year")];
    item.appendChild(element("p", "podcast-search-facts", facts.filter(Boolean).join(" · ")));
    var heading = element("h2", "podcast-search-title");
    // a transcript's title is a filter (Pagefind searches titles; the episode's finds it)
    var link = element("a", "", first(data, "episode_title") ?
      "Transcript: " + first(data, "episode_title") : (data.meta && data.meta.title) || data.url);
    link.href = data.url;
    heading.appendChild(link);
    item.appendChild(heading);
    var excerpt = element("p", "podcast-search-excerpt");
    excerpt.innerHTML = data.excerpt; // Pagefind escapes the text, then adds <mark>
    item.appendChild(excerpt);
    var subs = places(data);
    if (subs.length) {
      var inner = element("ul", "podcast-search-places");
      subs.forEach(function (sub) {
        var line = element("li");
        var to = element("a", "podcast-search-place", sub.title);
        to.href = sub.url;
        line.appendChild(to);
        if (sub.play) {
          line.appendChild(document.createTextNode(" "));
          var play = element("a", "podcast-search-play", "Play from here");
          play.href = sub.play;
          play.setAttribute("aria-label", "Play the episode from " + sub.title);
          line.appendChild(play);
        }
        if (sub.words) {
          var said = element("p", "podcast-search-said");
          markedWords(said, sub.words);
          line.appendChild(said);
        }
        inner.appendChild(line);
      });
      item.appendChild(inner);
    }
    return item;
  }

  function showMore(current) {
    var batch = shown.results.slice(shown.next, shown.next + PAGE);
    shown.next += batch.length;
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (found) {
      if (current !== generation) return;
      found.forEach(function (data) { list.appendChild(draw(data)); });
      more.hidden = shown.next >= shown.results.length;
    });
  }

  function say(count, query, filters) {
    var what = query ? "“" + query + "”" : "the filters";
    var narrowed = Object.keys(filters).length && query ? " (filtered)" : "";
    status.textContent = count === 0 ? "Nothing found for " + what + narrowed + "."
      : count + (count === 1 ? " result" : " results") + " for " + what + narrowed + ".";
  }

  function search() {
    var current = ++generation;
    var query = input.value.trim();
    var filters = chosen();
    toAddress();
    if (!query && !Object.keys(filters).length) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "";
      return Promise.resolve();
    }
    status.textContent = "Searching…";
    return engine().then(function (pagefind) {
      return pagefind.search(query || null, { filters: filters });
    }).then(function (found) {
      if (current !== generation || !found) return;
      list.replaceChildren();
      shown = { results: found.results, next: 0 };
      say(found.results.length, query, filters);
      return showMore(current);
    }).catch(function (error) {
      if (current !== generation) return;
      status.textContent = "The search could not be loaded (" + error.message + ").";
    });
  }

  var typing = null;
  input.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(search, 250);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(typing);
    search();
  });
  FILTERS.forEach(function (name) { form.elements[name].addEventListener("change", search); });
  more.addEventListener("click", function () {
    var first = list.children.length;
    showMore(generation).then(function () {
      var next = list.children[first];
      var target = next && next.querySelector("a");
      if (target) target.focus(); // keyboard users land on the first new result
    });
  });

  // The years and guests on offer: read from the index when the filters are
  // first approached (a search alone never needs them).
  var offered = null;
  function offer() {
    if (!offered) offered = engine().then(fillFilters).catch(function () { offered = null; });
  }
  var filters = form.querySelector(".podcast-search-filters");
  filters.addEventListener("pointerenter", offer);
  filters.addEventListener("focusin", offer);

  fromAddress();
  var asked = input.value.trim() || Object.keys(chosen()).length;
  if (Object.keys(chosen()).length) offer();
  if (asked) search(); else input.focus();
})();
