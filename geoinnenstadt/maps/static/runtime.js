/* geoinnenstadt map runtime (our own code; Leaflet itself is inlined from an installed package).
   Builds layers from JSON data blocks; popups and tooltips are DOM nodes filled with textContent
   only, so data values are never interpreted as HTML or JavaScript.
   Page API (used by tests and benchmarks to read figures): window.__gi.renderedAt, .layers,
   .counts, .openPopup(key, i), .pointAt(map, containerPoint); .layout() places the
   controls (layer control open or collapsed, the legend column's height); the explore hooks (dates, setDate, state, search) are in explore.js.
   The data blocks are declared in geoinnenstadt/maps/payload.py (LayerData); the state and the
   helpers shared with explore.js and print.js are in common.js (loaded first).
   A layer whose data block has "timed" changes with the date: timed.style_codes[date] holds one
   style code per feature (a base-36 digit, "." = not drawn at that date) and
   timed.columns[name][date] the columns that change: each date either a whole column or
   {positions, values}, the column of the following date (the last date: the plain column
   columns[name] or hidden_columns[name]) with those positions changed
   (geoinnenstadt.maps.payload.changes); expandTimed makes them whole once.
   A point not drawn at the selected date has no popup at that date. */
(function () {
  var G = window.__gi;
  if (!G || G.addLayer) { return; }
  var el = G.lib.el, own = G.lib.own;
  function column(c, i) {
    if (Array.isArray(c)) { return c[i]; }
    return c.codes[i] < 0 ? null : c.values[c.codes[i]];
  }
  function plainColumn(d, name) {
    return (own(d.columns, name) && d.columns[name]) ||
      (d.hidden_columns && own(d.hidden_columns, name) && d.hidden_columns[name]) || null;
  }
  G.column = column;
  function unitOf(entry, i) {
    /* a layer of units of another layer (opts.unitsOf, e.g. the use mix): that layer and the
       index of point i's unit there (the hidden column "unit"), else null */
    var key = entry.opts.unitsOf;
    if (typeof key !== 'string' || !own(G.layers, key) || G.layers[key] === entry) { return null; }
    var j = Number(value(entry, 'unit', i, null));
    var ref = G.layers[key];
    return Number.isInteger(j) && j >= 0 && j < ref.items.length ? {entry: ref, i: j} : null;
  }
  G.unitOf = unitOf;
  function value(entry, name, i, na) {
    var d = entry.data, c, v;
    if (d.timed && own(d.timed.columns, name)) { c = d.timed.columns[name][entry.di]; }
    else { c = plainColumn(d, name); }
    if (!c && name !== 'unit') {  /* a column of the layer whose units these points are */
      var u = unitOf(entry, i);
      return u ? value(u.entry, name, u.i, na) : na;
    }
    if (!c) { return na; }
    v = column(c, i);
    return (v === null || v === undefined || v === '') ? na : v;
  }
  G.value = value;
  function codeAt(entry, i) {
    var d = entry.data;
    if (d.timed) {
      var ch = d.timed.style_codes[entry.di].charAt(i);
      return ch === '.' ? -1 : parseInt(ch, 36);
    }
    return d.style_codes[i];
  }
  G.codeAt = codeAt;
  function expandTimed(d) {
    /* every per-date column as a whole column, from the last date back to the first */
    if (!d.timed) { return; }
    Object.keys(d.timed.columns).forEach(function (name) {
      var per = d.timed.columns[name], next = plainColumn(d, name);
      for (var j = per.length - 1; j >= 0; j--) {
        var c = per[j];
        if (c && !Array.isArray(c) && Array.isArray(c.positions)) {
          var whole = [];
          for (var i = 0; i < d.count; i++) { whole.push(next ? column(next, i) : null); }
          for (var k = 0; k < c.positions.length; k++) { whole[c.positions[k]] = c.values[k]; }
          per[j] = whole;
        }
        next = per[j];
      }
    });
  }
  function chartNode(text) {
    /* the profile chart: SVG text built in Python from escaped labels; parsed as XML (no
       scripts run) and reduced to an allow-list of elements and attributes. */
    if (typeof text !== 'string' || text.lastIndexOf('<svg', 0) !== 0) { return el('div', text, 'gi-chart-note'); }
    var doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    var root = doc.documentElement;
    if (!root || root.nodeName !== 'svg') { return el('div', null); }
    var okTags = {svg: 1, g: 1, line: 1, polyline: 1, circle: 1, text: 1, title: 1, rect: 1};
    var all = root.querySelectorAll('*');
    for (var a = all.length - 1; a >= -1; a--) {
      var node = a < 0 ? root : all[a];
      if (!okTags[node.nodeName]) { node.parentNode.removeChild(node); continue; }
      for (var b = node.attributes.length - 1; b >= 0; b--) {
        var name = node.attributes[b].name.toLowerCase();
        if (name.indexOf('on') === 0 || name.indexOf('href') >= 0) { node.removeAttribute(node.attributes[b].name); }
      }
    }
    return document.importNode(root, true);
  }
  function mixNode(spec, text) {
    /* a quarter's use mix (payload.MixSpec): a stacked bar of the categories' shares and the
       largest ones listed; texts with textContent, colours only from the spec (gi.style) */
    var rows;
    try { rows = JSON.parse(text); } catch (e) { return null; }
    if (!Array.isArray(rows)) { return null; }
    var box = el('div', null, 'gi-mix'), bar = el('div', null, 'gi-mix-bar'), list = el('div', null, 'gi-mix-rows');
    box.appendChild(el('div', spec.title, 'gi-chart-title'));
    rows.forEach(function (r, n) {
      if (!Array.isArray(r) || r.length !== 3 || !Number.isInteger(r[0]) || r[0] < 0 || r[0] >= spec.colors.length ||
          typeof spec.colors[r[0]] !== 'string' || typeof spec.labels[r[0]] !== 'string') { return; }
      var part = el('span', null, 'gi-mix-part');
      part.style.width = Math.max(0, Math.min(1000, Number(r[1]) || 0)) / 10 + '%';
      part.style.background = spec.colors[r[0]];
      part.title = spec.labels[r[0]] + ' ' + String(r[2]);
      bar.appendChild(part);
      if (n < spec.rows) {
        var row = el('div', null, 'gi-mix-row'), sw = el('span', null, 'gi-mix-sw');
        sw.style.background = spec.colors[r[0]];
        row.appendChild(sw);
        row.appendChild(el('span', spec.labels[r[0]] + ' ' + String(r[2])));
        list.appendChild(row);
      }
    });
    box.appendChild(bar);
    box.appendChild(list);
    return box;
  }
  function popupNode(L0, i) {
    /* a quarter's popup is its profile: the root carries the class gi-profile */
    var spec = L0.popup, box = el('div', null, spec.profile ? 'gi-popup gi-profile' : 'gi-popup');
    if (spec.title) { box.appendChild(el('div', value(L0, spec.title, i, spec.na), 'gi-popup-title')); }
    var tb = el('table');
    for (var f = 0; f < spec.fields.length; f++) {
      var tr = el('tr');
      tr.appendChild(el('th', spec.fields[f][0]));
      tr.appendChild(el('td', value(L0, spec.fields[f][1], i, spec.na)));
      tb.appendChild(tr);
    }
    box.appendChild(tb);
    if (spec.mix) {
      var mixText = value(L0, spec.mix.column, i, null), mix = mixText === null ? null : mixNode(spec.mix, mixText);
      if (mix) { box.appendChild(mix); }
    }
    if (spec.chart) {
      var chart = value(L0, spec.chart, i, null);
      if (chart !== null) {
        var node = chartNode(chart), pts = node.querySelectorAll ? node.querySelectorAll('.gi-pt') : [];
        for (var p = 0; p < pts.length; p++) {
          if (L0.data.timed && pts[p].getAttribute('data-i') === String(chartIndex(L0))) { pts[p].setAttribute('class', 'gi-pt gi-pt-now'); }
        }
        var wrap = el('div', null, 'gi-profile-chart');
        wrap.appendChild(node);
        box.appendChild(wrap);
      }
    }
    return box;
  }
  function chartIndex(L0) { return L0.di; }
  function markRendered() {
    requestAnimationFrame(function () { requestAnimationFrame(function () {
      G.renderedAt = performance.now();
    }); });
  }
  function hatchPattern(map, color) {
    var key = color.replace(/[^0-9a-zA-Z]/g, '');
    var id = 'gi-hatch-' + key;
    if (document.getElementById(id)) { return id; }
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.getElementById('gi-defs');
    if (!svg) {
      svg = document.createElementNS(ns, 'svg');
      svg.setAttribute('id', 'gi-defs');
      svg.setAttribute('width', '0'); svg.setAttribute('height', '0');
      svg.style.position = 'absolute';
      svg.appendChild(document.createElementNS(ns, 'defs'));
      document.body.appendChild(svg);
    }
    var p = document.createElementNS(ns, 'pattern');
    p.setAttribute('id', id); p.setAttribute('patternUnits', 'userSpaceOnUse');
    p.setAttribute('width', '8'); p.setAttribute('height', '8');
    p.setAttribute('patternTransform', 'rotate(45)');
    var line = document.createElementNS(ns, 'line');
    line.setAttribute('x1', '0'); line.setAttribute('y1', '0');
    line.setAttribute('x2', '0'); line.setAttribute('y2', '8');
    line.setAttribute('stroke', color); line.setAttribute('stroke-width', '2.5');
    line.setAttribute('stroke-opacity', '0.7');
    p.appendChild(line);
    svg.firstChild.appendChild(p);
    return id;
  }
  function pane(map, name, z) {
    if (!map.getPane(name)) {
      var p = map.createPane(name);
      p.style.zIndex = z;
      p.style.pointerEvents = 'none';  /* clicks pass through to the data beneath */
    }
    return name;
  }
  /* Clicks. A canvas covers the whole map, so the points' canvases (pane giPoints, above the
     shapes) take no pointer events at all: they would swallow every click meant for the
     quarters, sites and parcels beneath. A click lands on the SVG shape under the mouse (the
     browser's own hit test) or, where there is none, on the map; both first ask pointAt, so a
     point drawn above a shape wins when the click is on the point. */
  var TOLERANCE = 3;  /* px around a point that still counts as a hit (as Leaflet's canvas) */
  function pointAt(map, cp) {
    /* the clickable point under container point cp: one whose disc holds cp (the smallest
       disc, so a unit dot inside a hot-spot ring wins; then the nearest centre), else the
       nearest within the tolerance; ties go to the point drawn last (on top) */
    if (!cp || typeof cp.x !== 'number' || typeof cp.y !== 'number' || !isFinite(cp.x) || !isFinite(cp.y)) { return null; }
    cp = L.point(cp.x, cp.y);  /* a hook argument: only a point with finite x and y */
    var best = null;
    for (var key in G.layers) {
      if (!own(G.layers, key)) { continue; }
      var entry = G.layers[key];
      if (entry.map !== map || entry.data.type !== 'points' || !entry.popup || !map.hasLayer(entry.group)) { continue; }
      for (var i = 0; i < entry.items.length; i++) {
        if (!entry.shown[i]) { continue; }
        var lyr = entry.items[i], r = lyr.getRadius();
        var d = map.latLngToContainerPoint(lyr.getLatLng()).distanceTo(cp);
        if (d > r + (lyr.options.weight || 0) / 2 + TOLERANCE) { continue; }
        var rank = [d <= r ? 0 : 1, d <= r ? r : 0, d], k = 0;
        while (best && k < 2 && rank[k] === best.rank[k]) { k++; }
        if (!best || rank[k] <= best.rank[k]) { best = {entry: entry, i: i, rank: rank}; }
      }
    }
    return best ? drawnOver(map, best) : null;
  }
  function drawnOver(map, hit) {
    /* a unit whose point another shown layer draws again on top (opts.unitsOf, the use mix):
       the click is on that point, so its popup opens */
    for (var key in G.layers) {
      if (!own(G.layers, key)) { continue; }
      var over = G.layers[key];
      if (over.opts.unitsOf !== hit.entry.key || !over.map || over.map !== map || !map.hasLayer(over.group)) { continue; }
      for (var j = 0; j < over.items.length; j++) {
        var u = over.shown[j] ? unitOf(over, j) : null;
        if (u && u.i === hit.i) { return {entry: over, i: j, rank: hit.rank}; }
      }
    }
    return hit;
  }
  G.pointAt = pointAt;
  function clicksOn(map) {
    if (map._giClicks) { return; }
    map._giClicks = true;
    map.on('click', function (e) {  /* a click where no shape with a popup lies */
      var hit = pointAt(map, e.containerPoint);
      if (!hit || !highlighted(hit.entry, hit.i)) { G.clearHighlight(); }  /* a click elsewhere */
      if (hit) { hit.entry.openPopup(hit.i); }
    });
    var box = map.getContainer(), pending = null;
    box.addEventListener('mousemove', function (ev) {  /* the hand cursor over a point */
      pending = ev;
      requestAnimationFrame(function () {
        if (!pending) { return; }
        var over = !!pointAt(map, map.mouseEventToContainerPoint(pending));
        pending = null;
        L.DomUtil[over ? 'addClass' : 'removeClass'](box, 'gi-over-point');
      });
    });
  }
  /* Names of context features (districts) as labels from opts.labels.minZoom on; shown only
     while their layer is on. The text is set with textContent (names are data). */
  function contextLabels(map, entry) {
    var spec = entry.opts.labels, d = entry.data, lab = L.layerGroup();
    pane(map, spec.pane, spec.paneZ);
    for (var j = 0; j < d.count; j++) {
      var text = value(entry, spec.col, j, null);
      if (text === null || d.label_lon[j] === null || d.label_lat[j] === null) { continue; }
      lab.addLayer(L.marker([d.label_lat[j], d.label_lon[j]], {
        pane: spec.pane, interactive: false, keyboard: false,
        icon: L.divIcon({className: 'gi-context-label', html: el('span', text), iconSize: null})
      }));
    }
    var sync = function () {
      var on = map.hasLayer(entry.group) && map.getZoom() >= spec.minZoom;
      if (on && !map.hasLayer(lab)) { map.addLayer(lab); }
      if (!on && map.hasLayer(lab)) { map.removeLayer(lab); }
    };
    map.on('zoomend', sync);
    entry.group.on('add remove', sync);
    entry.labels = lab;
  }
  /* A local basemap: tiles embedded as base64 (geoinnenstadt.maps.basemap); no request ever.
     Places without an embedded tile get a transparent 1x1 PNG. */
  G.addBasemap = function (map, node, opts) {
    var d = JSON.parse(node.textContent), tiles = d.tiles;
    var Embedded = L.TileLayer.extend({
      getTileUrl: function (c) {
        var t = tiles[c.z + '/' + c.x + '/' + c.y];
        return t ? 'data:' + d.mime[t.charAt(0)] + ';base64,' + t.slice(1) : opts.blank;
      }
    });
    var layer = new Embedded('', {
      minNativeZoom: d.minZoom, maxNativeZoom: d.maxZoom, maxZoom: opts.maxZoom,
      attribution: opts.attribution,  /* escaped in Python */
      className: 'gi-basemap'
    });
    G.basemap = {layer: layer, minZoom: d.minZoom, maxZoom: d.maxZoom, n: Object.keys(tiles).length};
    return layer;
  };
  G.addLayer = function (map, key, node, opts) {
    var d = JSON.parse(node.textContent), n = d.count, styles = opts.styles, group = L.featureGroup();
    expandTimed(d);
    var entry = {key: key, data: d, popup: opts.popup, group: group, map: map, items: [], opts: opts,
                 di: d.timed ? d.timed.dates.length - 1 : 0, shown: []};
    var i, s, lyr;
    if (d.type === 'points') {
      /* no pointer events: clicks are found by pointAt; a layer with its own pane (the
         counters) is drawn above the points whatever is switched on later */
      var ptPane = opts.pane ? pane(map, opts.pane, opts.paneZ) : pane(map, 'giPoints', 450);
      var renderer = L.canvas({padding: 0.3, tolerance: 3, pane: ptPane});
      entry.renderer = renderer;
      for (i = 0; i < n; i++) {
        var code = codeAt(entry, i);
        s = styles[code < 0 ? 0 : code];
        lyr = L.circleMarker([(d.lat_origin + d.lat_offsets[i]) / 1e5, (d.lon_origin + d.lon_offsets[i]) / 1e5], {
          renderer: renderer, radius: s.radius, color: s.color, weight: s.weight,
          opacity: s.opacity, fill: s.fill !== false, fillColor: s.fillColor,
          fillOpacity: s.fillOpacity, interactive: false
        });
        lyr._giIndex = i;
        lyr._giCode = code;
        if (code >= 0) { group.addLayer(lyr); }
        entry.shown.push(code >= 0);
        entry.items.push(lyr);
      }
    } else {
      var tag = function (l, j) { l._giIndex = j; if (l.eachLayer) { l.eachLayer(function (x) { tag(x, j); }); } };
      /* context layers: their own pane beneath the data (overlayPane, 400), not interactive */
      var gopts = {};
      if (opts.pane) { pane(map, opts.pane, opts.paneZ); gopts = {pane: opts.pane, interactive: opts.interactive !== false}; }
      for (i = 0; i < n; i++) {
        s = styles[codeAt(entry, i)];
        lyr = L.GeoJSON.geometryToLayer({type: 'Feature', geometry: d.geometries[i], properties: {}}, gopts);
        lyr.setStyle ? lyr.setStyle(s) : null;
        tag(lyr, i);
        if (s.hatch) {
          (function (l, color) {
            l.on('add', function () {
              var id = hatchPattern(map, color);
              var set = function (x) { if (x._path) { x._path.setAttribute('fill', 'url(#' + id + ')'); } };
              set(l); if (l.eachLayer) { l.eachLayer(set); }
            });
          })(lyr, s.hatch);
        }
        if (opts.tooltip) {
          (function (j) {
            lyr.bindTooltip(function () { return el('span', value(entry, opts.tooltip, j, opts.popup.na)); },
                            {sticky: true});
          })(i);
        }
        lyr._giCode = codeAt(entry, i);
        group.addLayer(lyr);
        entry.shown.push(true);
        entry.items.push(lyr);
      }
    }
    entry.openPopup = function (j, latlng) {
      var item = entry.items[j];
      if (!item || (d.type === 'points' && codeAt(entry, j) < 0)) { return null; }  /* not drawn now */
      if (!latlng) { latlng = item.getLatLng ? item.getLatLng() : item.getBounds().getCenter(); }
      var node = popupNode(entry, j);
      L.popup({maxWidth: 360}).setLatLng(latlng).setContent(node).openOn(map);
      return node;
    };
    clicksOn(map);
    if (opts.popup && d.type !== 'points') {
      group.on('click', function (e) {
        L.DomEvent.stopPropagation(e);  /* handled here: the map's own click handler stays out */
        var hit = pointAt(map, e.containerPoint);
        var at = hit ? [hit.entry, hit.i] : [entry, e.layer ? e.layer._giIndex : -1];
        if (!highlighted(at[0], at[1])) { G.clearHighlight(); }  /* a click elsewhere */
        if (hit) { hit.entry.openPopup(hit.i); return; }
        if (e.layer && e.layer._giIndex !== undefined) { entry.openPopup(e.layer._giIndex, e.latlng); }
      });
    }
    group.on('add', markRendered);
    if (opts.labels) { contextLabels(map, entry); }
    G.layers[key] = entry;
    G.counts[key] = entry.shown.reduce(function (a, b) { return a + (b ? 1 : 0); }, 0);
    return group;
  };
  G.markRendered = markRendered;
  /* Redraw a layer for its date index and the test ``keep(entry, i, code)`` of the filters. */
  G.restyle = function (entry, keep) {
    var styles = entry.opts.styles, d = entry.data, count = 0;
    for (var i = 0; i < entry.items.length; i++) {
      var lyr = entry.items[i], code = codeAt(entry, i);
      var show = code >= 0 && (!keep || keep(entry, i, code));
      if (code >= 0 && code !== lyr._giCode) {
        var s = styles[code];
        lyr.setStyle({color: s.color, weight: s.weight, opacity: s.opacity, fill: s.fill !== false,
                      fillColor: s.fillColor, fillOpacity: s.fillOpacity});
        if (lyr.setRadius && s.radius) { lyr.setRadius(s.radius); }
        lyr._giCode = code;
      }
      if (d.type === 'points') {
        if (show && !entry.shown[i]) { entry.group.addLayer(lyr); }
        if (!show && entry.shown[i]) { entry.group.removeLayer(lyr); }
      }
      entry.shown[i] = d.type === 'points' ? show : true;
      if (entry.shown[i]) { count++; }
    }
    G.counts[entry.key] = count;
    return count;
  };
  G.openPopup = function (key, i) {  /* a hook: a layer key of this page and a feature index, else null */
    if (typeof key !== 'string' || !own(G.layers, key)) { return null; }
    var entry = G.layers[key];
    if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= entry.items.length) { return null; }
    var node = entry.openPopup(i);  /* null: not drawn at the selected date */
    return node ? node.textContent : null;
  };
  /* The feature found by the search is outlined (G.cfg.highlight, the symbol "highlight" of
     gi.style) in its own pane above the data, not interactive, until the next search or a click
     elsewhere. A point gets a ring just outside its disc. */
  var lit = null;
  function highlighted(entry, i) { return !!lit && lit.entry === entry && lit.i === i; }
  G.clearHighlight = function () {
    if (lit) { lit.map.removeLayer(lit.layer); lit = null; }
  };
  G.highlight = function (entry, i) {
    G.clearHighlight();
    var s = G.cfg.highlight, map = entry.map, item = entry.items[i], lyr;
    if (!s || !item) { return null; }
    pane(map, 'giHighlight', 620);  /* above the data and its points, beneath popups */
    var opts = {pane: 'giHighlight', interactive: false, className: 'gi-highlight', color: s.color,
                weight: s.weight, opacity: s.opacity, fill: false};
    if (item.getLatLng) {
      opts.radius = item.getRadius() + s.weight;
      lyr = L.circleMarker(item.getLatLng(), opts);
    } else {
      lyr = L.GeoJSON.geometryToLayer({type: 'Feature', geometry: entry.data.geometries[i], properties: {}}, opts);
      if (lyr.setStyle) { lyr.setStyle(opts); }
    }
    lyr.addTo(map);
    lit = {entry: entry, i: i, map: map, layer: lyr};
    return lyr;
  };
  /* The legends: every legend box is a section of one column (bottom right) that scrolls;
     G.layout gives it the height that is left. */
  function legendColumn(map) {
    if (!map._giLegends) {
      G.lib.control(map, 'bottomright', 'gi-legends', function (div) { map._giLegends = div; });
    }
    return map._giLegends;
  }
  G.addControl = function (map, position, cls, html) {
    function fill(div) {
      if (typeof html === 'string') {
        div.innerHTML = html;  /* built from escaped text in Python */
      } else {  /* one HTML text per date, chosen by the slider (explore.js) */
        G.boxes.push({div: div, dates: html.dates, html: html.html});
        div.innerHTML = html.html[html.html.length - 1];  /* built from escaped text in Python */
      }
    }
    if (position === 'bottomright' && /(^| )gi-legend( |$)/.test(cls)) {
      var column = legendColumn(map), section = el('div', null, cls);
      column.insertBefore(section, column.firstChild);  /* the last added on top, as a corner stacks */
      fill(section);
      return section;
    }
    return G.lib.control(map, position, cls, fill);
  };
  /* The layout of the controls, on load, on every resize and when a box changes (the slider):
     - the layer control is open on a map at least LAYERS_OPEN px wide; on a narrower one it is
       collapsed to its button and opens while the mouse is over it or the keyboard is in it;
     - the legend column takes the height between the boxes at the top right and the
       attribution, and no more than keeps all controls together within a quarter of the map
       (CONTROL_SHARE); what does not fit scrolls. */
  var LAYERS_OPEN = 1200, CONTROL_SHARE = 0.25, GAP = 10, MIN_LEGEND = 60;
  function visibleRects(box, skip) {
    var out = [], kids = box.querySelectorAll('.leaflet-control-container .leaflet-control');
    for (var k = 0; k < kids.length; k++) {
      if (kids[k] === skip) { continue; }
      var r = kids[k].getBoundingClientRect();
      if (r.width > 0 && r.height > 0) { out.push(r); }
    }
    return out;
  }
  /* A legend row of a layer (data-gi-layer, a key of G.layers) shows while its layer is on
     the map; a legend section with no row shown (or nothing at this date) is hidden. */
  function legendRows(map, legends) {
    var rows = legends.querySelectorAll('[data-gi-layer]');
    for (var i = 0; i < rows.length; i++) {
      var key = rows[i].getAttribute('data-gi-layer'), entry = G.lib.own(G.layers, key) ? G.layers[key] : null;
      rows[i].style.display = entry && map.hasLayer(entry.group) ? '' : 'none';
    }
    var sections = legends.children;
    for (var j = 0; j < sections.length; j++) {
      var all = sections[j].querySelectorAll('.gi-row'), shown = 0;
      for (var k = 0; k < all.length; k++) { if (all[k].style.display !== 'none') { shown++; } }
      var empty = !sections[j].innerHTML.trim() || (all.length && !shown);
      sections[j].style.display = empty ? 'none' : '';
    }
  }
  G.layout = function () {  /* a hook: arguments are ignored */
    var map = G.map;
    if (!map) { return; }
    var box = map.getContainer(), w = box.clientWidth, h = box.clientHeight, lc = G.layerControl;
    if (!w || !h) { return; }
    if (lc) {
      G.layersOpen = w >= LAYERS_OPEN;
      if (G.layersOpen) { lc.expand(); } else if (!lc.getContainer().contains(document.activeElement)) { lc.collapse(); }
    }
    var legends = map._giLegends;
    if (!legends) { return; }
    legendRows(map, legends);
    legends.style.maxHeight = '';
    var frame = box.getBoundingClientRect(), lr = legends.getBoundingClientRect(), top = frame.top;
    var right = box.querySelector('.leaflet-top.leaflet-right');
    if (right) { visibleRects(right, null).forEach(function (r) { top = Math.max(top, r.bottom); }); }
    var used = 0;
    visibleRects(box, legends).forEach(function (r) {
      var x0 = Math.max(r.left, frame.left), x1 = Math.min(r.right, frame.right);
      var y0 = Math.max(r.top, frame.top), y1 = Math.min(r.bottom, frame.bottom);
      if (x1 > x0 && y1 > y0) { used += (x1 - x0) * (y1 - y0); }
    });
    var room = lr.bottom - top - GAP, width = lr.width;
    for (var pass = 0; pass < 2; pass++) {  /* a scroll bar, once there, widens the column */
      var byArea = (CONTROL_SHARE * w * h - used) / Math.max(width, 1) - 2;
      legends.style.maxHeight = Math.floor(Math.max(MIN_LEGEND, Math.min(room, byArea))) + 'px';
      width = legends.getBoundingClientRect().width;
    }
  };
  G.fitBounds = function (map, bounds) {
    /* An <iframe srcdoc> (briefings) may run this before the frame is laid out:
       fitting a 0x0 map gives NaN coordinates. Then show the centre and fit on first size. */
    G.home = bounds;  /* the data's extent: printing refits to it (print.js) */
    function fit() { map.fitBounds(bounds, {animate: false, padding: [12, 12]}); }
    var size = map.getSize();
    if (size.x > 0 && size.y > 0) { fit(); return; }
    map.setView(L.latLngBounds(bounds).getCenter(), 14, {animate: false});
    if (typeof ResizeObserver === 'undefined') { return; }
    var observer = new ResizeObserver(function () {
      map.invalidateSize({animate: false});
      var s = map.getSize();
      if (s.x > 0 && s.y > 0) { observer.disconnect(); fit(); }
    });
    observer.observe(map.getContainer());
  };
})();
