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

  var SVG = "http://www.w3.org/2000/svg";
  // Where a badge meets its leader, and the stop's true point, in the marker's own
  // pixels (the badge is 26 px wide and sits 10 px above the point: iconAnchor [13, 36]).
  var BADGE_FOOT = [13, 26];
  var POINT = [13, 36];

  // A fanned-out badge gets a thin line down to the point it stands for: dark on a white
  // halo, so it shows on light and dark tiles alike; it takes no clicks.
  function leader(container, shift) {
    var svg = container.querySelector("[data-leader]");
    if (!shift) {
      if (svg) { svg.style.display = "none"; }
      return;
    }
    if (!svg) {
      svg = document.createElementNS(SVG, "svg");
      svg.setAttribute("data-leader", "");
      svg.setAttribute("aria-hidden", "true");
      svg.setAttribute("class", "eco-leader");
      ["halo", "line"].forEach(function (kind) {
        var line = document.createElementNS(SVG, "line");
        line.setAttribute("class", "eco-leader-" + kind);
        svg.appendChild(line);
      });
      container.insertBefore(svg, container.firstChild);
    }
    svg.style.display = "";
    svg.style.left = POINT[0] + "px";
    svg.style.top = BADGE_FOOT[1] + "px";
    svg.setAttribute("width", String(shift + 1));
    svg.setAttribute("height", String(POINT[1] - BADGE_FOOT[1] + 1));
    Array.prototype.forEach.call(svg.childNodes, function (line) {
      line.setAttribute("x1", String(shift));
      line.setAttribute("y1", "0");
      line.setAttribute("x2", "0");
      line.setAttribute("y2", String(POINT[1] - BADGE_FOOT[1]));
    });
  }

  // Badges closer than their size on screen are fanned out to the right of the first, so
  // none hides another (stops at one place, or a few hundred metres apart when zoomed out);
  // each moved badge keeps a leader line to its true point.
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
      var container = marker.getElement();
      var el = container && container.querySelector(".eco-badge");
      if (el) {
        el.style.transform = shift ? "translateX(" + shift + "px)" : "";
        leader(container, shift);
      }
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
