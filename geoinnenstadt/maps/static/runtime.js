/* geoinnenstadt map runtime (our own code; Leaflet itself is inlined from an installed package).
   Builds layers from JSON data blocks; popups and tooltips are DOM nodes filled with textContent
   only, so data values are never interpreted as HTML or JavaScript.
   Page API (used by tests and benchmarks): window.__gi.renderedAt, .layers, .counts,
   .openPopup(key, i). */
(function () {
  if (window.__gi) { return; }
  var G = window.__gi = {layers: {}, counts: {}, renderedAt: null, hatches: {}};
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function value(d, name, i, na) {
    var c = d.cols[name], v;
    if (!c) { return na; }
    if (Array.isArray(c)) { v = c[i]; } else { v = c.i[i] < 0 ? null : c.v[c.i[i]]; }
    return (v === null || v === undefined || v === '') ? na : v;
  }
  function popupNode(L0, i) {
    var d = L0.data, spec = L0.popup, box = el('div', null, 'gi-popup');
    if (spec.title) { box.appendChild(el('div', value(d, spec.title, i, spec.na), 'gi-popup-title')); }
    var tb = el('table');
    for (var f = 0; f < spec.fields.length; f++) {
      var tr = el('tr');
      tr.appendChild(el('th', spec.fields[f][0]));
      tr.appendChild(el('td', value(d, spec.fields[f][1], i, spec.na)));
      tb.appendChild(tr);
    }
    box.appendChild(tb);
    return box;
  }
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
  G.addLayer = function (map, key, node, opts) {
    var d = JSON.parse(node.textContent), n = d.n, styles = opts.styles, group = L.featureGroup();
    var entry = {key: key, data: d, popup: opts.popup, group: group, map: map, items: []};
    var i, s, lyr;
    if (d.type === 'points') {
      if (!map.getPane('giPoints')) { map.createPane('giPoints').style.zIndex = 450; }
      var renderer = L.canvas({padding: 0.3, tolerance: 3, pane: 'giPoints'});
      for (i = 0; i < n; i++) {
        s = styles[d.k[i]];
        lyr = L.circleMarker([(d.y0 + d.y[i]) / 1e5, (d.x0 + d.x[i]) / 1e5], {
          renderer: renderer, radius: s.radius, color: s.color, weight: s.weight,
          opacity: s.opacity, fill: s.fill !== false, fillColor: s.fillColor,
          fillOpacity: s.fillOpacity, bubblingMouseEvents: true
        });
        lyr._giIndex = i;
        group.addLayer(lyr);
        entry.items.push(lyr);
      }
    } else {
      var tag = function (l, j) { l._giIndex = j; if (l.eachLayer) { l.eachLayer(function (x) { tag(x, j); }); } };
      for (i = 0; i < n; i++) {
        s = styles[d.k[i]];
        lyr = L.GeoJSON.geometryToLayer({type: 'Feature', geometry: d.g[i], properties: {}});
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
            lyr.bindTooltip(function () { return el('span', value(d, opts.tooltip, j, opts.popup.na)); },
                            {sticky: true});
          })(i);
        }
        group.addLayer(lyr);
        entry.items.push(lyr);
      }
    }
    entry.openPopup = function (j, latlng) {
      var item = entry.items[j];
      if (!latlng) { latlng = item.getLatLng ? item.getLatLng() : item.getBounds().getCenter(); }
      var node = popupNode(entry, j);
      L.popup({maxWidth: 360}).setLatLng(latlng).setContent(node).openOn(map);
      return node;
    };
    if (opts.popup) {
      group.on('click', function (e) {
        if (e.layer && e.layer._giIndex !== undefined) { entry.openPopup(e.layer._giIndex, e.latlng); }
      });
    }
    group.on('add', markRendered);
    G.layers[key] = entry;
    G.counts[key] = n;
    return group;
  };
  G.openPopup = function (key, i) {
    var node = G.layers[key].openPopup(i);
    return node.textContent;
  };
  G.addControl = function (map, position, cls, html) {
    var c = L.control({position: position});
    c.onAdd = function () {
      var div = L.DomUtil.create('div', 'gi-box ' + cls);
      div.innerHTML = html;  /* built from escaped text in Python */
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    c.addTo(map);
    return c;
  };
  G.fitBounds = function (map, bounds) {
    /* An <iframe srcdoc> (briefings) may run this before the frame is laid out:
       fitting a 0x0 map gives NaN coordinates. Then show the centre and fit on first size. */
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
