/* geoinnenstadt explore controls: time slider, filters, search, shareable view (URL fragment);
   printing is print.js. Every figure is computed in Python and embedded; this code only selects.
   Every text from the data is inserted with textContent, never as HTML.
   Test hooks (documented in geoinnenstadt.maps): window.__gi.dates(), .setDate(iso),
   .state() -> {date, units, vacant, figures}, .search(text) -> number of hits (opens the first),
   .normalise(text) (the search rule, the same as geoinnenstadt.maps.explore.search_key). */
(function () {
  var G = window.__gi;
  if (!G || G.ready) { return; }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function normalise(s) {
    if (s === null || s === undefined) { return ''; }
    return String(s).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss')
      .replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  }
  G.normalise = normalise;
  G.cfg = {dates: [], filters: [], texts: {}};
  G.current = null;
  G.filterState = {};

  function nearest(dates, iso) {
    var k = dates.indexOf(iso);
    if (k >= 0) { return k; }
    k = 0;
    for (var j = 0; j < dates.length; j++) { if (dates[j] <= iso) { k = j; } }
    return k;
  }
  function eachLayer(fn) { for (var key in G.layers) { if (G.layers.hasOwnProperty(key)) { fn(G.layers[key], key); } } }

  /* ---------------------------------------------------------------- filters */
  function keep(entry, i, code) {
    var groups = entry.opts.filters;
    if (!groups) { return true; }
    for (var g = 0; g < groups.length; g++) {
      var grp = groups[g], checked = G.filterState[grp.key];
      if (!checked || checked.indexOf(false) < 0) { continue; }
      var hit = -1;
      for (var o = 0; o < grp.options.length && hit < 0; o++) {
        var opt = grp.options[o];
        if (grp.by === 'code') { if (opt.codes.indexOf(code) >= 0) { hit = o; } }
        else if (G.value(entry, grp.col, i, null) === opt.value) { hit = o; }
      }
      if (hit >= 0 && !checked[hit]) { return false; }
    }
    return true;
  }
  function redraw() {
    eachLayer(function (entry) { G.restyle(entry, keep); });
    G.markRendered();
  }

  /* ---------------------------------------------------------------- dates */
  G.dates = function () { return G.cfg.dates.slice(); };
  G.setDate = function (iso) {
    var dates = G.cfg.dates, k = dates.indexOf(iso);
    if (k < 0) { return false; }
    G.current = iso;
    eachLayer(function (entry) { if (entry.data.t) { entry.di = nearest(entry.data.t.dates, iso); } });
    for (var b = 0; b < G.boxes.length; b++) {
      var box = G.boxes[b];
      box.div.innerHTML = box.html[nearest(box.dates, iso)];  /* built from escaped text in Python */
    }
    if (G.map) { G.map.closePopup(); }
    redraw();
    if (G.slider) {
      G.slider.value = String(k);
      G.dateLabel.textContent = (G.cfg.date_texts || dates)[k];
      G.prev.disabled = k === 0;
      G.next.disabled = k === dates.length - 1;
    }
    if (G.printDate) { G.printDate.textContent = (G.cfg.date_texts || dates)[k]; }
    saveHash();
    return true;
  };
  G.state = function () {
    var units = G.layers.units || G.layers.sites, n = 0, vacant = null;
    if (units) {
      var vc = units.opts.vacantCodes;
      if (vc) { vacant = 0; }
      for (var i = 0; i < units.items.length; i++) {
        if (!units.shown[i]) { continue; }
        n++;
        if (vc && vc.indexOf(G.codeAt(units, i)) >= 0) { vacant++; }
      }
    }
    var k = G.cfg.dates.indexOf(G.current), out = {date: G.current, units: n, vacant: vacant};
    if (units && units.opts.takenCodes) {
      out.taken_up = 0;
      for (var j = 0; j < units.items.length; j++) {
        if (units.opts.takenCodes.indexOf(G.codeAt(units, j)) >= 0) { out.taken_up++; }
      }
    }
    out.figures = G.cfg.figures && k >= 0 ? G.cfg.figures[k] : null;
    return out;
  };

  /* ---------------------------------------------------------------- search */
  function find(text) {
    var q = normalise(text), out = [];
    if (!q) { return out; }
    eachLayer(function (entry) {
      var s = entry.data.s, sp = entry.opts.search;
      if (!sp) { return; }
      if (!s && sp.fields) {  /* large layers: the same rule applied here, once per date */
        var texts = entry.searchTexts || (entry.searchTexts = []);
        s = texts[entry.di] || (texts[entry.di] = entry.items.map(function (_, i) {
          var parts = [];
          sp.fields.forEach(function (f) { var t = normalise(G.value(entry, f, i, '')); if (t) { parts.push(t); } });
          return parts.join(' ');
        }));
      }
      if (!s) { return; }
      for (var i = 0; i < s.length; i++) {
        if (entry.data.t && G.codeAt(entry, i) < 0) { continue; }
        var k = s[i].indexOf(q);
        if (k < 0) { continue; }
        var end = k + q.length;
        var word = (k === 0 || s[i].charAt(k - 1) === ' ') && (end === s[i].length || s[i].charAt(end) === ' ');
        out.push({entry: entry, i: i, rank: word ? 0 : 1, n: out.length});
      }
    });
    out.sort(function (a, b) { return a.rank - b.rank || a.n - b.n; });
    return out;
  }
  function hitLabel(h) {
    var sp = h.entry.opts.search, na = '';
    var main = G.value(h.entry, sp.label, h.i, null);
    var alt = sp.alt ? G.value(h.entry, sp.alt, h.i, null) : null;
    if (main === null) { main = alt === null ? na : alt; alt = null; }
    return String(main) + (alt !== null && alt !== main ? ' (' + alt + ')' : '') + ' · ' +
      (h.entry.opts.name || h.entry.key);
  }
  function select(h) {
    var map = h.entry.map, item = h.entry.items[h.i];
    if (!map.hasLayer(h.entry.group)) { map.addLayer(h.entry.group); }
    if (item.getLatLng) { map.setView(item.getLatLng(), Math.max(map.getZoom(), 17), {animate: false}); }
    else { map.fitBounds(item.getBounds(), {maxZoom: 18, animate: false, padding: [20, 20]}); }
    return h.entry.openPopup(h.i);
  }
  function showHits(hits) {
    var list = G.hitList;
    if (!list) { return; }
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (G.searchInput && !normalise(G.searchInput.value)) { return; }
    if (!hits.length) { list.appendChild(el('li', G.cfg.texts.no_hits, 'gi-none')); return; }
    hits.slice(0, 30).forEach(function (h) {
      var li = el('li'), btn = el('button', hitLabel(h));  /* text, never HTML */
      btn.type = 'button';
      btn.addEventListener('click', function () { select(h); });
      li.appendChild(btn);
      list.appendChild(li);
    });
    if (hits.length > 30) { list.appendChild(el('li', '+ ' + (hits.length - 30) + ' ' + G.cfg.texts.more_hits, 'gi-none')); }
  }
  G.search = function (text) {
    var hits = find(text);
    if (G.searchInput) { G.searchInput.value = text; }
    showHits(hits);
    if (hits.length) { select(hits[0]); }
    return hits.length;
  };
  G.hits = function (text) { return find(text).map(hitLabel); };

  /* ---------------------------------------------------------------- URL fragment */
  function saveHash() {
    if (G.loading || !G.map) { return; }
    var map = G.map, p = [], c = map.getCenter(), off = [];
    if (G.current && G.cfg.dates.length > 1) { p.push('d=' + G.current); }
    p.push('v=' + map.getZoom() + '/' + c.lat.toFixed(5) + '/' + c.lng.toFixed(5));
    eachLayer(function (entry, key) { if (!map.hasLayer(entry.group)) { off.push(encodeURIComponent(key)); } });
    if (off.length) { p.push('off=' + off.join(',')); }
    for (var key in G.filterState) {
      var st = G.filterState[key], on = [];
      if (st.indexOf(false) < 0) { continue; }
      for (var o = 0; o < st.length; o++) { if (st[o]) { on.push(o); } }
      p.push('f.' + encodeURIComponent(key) + '=' + on.join(','));
    }
    try { history.replaceState(null, '', '#' + p.join('&')); } catch (e) { /* e.g. a sandboxed frame */ }
  }
  function readHash(map) {
    var h = (location.hash || '').replace(/^#/, ''), out = {};
    if (!h) { return; }
    h.split('&').forEach(function (part) {
      var k = part.indexOf('=');
      if (k > 0) { out[decodeURIComponent(part.slice(0, k))] = decodeURIComponent(part.slice(k + 1)); }
    });
    if (out.off) {
      out.off.split(',').forEach(function (key) {
        var entry = G.layers[key];
        if (entry && map.hasLayer(entry.group)) { map.removeLayer(entry.group); }
      });
    }
    for (var key in G.filterState) {
      var v = out['f.' + key];
      if (v === undefined) { continue; }
      var on = v === '' ? [] : v.split(',').map(Number), st = G.filterState[key];
      for (var o = 0; o < st.length; o++) { st[o] = on.indexOf(o) >= 0; }
    }
    syncFilterBoxes();
    if (out.d && G.cfg.dates.indexOf(out.d) >= 0) { G.setDate(out.d); } else { redraw(); }
    if (out.v) {
      var v3 = out.v.split('/').map(Number);
      if (v3.length === 3 && v3.every(isFinite)) { map.setView([v3[1], v3[2]], v3[0], {animate: false}); }
    }
  }

  /* ---------------------------------------------------------------- controls */
  function box(map, position, cls, build) {
    var c = L.control({position: position});
    c.onAdd = function () {
      var div = L.DomUtil.create('div', 'gi-box ' + cls);
      build(div);
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    c.addTo(map);
    return c;
  }
  function timeControl(map) {
    var dates = G.cfg.dates, t = G.cfg.texts;
    box(map, 'topleft', 'gi-time', function (div) {
      div.appendChild(el('span', t.date + ': ', 'gi-time-title'));
      G.dateLabel = div.appendChild(el('b', '', 'gi-time-date'));
      var row = div.appendChild(el('div', null, 'gi-time-row'));
      G.prev = row.appendChild(el('button', '◀', 'gi-prev'));
      G.prev.type = 'button'; G.prev.title = t.previous; G.prev.setAttribute('aria-label', t.previous);
      G.slider = row.appendChild(el('input', null, 'gi-slider'));
      G.slider.type = 'range'; G.slider.min = '0'; G.slider.max = String(dates.length - 1); G.slider.step = '1';
      G.slider.setAttribute('aria-label', t.date);
      G.next = row.appendChild(el('button', '▶', 'gi-next'));
      G.next.type = 'button'; G.next.title = t.next; G.next.setAttribute('aria-label', t.next);
      G.slider.addEventListener('input', function () { G.setDate(dates[Number(G.slider.value)]); });
      G.prev.addEventListener('click', function () { var k = dates.indexOf(G.current); if (k > 0) { G.setDate(dates[k - 1]); } });
      G.next.addEventListener('click', function () { var k = dates.indexOf(G.current); if (k < dates.length - 1) { G.setDate(dates[k + 1]); } });
    });
  }
  function searchControl(map) {
    var t = G.cfg.texts;
    box(map, 'topleft', 'gi-search', function (div) {
      G.searchInput = div.appendChild(el('input', null, 'gi-search-input'));
      G.searchInput.type = 'search';
      G.searchInput.placeholder = t.search_hint;
      G.searchInput.setAttribute('aria-label', t.search);
      G.hitList = div.appendChild(el('ul', null, 'gi-hits'));
      G.searchInput.addEventListener('input', function () { showHits(find(G.searchInput.value)); });
      G.searchInput.addEventListener('keydown', function (e) {
        if (e.key === 'Enter') { var hits = find(G.searchInput.value); if (hits.length) { select(hits[0]); } }
        if (e.key === 'ArrowDown') { var first = G.hitList.querySelector('button'); if (first) { e.preventDefault(); first.focus(); } }
      });
      /* arrow keys move through the hits (Enter on a hit is the button's own click) */
      G.hitList.addEventListener('keydown', function (e) {
        if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') { return; }
        var buttons = Array.prototype.slice.call(G.hitList.querySelectorAll('button'));
        var k = buttons.indexOf(document.activeElement);
        if (k < 0) { return; }
        e.preventDefault();
        if (e.key === 'ArrowDown') { buttons[Math.min(k + 1, buttons.length - 1)].focus(); }
        else { (k > 0 ? buttons[k - 1] : G.searchInput).focus(); }
      });
    });
  }
  var filterBoxes = [];
  function syncFilterBoxes() {
    filterBoxes.forEach(function (f) { f.input.checked = G.filterState[f.key][f.o]; });
  }
  function filterControl(map, groups) {
    box(map, 'topleft', 'gi-filters', function (div) {
      var det = div.appendChild(el('details'));
      det.appendChild(el('summary', G.cfg.texts.filters));
      groups.forEach(function (grp) {
        G.filterState[grp.key] = grp.options.map(function () { return true; });
        var fs = det.appendChild(el('fieldset'));
        fs.appendChild(el('legend', grp.title));
        grp.options.forEach(function (opt, o) {
          var lab = fs.appendChild(el('label')), input = el('input');
          input.type = 'checkbox'; input.checked = true;
          input.setAttribute('data-group', grp.key); input.setAttribute('data-option', String(o));
          lab.appendChild(input);
          lab.appendChild(document.createTextNode(' ' + opt.label));
          filterBoxes.push({input: input, key: grp.key, o: o});
          input.addEventListener('change', function () {
            G.filterState[grp.key][o] = input.checked;
            redraw();
            saveHash();
          });
        });
      });
    });
  }
  G.setFilter = function (group, option, on) {
    if (!G.filterState[group]) { return false; }
    G.filterState[group][option] = !!on;
    syncFilterBoxes();
    redraw();
    saveHash();
    return true;
  };

  G.ready = function (map, cfg) {
    G.map = map;
    G.cfg = cfg;
    G.loading = true;
    if (G.printSetup) { G.printSetup(map, cfg.title || document.title); }  /* print.js */
    searchControl(map);
    if (cfg.dates.length > 1) { timeControl(map); }
    eachLayer(function (entry) { if (entry.opts.filters && entry.opts.filters.length) { filterControl(map, entry.opts.filters); } });
    if (cfg.dates.length) { G.setDate(cfg.dates[cfg.dates.length - 1]); }
    readHash(map);
    G.loading = false;
    map.on('moveend overlayadd overlayremove', saveHash);
  };
})();
