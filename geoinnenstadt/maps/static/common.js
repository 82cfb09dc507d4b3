/* geoinnenstadt page: the shared state and helpers of the page's scripts. Loaded first; then
   runtime.js (layers, popups), explore.js (slider, filters, search) and print.js, each of which
   takes what it needs from here (window.__gi.lib) instead of keeping a copy.
   window.__gi is the page's one global: the state the scripts share (layers, counts, boxes,
   explore settings, the selected date, the state of the filters) and the page hooks (documented in
   geoinnenstadt.maps). The data blocks it draws are declared in geoinnenstadt/maps/payload.py. */
(function () {
  if (window.__gi) { return; }
  var G = window.__gi = {
    layers: {}, counts: {}, renderedAt: null, hatches: {}, boxes: [],
    cfg: {dates: [], filters: [], texts: {}}, current: null,
    filterState: Object.create(null),  /* group key -> checked options; keys only from Python */
    hashParts: []  /* {name, save, read}: fragment parts of optional scripts */
  };
  /* an element with text set as textContent (never HTML) and an optional class */
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function own(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }
  /* fn(entry, key) for every layer of the page */
  function eachLayer(fn) { for (var key in G.layers) { if (own(G.layers, key)) { fn(G.layers[key], key); } } }
  /* a box in a corner of the map (legend, caption, controls) built by build(div); clicks and
     scrolling inside it stay in it */
  function control(map, position, cls, build) {
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
  G.lib = {el: el, own: own, eachLayer: eachLayer, control: control};
})();
