/* geoinnenstadt panel "Gesuche" (requests, Ansiedlungsgesuche): embedded only into a vacancy map
   made with requests= (geoinnenstadt/maps/requests_panel.py), after common.js, runtime.js and
   explore.js. The proposals are computed in Python (geoinnenstadt.matching.match); this code only
   shows them: a <select> of the requests; the chosen request's units get a ring and their rank,
   and a ranked list (score, reasons) whose entries open the unit's popup. Texts with
   textContent only. The data block is declared in payload.py (RequestsData).
   Hook: window.__gi.chooseRequest(id) -> the number of units ringed, 0 for none ("" or null
   clears), null for an id that is no request of the page (then nothing is chosen).
   The choice is kept in the URL fragment as r=<id>; ids are looked up in an array, never as
   keys of an object. */
(function () {
  var G = window.__gi;
  if (!G || G.addRequests) { return; }
  var el = G.lib.el;
  var R = {data: null, ids: [], chosen: -1, rings: null, select: null, list: null};
  function units() {
    var key = R.data && R.data.layer;
    return typeof key === 'string' && G.lib.own(G.layers, key) ? G.layers[key] : null;
  }
  function clearRings() {
    if (R.rings) { R.rings.remove(); R.rings = null; }
  }
  function openUnit(m) {
    var entry = units();
    if (!entry) { return null; }
    var map = entry.map;
    if (!map.hasLayer(entry.group)) { map.addLayer(entry.group); }
    var node = entry.openPopup(m.i);
    if (!node && G.cfg.dates.length) {  /* proposed at the latest date: not drawn at an earlier one */
      G.setDate(G.cfg.dates[G.cfg.dates.length - 1]);
      node = entry.openPopup(m.i);
    }
    return node;
  }
  function showList(req) {
    var list = R.list, t = R.data.texts;
    if (!list) { return; }
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (!req) { return; }
    list.appendChild(el('div', req.label, 'gi-request-label'));
    if (!req.matches.length) {
      list.appendChild(el('div', t.request_no_match + (req.none ? ': ' + req.none : ''), 'gi-none'));
      return;
    }
    var ol = list.appendChild(el('ol', null, 'gi-request-matches'));
    ol.setAttribute('aria-label', t.request_matches);
    req.matches.forEach(function (m) {
      var li = ol.appendChild(el('li')), btn = el('button', m.rank + '. ' + m.unit + ' · ' + m.score);
      btn.type = 'button';
      btn.setAttribute('data-unit', m.unit);
      btn.addEventListener('click', function () { openUnit(m); });
      li.appendChild(btn);
      li.appendChild(el('div', m.reasons, 'gi-request-reasons'));
    });
  }
  function choose(k) {
    clearRings();
    R.chosen = k;
    var req = k >= 0 ? R.data.requests[k] : null, entry = units(), n = 0;
    if (R.select) { R.select.value = k >= 0 ? String(k) : ''; }
    showList(req);
    if (req && entry) {
      var map = entry.map, s = R.data.ring, group = L.layerGroup();
      if (!map.getPane('giRequests')) {
        var p = map.createPane('giRequests');
        p.style.zIndex = 610;  /* above the points, beneath the search's highlight (620) */
        p.style.pointerEvents = 'none';
      }
      req.matches.forEach(function (m) {
        var item = entry.items[m.i];
        if (!item || !item.getLatLng) { return; }
        group.addLayer(L.circleMarker(item.getLatLng(), {
          pane: 'giRequests', interactive: false, className: 'gi-request-ring', radius: item.getRadius() + s.weight,
          color: s.color, weight: s.weight, opacity: s.opacity, fill: false
        }));
        group.addLayer(L.marker(item.getLatLng(), {
          pane: 'giRequests', interactive: false, keyboard: false,
          icon: L.divIcon({className: 'gi-request-rank', html: el('span', m.rank), iconSize: null})
        }));
        n++;
      });
      group.addTo(map);
      R.rings = group;
    }
    if (!G.loading && G.saveHash) { G.saveHash(); }
    return n;
  }
  function indexOf(id) {
    return typeof id === 'string' ? R.ids.indexOf(id) : -1;
  }
  G.chooseRequest = function (id) {  /* a hook: a request id of the page, or "" / null to clear */
    if (!R.data) { return null; }
    if (id === '' || id === null || id === undefined) { choose(-1); return 0; }
    var k = indexOf(id);
    if (k < 0) { return null; }
    return choose(k);
  };
  function control(map) {
    var t = R.data.texts;
    G.lib.control(map, 'topleft', 'gi-requests', function (div) {
      var lab = div.appendChild(el('label', t.requests + ' ', 'gi-requests-title'));
      var sel = el('select', null, 'gi-requests-select');
      sel.setAttribute('aria-label', t.requests);
      sel.appendChild(el('option', t.request_none)).value = '';
      R.data.requests.forEach(function (req, k) {
        var o = sel.appendChild(el('option', req.id + (req.label ? ' · ' + req.label : '')));
        o.value = String(k);
      });
      lab.appendChild(sel);
      R.select = sel;
      R.list = div.appendChild(el('div', null, 'gi-requests-list'));
      sel.addEventListener('change', function () {
        var k = /^\d{1,6}$/.test(sel.value) ? Number(sel.value) : -1;
        choose(k < R.data.requests.length ? k : -1);
      });
      if (R.chosen >= 0) { sel.value = String(R.chosen); showList(R.data.requests[R.chosen]); }
    });
  }
  G.addRequests = function (map, node) {  /* a builder: the data block written by Python */
    if (R.data || !node) { return; }
    R.data = JSON.parse(node.textContent);
    R.ids = R.data.requests.map(function (r) { return r.id; });
    G.hashParts.push({
      name: 'r',
      save: function () { return R.chosen >= 0 ? encodeURIComponent(R.ids[R.chosen]) : ''; },
      read: function (id) { var k = indexOf(id); choose(k); }
    });
    var ready = G.ready;  /* the panel goes beneath the other controls, made by G.ready */
    G.ready = function (m, cfg) { ready(m, cfg); control(map); G.layout(map); };
  };
})();
