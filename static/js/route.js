// A visit plan over the planner's map: one line per day and numbered stop badges.
// ecosites/mapview.py (RouteLayer) calls ecoSites.route(group, data) with
// data = {colours, stops: [[lat, lon, number, day, has_warning]], paths: [[[lat, lon]]],
// points: [[lat, lon, label HTML, "start" | "end"]], legend: [[colour, label HTML, key]]}.
// Badges and start/end marks take no clicks, so a click still reaches the site marker
// underneath. Start/end names go in the legend: a permanent label would cover the map.
(function (ecoSites) {
  "use strict";
  var WARNING_COLOUR = "#B00020";
  var POINT_COLOUR = "#333";
  var BADGE_PX = 26;

  function badge(text, colour, attr, value) {
    var el = document.createElement("div");
    el.className = "eco-badge";
    el.textContent = text;
    el.setAttribute(attr, value);
    el.style.background = colour;
    return el;
  }

  // Badges closer than their size on screen are fanned out to the right of the first, so
  // none hides another (stops at one place, or a few hundred metres apart when zoomed out).
  function spread(map, markers) {
    var placed = [];
    markers.forEach(function (marker) {
      var at = map.latLngToLayerPoint(marker.getLatLng());
      var shift = 0;
      while (placed.some(function (q) {
        return Math.abs(q.x - (at.x + shift)) < BADGE_PX && Math.abs(q.y - at.y) < BADGE_PX;
      })) {
        shift += BADGE_PX;
      }
      placed.push(L.point(at.x + shift, at.y));
      var el = marker.getElement() && marker.getElement().firstChild;
      if (el) { el.style.transform = shift ? "translateX(" + shift + "px)" : ""; }
    });
  }

  function legendControl(rows) {
    var legend = L.control({position: "bottomleft"});
    legend.onAdd = function () {
      var box = L.DomUtil.create("div", "eco-legend eco-route-legend");
      box.setAttribute("data-route-legend", "");
      rows.forEach(function (item) {
        var row = document.createElement("div");
        row.className = "eco-legend-row";
        var key = document.createElement("span");
        key.className = "eco-route-key";
        key.textContent = item[2];
        key.style.background = item[0];
        var label = document.createElement("span");
        label.innerHTML = item[1];  // escaped in Python, like every label here
        row.appendChild(key);
        row.appendChild(label);
        box.appendChild(row);
      });
      return box;
    };
    return legend;
  }

  function route(group, d) {
    var colours = d.colours;
    d.paths.forEach(function (path, i) {
      if (path.length > 1) {
        L.polyline(path, {color: colours[i % colours.length], weight: 4, opacity: 0.85,
                          interactive: false, className: "eco-route-line"}).addTo(group);
      }
    });
    var stopMarkers = d.stops.map(function (s) {
      var colour = s[4] ? WARNING_COLOUR : colours[(s[3] - 1) % colours.length];
      var icon = L.divIcon({html: badge(String(s[2]), colour, "data-stop-number", s[2]),
                            className: "eco-route-stop", iconSize: [26, 26], iconAnchor: [13, 36]});
      return L.marker([s[0], s[1]], {icon: icon, interactive: false, keyboard: false,
                                     zIndexOffset: 2000 + s[2]}).addTo(group);
    });
    d.points.forEach(function (p) {
      var icon = L.divIcon({html: badge(p[3] === "start" ? "S" : "E", POINT_COLOUR, "data-route-point",
                                        p[3]), className: "eco-route-point", iconSize: [26, 26],
                            iconAnchor: [13, 13]});
      L.marker([p[0], p[1]], {icon: icon, interactive: false, keyboard: false,
                              zIndexOffset: 1500}).addTo(group);
    });
    var legend = legendControl(d.legend || []);
    group.on("add", function () {
      var map = group._map;
      if (!map) { return; }
      map.getContainer().classList.add("eco-plan-map");  // other sites faint (map.css)
      if ((d.legend || []).length) { legend.addTo(map); }
      spread(map, stopMarkers);
      map.on("zoomend", function () { spread(map, stopMarkers); });
    });
    group.on("remove", function () { legend.remove(); });
  }

  ecoSites.route = route;
})(window.ecoSites = window.ecoSites || {});
