/* geoinnenstadt print: what reaches the paper when a map page (or a map embedded in a briefing)
   is printed.
   - The map is refitted to the printed frame: every feature of the data (the extent the page was
     fitted to when it opened) lies inside it and clear of the legend and caption boxes; the
     screen view comes back after printing.
   - A legend column too tall for the paper flows into two columns.
   - Canvas layers (unit points, hot spots) are copied into fresh canvases for the paper.
     Chromium prints a canvas that was redrawn while printing started (as the refit redraws it)
     as an opaque white rectangle, which hid every layer beneath it.
   Printing starts with 'beforeprint' and with the change of matchMedia('print'): Chromium fires
   the latter once the printed layout is in place, which is when a map in a frame learns its
   printed size. Both refit from the current size; the first one keeps the screen view.
   Test hook: window.__gi.printView = {zoom, lat, lng, x, y, at} of the last refit (figures only). */
(function () {
  var G = window.__gi;
  if (!G || G.printSetup) { return; }
  var el = G.lib.el;  /* common.js */
  var saved = null, copies = [];

  function unfreeze() {
    for (var i = 0; i < copies.length; i++) {
      var c = copies[i];
      if (c.copy.parentNode) { c.copy.parentNode.removeChild(c.copy); }
      c.canvas.style.display = c.display;
    }
    copies = [];
  }
  function freeze(map) {
    var list = map.getContainer().querySelectorAll('canvas');
    for (var i = 0; i < list.length; i++) {
      var canvas = list[i], copy = document.createElement('canvas');
      if (!canvas.width || !canvas.height || canvas.style.display === 'none') { continue; }
      copy.width = canvas.width;
      copy.height = canvas.height;
      copy.style.cssText = canvas.style.cssText;
      copy.className = canvas.className + ' gi-print-copy';
      copy.getContext('2d').drawImage(canvas, 0, 0);
      canvas.parentNode.insertBefore(copy, canvas);
      copies.push({canvas: canvas, copy: copy, display: canvas.style.display});
      canvas.style.display = 'none';
    }
  }
  /* The legend column (bottom right) grows upwards on paper; when it would reach the boxes at
     the top right (a long legend: use mix, counters, context) its sections flow into two
     columns (class gi-legends-wide, runtime.css). */
  function legendColumns(map) {
    var legends = map._giLegends;
    if (!legends) { return; }
    legends.classList.remove('gi-legends-wide');
    var box = map.getContainer(), top = box.getBoundingClientRect().top;
    var right = box.querySelector('.leaflet-top.leaflet-right');
    if (right) {
      for (var i = 0; i < right.children.length; i++) {
        var r = right.children[i].getBoundingClientRect();
        if (r.width && r.height) { top = Math.max(top, r.bottom); }
      }
    }
    if (legends.getBoundingClientRect().top < top + 4) { legends.classList.add('gi-legends-wide'); }
  }
  /* Each corner's boxes are kept clear of the data by a cut from the side or from the top or
     bottom, whichever leaves the larger zoom. */
  function corners(map) {
    var frame = map.getContainer().getBoundingClientRect(), out = [];
    ['topleft', 'topright', 'bottomleft', 'bottomright'].forEach(function (pos) {
      var v = pos.indexOf('top') === 0 ? 'top' : 'bottom', h = pos.slice(v.length);
      var box = map.getContainer().querySelector('.leaflet-' + v + '.leaflet-' + h);
      if (!box) { return; }
      var w = 0, ht = 0, kids = box.children;
      for (var i = 0; i < kids.length; i++) {
        var r = kids[i].getBoundingClientRect();
        if (!r.width || !r.height) { continue; }  /* hidden in print */
        w = Math.max(w, h === 'left' ? r.right - frame.left : frame.right - r.left);
        ht = Math.max(ht, v === 'top' ? r.bottom - frame.top : frame.bottom - r.top);
      }
      if (w && ht) { out.push({h: h, v: v, w: w, ht: ht}); }
    });
    return out;
  }
  function padding(map, bounds) {
    var cs = corners(map), gap = 10, best = null;
    for (var choice = 0; choice < (1 << cs.length); choice++) {
      var pad = {left: gap, right: gap, top: gap, bottom: gap};
      for (var k = 0; k < cs.length; k++) {
        var c = cs[k];
        if (choice & (1 << k)) { pad[c.h] = Math.max(pad[c.h], c.w + gap); }
        else { pad[c.v] = Math.max(pad[c.v], c.ht + gap); }
      }
      var size = map.getSize();
      if (pad.left + pad.right >= size.x || pad.top + pad.bottom >= size.y) { continue; }
      var tl = L.point(pad.left, pad.top), br = L.point(pad.right, pad.bottom);
      var z = map.getBoundsZoom(bounds, false, tl.add(br));
      if (!best || z > best.z) { best = {z: z, tl: tl, br: br}; }
    }
    return best || {tl: L.point(gap, gap), br: L.point(gap, gap)};
  }
  function fit(map) {
    var bounds = G.home;
    if (!bounds) { return; }
    bounds = L.latLngBounds(bounds);
    if (!saved) { saved = {center: map.getCenter(), zoom: map.getZoom(), snap: map.options.zoomSnap}; }
    unfreeze();
    map.invalidateSize({animate: false, pan: false});
    var size = map.getSize();
    if (!size.x || !size.y) { return; }
    map.options.zoomSnap = 0;  /* the exact fit, not the next whole zoom level below it */
    legendColumns(map);
    var pad = padding(map, bounds);
    map.fitBounds(bounds, {animate: false, paddingTopLeft: pad.tl, paddingBottomRight: pad.br});
    freeze(map);
    var c = map.getCenter();
    G.printView = {zoom: map.getZoom(), lat: c.lat, lng: c.lng, x: size.x, y: size.y,
                   at: performance.now()};
  }
  function restore(map) {
    unfreeze();
    if (map._giLegends) { map._giLegends.classList.remove('gi-legends-wide'); }
    if (!saved) { return; }
    var s = saved;
    saved = null;
    map.options.zoomSnap = s.snap;
    map.invalidateSize({animate: false, pan: false});
    map.setView(s.center, s.zoom, {animate: false});
  }
  G.printSetup = function (map, title) {
    if (window.self !== window.top) {  /* a frame (briefing, notebook): the frame is the paper */
      document.documentElement.className += ' gi-embedded';
    }
    var head = el('div', null, 'gi-print-title');
    head.appendChild(el('span', title, 'gi-print-name'));
    G.printDate = head.appendChild(el('span', null, 'gi-print-date'));
    var container = map.getContainer();
    container.parentNode.insertBefore(head, container);
    window.addEventListener('beforeprint', function () { fit(map); });
    window.addEventListener('afterprint', function () { restore(map); });
    var media = window.matchMedia ? window.matchMedia('print') : null;
    if (media) {
      var changed = function (e) { if (e.matches) { fit(map); } else { restore(map); } };
      if (media.addEventListener) { media.addEventListener('change', changed); }
      else if (media.addListener) { media.addListener(changed); }
    }
  };
})();
