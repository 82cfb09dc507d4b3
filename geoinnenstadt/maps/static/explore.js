/* geoinnenstadt explore controls: time slider, filters, search, shareable view (URL fragment);
   printing is print.js. Every figure is computed in Python and embedded; this code only selects.
   Every text from the data is inserted with textContent, never as HTML.
   Test hooks (documented in geoinnenstadt.maps): window.__gi.dates(), .setDate(iso),
   .state() -> {date, units, vacant, figures}, .search(text) -> number of hits (opens the first),
   .normalise(text) (the search rule, the same as geoinnenstadt.maps.explore.search_key),
   .setFilter(group, option, on), .hits(text), .naturalOrder(texts) (the order of hits, the same
   as geoinnenstadt.maps.explore.natural_key).
   The URL fragment and every hook argument are input from anyone: they are checked (unknown
   keys and values of the wrong kind are ignored, a hook answers false, 0 or null), and no
   object is keyed by them (a Map, Object.create(null), or own keys only).
   The shared state (cfg, current, filterState, layers, boxes) and the helpers el, own,
   eachLayer and control are in common.js (loaded first). */
(function () {
  var G = window.__gi;
  if (!G || G.ready) { return; }
  var el = G.lib.el, own = G.lib.own, eachLayer = G.lib.eachLayer, box = G.lib.control;
  /* a text argument: a string, or a finite number written out; anything else is no text */
  function textArg(v) {
    if (typeof v === 'string') { return v; }
    return typeof v === 'number' && isFinite(v) ? String(v) : '';
  }
  /* The search rule, step by step as geoinnenstadt.folding.fold and explore.search_key: lower
     case, NFC, the letters written out (ß ss, ä ae, …), NFKD without marks, separators to
     blanks, the abbreviations (Str. strasse, St. sankt, Pl. platz), then one blank between
     words. The letters and abbreviations come from Python (cfg.fold), so they have one home. */
  var foldLetters = [], foldRules = [];
  function foldSetup(spec) {
    foldLetters = []; foldRules = [];
    if (!spec) { return; }
    spec.letters.forEach(function (p) { foldLetters.push([p[0], p[1]]); });
    spec.rules.forEach(function (p) { foldRules.push([new RegExp(p[0], 'g'), p[1]]); });
  }
  function normalise(s) {
    var t = textArg(s).toLowerCase().normalize('NFC');
    for (var a = 0; a < foldLetters.length; a++) { t = t.split(foldLetters[a][0]).join(foldLetters[a][1]); }
    t = t.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^\p{L}\p{N}.]+/gu, ' ');
    foldRules.forEach(function (r) { t = t.replace(r[0], function () { return r[1]; }); });
    return t.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  }
  /* the loose form of a search key: ae oe ue as a o u, no blanks ("bruckviertel" finds
     "brueckviertel", "hansastrasse 73" finds "hansa strasse 73"); hits only this way rank last */
  function loose(key) { return key.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u').replace(/ /g, ''); }
  G.normalise = function (text) { return normalise(text); };
  /* The order of hits, as geoinnenstadt.maps.explore.natural_key: the search key split into
     runs of digits and of other characters; digits compare as numbers (6 < 47 < 115, 11 < 11a
     < 12), the rest as folded text (German phone-book order: ä as ae, ß as ss). */
  function naturalKey(text) { return normalise(text).split(/(\d+)/); }
  function compareNumbers(x, y) {
    x = x.replace(/^0+/, ''); y = y.replace(/^0+/, '');
    if (x.length !== y.length) { return x.length - y.length; }
    return x < y ? -1 : x > y ? 1 : 0;
  }
  function naturalCompare(a, b) {
    for (var k = 0; k < a.length || k < b.length; k++) {
      if (k >= a.length) { return -1; }
      if (k >= b.length) { return 1; }
      var c = k % 2 ? compareNumbers(a[k], b[k]) : (a[k] < b[k] ? -1 : a[k] > b[k] ? 1 : 0);
      if (c) { return c; }
    }
    return 0;
  }
  G.naturalOrder = function (texts) {  /* a hook: texts in the order of the hits, else [] */
    if (!Array.isArray(texts)) { return []; }
    var keyed = texts.map(function (t, n) { return {t: textArg(t), k: naturalKey(t), n: n}; });
    keyed.sort(function (a, b) { return naturalCompare(a.k, b.k) || a.n - b.n; });
    return keyed.map(function (x) { return x.t; });
  };

  function nearest(dates, iso) {
    var k = dates.indexOf(iso);
    if (k >= 0) { return k; }
    k = 0;
    for (var j = 0; j < dates.length; j++) { if (dates[j] <= iso) { k = j; } }
    return k;
  }

  /* ---------------------------------------------------------------- filters */
  function keep(entry, i, code) {
    var unit = G.unitOf(entry, i);  /* points of another layer's units follow its filters */
    if (unit) { return keep(unit.entry, unit.i, G.codeAt(unit.entry, unit.i)); }
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
    var dates = G.cfg.dates, k = typeof iso === 'string' ? dates.indexOf(iso) : -1;
    if (k < 0) { return false; }
    G.current = iso;
    eachLayer(function (entry) { if (entry.data.timed) { entry.di = nearest(entry.data.timed.dates, iso); } });
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
    if (G.layout && !G.loading) { G.layout(); }  /* the boxes changed (runtime.js) */
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
    var q = normalise(text), ql = loose(q), out = [], layer = 0;
    if (!q) { return out; }
    eachLayer(function (entry) {
      layer++;
      var s = entry.data.search_texts, sp = entry.opts.search;
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
      var looseTexts = entry.looseTexts || (entry.looseTexts = []);
      var sl = looseTexts[entry.di] || (looseTexts[entry.di] = s.map(loose));
      for (var i = 0; i < s.length; i++) {
        if (entry.data.timed && G.codeAt(entry, i) < 0) { continue; }
        var k = s[i].indexOf(q);
        if (k < 0) {
          if (ql && sl[i].indexOf(ql) >= 0) { out.push({entry: entry, i: i, rank: 2, layer: layer, n: out.length}); }
          continue;
        }
        var end = k + q.length;
        var word = (k === 0 || s[i].charAt(k - 1) === ' ') && (end === s[i].length || s[i].charAt(end) === ' ');
        out.push({entry: entry, i: i, rank: word ? 0 : 1, layer: layer, n: out.length});
      }
    });
    /* whole words first, then parts of words, then loose hits; within each the layers in
       their order and the features in natural order of their labels */
    out.forEach(function (h) { h.key = naturalKey(hitMain(h)); });
    out.sort(function (a, b) {
      return a.rank - b.rank || a.layer - b.layer || naturalCompare(a.key, b.key) || a.n - b.n;
    });
    return out;
  }
  function hitMain(h) {
    var sp = h.entry.opts.search, main = G.value(h.entry, sp.label, h.i, null);
    return main === null && sp.alt ? G.value(h.entry, sp.alt, h.i, '') : main === null ? '' : main;
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
    if (G.highlight) { G.highlight(h.entry, h.i); }  /* runtime.js: until the next search or a click elsewhere */
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
    text = textArg(text);
    var hits = find(text);
    if (G.searchInput) { G.searchInput.value = text; }
    showHits(hits);
    if (hits.length) { select(hits[0]); }
    return hits.length;
  };
  G.hits = function (text) { return find(textArg(text)).map(hitLabel); };

  /* ---------------------------------------------------------------- URL fragment */
  function saveHash() {
    if (G.loading || !G.map) { return; }
    var map = G.map, p = [], c = map.getCenter(), off = [], on = [];
    if (G.current && G.cfg.dates.length > 1) { p.push('d=' + G.current); }
    p.push('v=' + map.getZoom() + '/' + c.lat.toFixed(5) + '/' + c.lng.toFixed(5));
    /* off: layers switched off that the page shows when it opens; on: layers switched on
       that it opens without (opts.hidden, e.g. the cold spots) */
    eachLayer(function (entry, key) {
      var shown = map.hasLayer(entry.group), hidden = entry.opts.hidden === true;
      if (!shown && !hidden) { off.push(encodeURIComponent(key)); }
      if (shown && hidden) { on.push(encodeURIComponent(key)); }
    });
    if (off.length) { p.push('off=' + off.join(',')); }
    if (on.length) { p.push('on=' + on.join(',')); }
    for (var key in G.filterState) {
      var st = G.filterState[key], on = [];
      if (st.indexOf(false) < 0) { continue; }
      for (var o = 0; o < st.length; o++) { if (st[o]) { on.push(o); } }
      p.push('f.' + encodeURIComponent(key) + '=' + on.join(','));
    }
    /* parts of optional scripts (requests.js: r=) */
    G.hashParts.forEach(function (h) { var x = h.save(); if (x) { p.push(h.name + '=' + x); } });
    try { history.replaceState(null, '', '#' + p.join('&')); } catch (e) { /* e.g. a sandboxed frame */ }
  }
  /* The fragment is read part by part: a part whose name or value is not valid
     percent-encoding is ignored, only the names saveHash writes are read (d, v, off, on, f.<group>),
     each value is checked against what the page has, and the parts are kept in a Map. */
  function decoded(text) { try { return decodeURIComponent(text); } catch (e) { return null; } }
  function parseHash(hash) {
    var parts = new Map(), h = textArg(hash).replace(/^#/, '');
    h.split('&').forEach(function (part) {
      var k = part.indexOf('='), name = k > 0 ? decoded(part.slice(0, k)) : null;
      if (name !== null && !parts.has(name)) { parts.set(name, part.slice(k + 1)); }  /* raw value */
    });
    return parts;
  }
  var NUMBER = /^-?\d{1,4}(\.\d{1,12})?$/;
  function readHash(map) {
    var parts = parseHash(location.hash);
    if (!parts.size) { return; }
    if (parts.has('off')) {
      parts.get('off').split(',').forEach(function (raw) {
        var key = decoded(raw);
        if (key === null || !own(G.layers, key)) { return; }
        var entry = G.layers[key];
        if (map.hasLayer(entry.group)) { map.removeLayer(entry.group); }
      });
    }
    if (parts.has('on')) {
      parts.get('on').split(',').forEach(function (raw) {
        var key = decoded(raw);
        if (key === null || !own(G.layers, key)) { return; }
        var entry = G.layers[key];
        if (entry.opts.hidden === true && !map.hasLayer(entry.group)) { map.addLayer(entry.group); }
      });
    }
    for (var key in G.filterState) {
      var name = 'f.' + key;  /* saveHash writes f.<encoded key>; names are read decoded */
      if (!parts.has(name)) { continue; }
      var st = G.filterState[key], on = [];
      parts.get(name).split(',').forEach(function (o) {
        if (/^\d{1,4}$/.test(o) && Number(o) < st.length) { on.push(Number(o)); }
      });
      for (var o = 0; o < st.length; o++) { st[o] = on.indexOf(o) >= 0; }
    }
    syncFilterBoxes();
    G.hashParts.forEach(function (h) { h.read(parts.has(h.name) ? decoded(parts.get(h.name)) : null); });
    var d = parts.has('d') ? decoded(parts.get('d')) : null;
    if (d !== null && G.cfg.dates.indexOf(d) >= 0) { G.setDate(d); } else { redraw(); }
    var v = parts.has('v') ? (decoded(parts.get('v')) || '').split('/') : [];
    if (v.length === 3 && v.every(function (x) { return NUMBER.test(x); })) {
      var z = Number(v[0]), lat = Number(v[1]), lng = Number(v[2]);
      if (z >= map.getMinZoom() && z <= map.getMaxZoom() && Math.abs(lat) <= 90 && Math.abs(lng) <= 180) {
        map.setView([lat, lng], z, {animate: false});
      }
    }
  }
  /* a fragment typed or pasted into the address bar of the open page is applied too */
  function hashChanged() {
    if (!G.map || G.loading) { return; }
    G.loading = true;
    try { readHash(G.map); } finally { G.loading = false; }
    saveHash();
  }

  /* ---------------------------------------------------------------- controls */
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
      G.searchInput.addEventListener('input', function () {
        if (G.clearHighlight) { G.clearHighlight(); }  /* a new search */
        showHits(find(G.searchInput.value));
      });
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
  G.saveHash = function () { saveHash(); };  /* a hook: arguments are ignored */
  G.setFilter = function (group, option, on) {
    if (typeof group !== 'string' || !own(G.filterState, group) || typeof on !== 'boolean') { return false; }
    var st = G.filterState[group];
    if (typeof option !== 'number' || !Number.isInteger(option) || option < 0 || option >= st.length) { return false; }
    st[option] = on;
    syncFilterBoxes();
    redraw();
    saveHash();
    return true;
  };

  /* The layer control (Leaflet's, made open by folium): on a narrow map only its button shows
     (G.layout decides, runtime.js); it opens while the mouse is over it, on a click or a tap on
     the button, and while the keyboard is in it (Tab reaches the button, which hands the focus
     to the first checkbox); it closes when the mouse or the focus leaves, or on a click on the map. */
  G.addLayerControl = function (map, lc) {  /* called by the layer control, made after G.ready */
    if (G.layerControl || !lc || !lc.getContainer) { return; }
    G.layerControl = lc;
    var c = lc.getContainer(), link = c.querySelector('.leaflet-control-layers-toggle');
    var open = function () { if (!G.layersOpen) { lc.expand(); } };
    var shut = function () { if (!G.layersOpen) { lc.collapse(); } };
    if (link) {
      link.title = G.cfg.texts.layers; link.setAttribute('aria-label', G.cfg.texts.layers);
      link.addEventListener('focus', function () {
        open();
        var first = c.querySelector('input');
        if (first) { first.focus(); }
      });
    }
    c.addEventListener('mouseenter', open);
    c.addEventListener('mouseleave', function () { if (!c.contains(document.activeElement)) { shut(); } });
    c.addEventListener('focusin', open);
    c.addEventListener('focusout', function (e) { if (!e.relatedTarget || !c.contains(e.relatedTarget)) { shut(); } });
    map.on('click', function () { if (c.contains(document.activeElement)) { document.activeElement.blur(); } shut(); });
    G.layout(map);
  };
  /* a metric scale bar only, at the bottom of its corner (beneath the caption) */
  function scaleBar(map) {
    var bar = L.control.scale({imperial: false, metric: true, position: 'bottomleft'}).addTo(map);
    var node = bar.getContainer();
    node.parentNode.appendChild(node);
  }

  G.ready = function (map, cfg) {
    G.map = map;
    G.cfg = cfg;
    scaleBar(map);
    foldSetup(cfg.fold);
    G.loading = true;
    if (G.printSetup) { G.printSetup(map, cfg.title || document.title); }  /* print.js */
    searchControl(map);
    if (cfg.dates.length > 1) { timeControl(map); }
    eachLayer(function (entry) { if (entry.opts.filters && entry.opts.filters.length) { filterControl(map, entry.opts.filters); } });
    if (cfg.dates.length) { G.setDate(cfg.dates[cfg.dates.length - 1]); }
    map.on('moveend overlayadd overlayremove', saveHash);
    window.addEventListener('hashchange', hashChanged);
    try { readHash(map); } finally { G.loading = false; }
    G.layout(map);
    map.on('resize', function () { G.layout(map); });
    map.on('overlayadd overlayremove', function () { G.layout(map); });  /* legend rows of layers */
  };
})();
