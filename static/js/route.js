// A visit plan over the planner's map: one line per day and numbered stop badges.
// ecosites/mapview.py (RouteLayer) calls ecoSites.route(group, data) with
// data = {colours, stops: [[lat, lon, number, day, has_warning]], paths: [[[lat, lon]]],
// points: [[lat, lon, label HTML, "start" | "end"]]}. Badges and start/end marks take no
// clicks, so a click still reaches the site marker underneath.
(function (ecoSites) {
  "use strict";
  var WARNING_COLOUR = "#B00020";
  var POINT_COLOUR = "#333";

  function badge(text, colour, attr, value) {
    var el = document.createElement("div");
    el.className = "eco-badge";
    el.textContent = text;
    el.setAttribute(attr, value);
    el.style.background = colour;
    return el;
  }

  function route(group, d) {
    var colours = d.colours;
    d.paths.forEach(function (path, i) {
      if (path.length > 1) {
        L.polyline(path, {color: colours[i % colours.length], weight: 4, opacity: 0.85,
                          interactive: false, className: "eco-route-line"}).addTo(group);
      }
    });
    d.stops.forEach(function (s) {
      var colour = s[4] ? WARNING_COLOUR : colours[(s[3] - 1) % colours.length];
      var icon = L.divIcon({html: badge(String(s[2]), colour, "data-stop-number", s[2]),
                            className: "eco-route-stop", iconSize: [26, 26], iconAnchor: [13, 36]});
      L.marker([s[0], s[1]], {icon: icon, interactive: false, keyboard: false,
                              zIndexOffset: 2000}).addTo(group);
    });
    d.points.forEach(function (p) {
      var icon = L.divIcon({html: badge(p[3] === "start" ? "S" : "E", POINT_COLOUR, "data-route-point",
                                        p[3]), className: "eco-route-point", iconSize: [26, 26],
                            iconAnchor: [13, 13]});
      L.marker([p[0], p[1]], {icon: icon, interactive: false, keyboard: false, zIndexOffset: 1500})
        .bindTooltip(p[2], {permanent: true, direction: "right", offset: [12, 0]}).addTo(group);
    });
  }

  ecoSites.route = route;
})(window.ecoSites = window.ecoSites || {});
