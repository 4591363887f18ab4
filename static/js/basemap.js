// The offline vector basemap (ECOSITES_TILES=pmtiles): one PMTiles archive served by the
// app, read with range requests by pmtiles and painted by protomaps-leaflet in the
// Protomaps light style, labels in the page's language. VectorBasemap in
// ecosites/vector_basemap.py loads this file and calls ecoSites.vectorBasemap(map, config).
(function (ecoSites) {
  "use strict";
  ecoSites.vectorBasemap = function (map, config) {
    var archive = new pmtiles.PMTiles(config.url);
    protomapsL.leafletLayer({
      url: archive, flavor: config.flavor, lang: config.lang,
      attribution: config.attribution, maxDataZoom: config.maxDataZoom
    }).addTo(map);
  };
})(window.ecoSites = window.ecoSites || {});
