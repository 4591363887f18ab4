// "Near me" on the explore map: the position and its radius. ecosites/nearby.py
// (PositionLayer) calls ecoSites.position(group, data) with
// data = {at: [lat, lon], radius: metres, colour, label HTML}. Neither takes clicks, so a
// click there still sets a new position or reaches the site marker underneath.
(function (ecoSites) {
  "use strict";

  function position(group, d) {
    L.circle(d.at, {radius: d.radius, interactive: false, className: "eco-near-radius",
                    color: d.colour, weight: 2, dashArray: "6 6", fillOpacity: 0.05}).addTo(group);
    L.circleMarker(d.at, {radius: 8, interactive: false, className: "eco-near-position",
                          color: "#000000", weight: 2, fillColor: d.colour, fillOpacity: 1})
      .bindTooltip(d.label, {permanent: true, direction: "right", offset: [10, 0],
                             className: "eco-near-label"})
      .addTo(group);
  }

  ecoSites.position = position;
})(window.ecoSites = window.ecoSites || {});
