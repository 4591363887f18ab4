// The explore, plan and staff maps: category pins, clusters, count cells, boundaries and
// the legend. ecosites/mapview.py loads this file with the base map and calls
// ecoSites.init(map, config) once per map, then ecoSites.fill(group, data) for every site
// layer it sends, or ecoSites.browse(group, data) for Explore's, whose sites the browser
// groups itself. Site text arrives HTML-escaped from Python; nothing here builds HTML.
(function (ecoSites) {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var config = null;  // set by init, before any layer is filled
  var decoder = document.createElement("textarea");

  function plainText(html) {  // a textarea's content is text: entities decode, tags never run
    decoder.innerHTML = html;
    return decoder.value;
  }

  function pin(category, siteId, label, selected) {
    var el = document.createElement("div");
    el.className = "eco-pin eco-shape-" + category.shape + (selected ? " eco-selected" : "");
    el.style.background = category.colour;
    el.setAttribute("role", "img");
    el.setAttribute("aria-label", label);
    if (siteId) { el.setAttribute("data-site-id", siteId); }
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", config.icons[category.icon] || "");
    svg.appendChild(path);
    el.appendChild(svg);
    return el;
  }

  // Without a basemap, the name in the chosen language (the label's first part) beside
  // the pin; CSS shows it from config.namesFrom. Screen readers already have the label.
  function withName(pinElement, label) {
    var box = document.createElement("div");
    box.appendChild(pinElement);
    var name = document.createElement("span");
    name.className = "eco-name";
    name.setAttribute("aria-hidden", "true");
    name.lang = config.lang;
    name.textContent = label.split(config.labelSeparator)[0];
    box.appendChild(name);
    return box;
  }

  function noTilesNote(map) {
    var control = L.control({position: "bottomleft"});
    control.onAdd = function () {
      var note = L.DomUtil.create("div", "eco-no-basemap");
      note.setAttribute("role", "note");
      note.setAttribute("data-testid", "map-no-basemap");
      note.lang = config.lang;
      note.textContent = config.noTilesNote;
      return note;
    };
    control.addTo(map);
    var container = map.getContainer();
    function showNames() {
      if (map.getZoom() >= config.namesFrom) { L.DomUtil.addClass(container, "eco-names"); }
      else { L.DomUtil.removeClass(container, "eco-names"); }
    }
    map.on("zoomend", showNames);
    showNames();
  }

  function legend() {
    var control = L.control({position: "bottomright"});
    control.onAdd = function () {
      var box = L.DomUtil.create("div", "eco-legend");
      box.setAttribute("data-testid", "map-legend");
      config.categories.forEach(function (cat) {
        var row = L.DomUtil.create("div", "eco-legend-row", box);
        row.appendChild(pin(cat, null, cat.label, false));
        var text = document.createElement("span");
        text.textContent = cat.label;
        row.appendChild(text);
      });
      return box;
    };
    return control;
  }

  // data.sites rows are [lat, lon, category index, id, label HTML, radius_m]; data.cells
  // rows are [lat, lon, count]; see site_layer_payload and build_site_layer in mapview.py.
  // A focusable marker is a button: Enter or Space does what a click does (Leaflet
  // passes the key events of the focused icon to its marker).
  function clickOnEnter(marker) {
    marker.on("keydown", function (e) {
      var key = e.originalEvent && e.originalEvent.key;
      if (key !== "Enter" && key !== " ") { return; }
      L.DomEvent.preventDefault(e.originalEvent);
      marker.fire("click", {latlng: marker.getLatLng(), originalEvent: e.originalEvent}, true);
    });
  }

  function named(icon, label) {  // a divIcon whose element carries a role and a name
    var create = icon.createIcon;
    icon.createIcon = function (old) {
      var el = create.call(this, old);
      el.setAttribute("role", "button");
      el.setAttribute("aria-label", label);
      return el;
    };
    return icon;
  }

  // MarkerCluster's own look (marker-cluster-small/medium/large), named for screen
  // readers; Enter on a focused cluster zooms in (MarkerCluster handles that key, and
  // browse's groups use clickOnEnter).
  function clusterIcon(count) {
    var box = document.createElement("div");
    var text = document.createElement("span");
    text.textContent = count.toLocaleString();
    text.setAttribute("aria-hidden", "true");
    box.appendChild(text);
    var size = count < 10 ? "small" : (count < 100 ? "medium" : "large");
    return named(L.divIcon({html: box, className: "marker-cluster marker-cluster-" + size,
                            iconSize: L.point(40, 40)}),
                 config.clusterLabel.replace("{count}", count.toLocaleString()));
  }

  function nameMap(map, count) {
    var container = map.getContainer();
    container.setAttribute("role", "region");
    container.setAttribute("aria-label", config.mapLabel.replace("{count}", count.toLocaleString()));
  }

  // The name, then one line: the category and, where the page sends one, a note such as
  // whether the site is open now. All parts arrive escaped. streamlit-folium reports the
  // tooltip's text on a click; the newline keeps the name apart from the line under it
  // (markers.site_id_from_click in ecosites/markers.py reads the name before it).
  function tooltip(s, cat, notes) {
    var line = cat.tip + (notes && notes[s[3]] ? " · " + notes[s[3]] : "");
    return s[4] + "<br>\n<span class=\"eco-tip-line\">" + line + "</span>";
  }

  // fit: {key, bounds: [[s, w], [n, e]] or null, focus: [lat, lon] or null, zoom}; applied
  // once per key, so a rerun for a selection leaves the user's zoom and position alone.
  // The map's own controls sit over its corners: fitted markers stay clear of them. The
  // zoom buttons and "Show all results" are a narrow column at the top left (kept clear
  // sideways), the legend, scale and notes are short rows along the bottom (kept clear
  // upwards), so the map gives up as little room as it can.
  var FIT_MARGIN = 30;
  function fitOptions(map, options) {
    var box = map.getContainer();
    var height = function (selector) {
      var corner = box.querySelector(selector);
      return corner ? corner.offsetHeight : 0;
    };
    var topLeft = box.querySelector(".leaflet-top.leaflet-left");
    var left = Math.max(FIT_MARGIN, (topLeft ? topLeft.offsetWidth : 0) + 10);
    var bottom = Math.max(FIT_MARGIN, Math.max(height(".leaflet-bottom.leaflet-right"),
                                               height(".leaflet-bottom.leaflet-left")) + 10);
    // A small map (a phone) keeps at least three quarters of each side for the markers.
    left = Math.min(left, box.clientWidth / 4);
    bottom = Math.min(bottom, box.clientHeight / 4);
    return L.extend({paddingTopLeft: [left, FIT_MARGIN], paddingBottomRight: [FIT_MARGIN, bottom]},
                    options);
  }

  // "Show all results": a map button that fits the map to the latest results again.
  function showAllControl(map) {
    var control = L.control({position: "topleft"});
    control.onAdd = function () {
      var bar = L.DomUtil.create("div", "leaflet-bar eco-show-all");
      var button = L.DomUtil.create("a", "", bar);
      button.href = "#";
      button.setAttribute("role", "button");
      button.setAttribute("data-testid", "map-show-all");
      button.title = config.showAllHelp;
      button.textContent = config.showAll;
      L.DomEvent.disableClickPropagation(bar);
      L.DomEvent.on(button, "click", function (e) {
        L.DomEvent.preventDefault(e);
        if (ecoSites.fitBounds) {
          map.fitBounds(ecoSites.fitBounds, fitOptions(map, {maxZoom: ecoSites.fitZoom}));
        }
      });
      L.DomEvent.on(button, "keydown", function (e) {
        if (e.key === " ") { L.DomEvent.preventDefault(e); button.click(); }
      });
      return bar;
    };
    return control;
  }

  var SIZED_PX = 50;
  function hasSize(map) {
    var box = map.getContainer();
    return box.clientWidth >= SIZED_PX && box.clientHeight >= SIZED_PX;
  }

  // Moves the map to ``fit``; a move made before the frame had a size is made again once
  // it has one (see init's ResizeObserver).
  function lookAt(map, fit) {
    ecoSites.unsizedFit = hasSize(map) ? null : fit;
    if (fit.focus) {
      map.setView(fit.focus, Math.max(map.getZoom(), fit.zoom), {animate: false});
    } else if (fit.bounds) {
      map.fitBounds(fit.bounds, fitOptions(map, {maxZoom: fit.zoom, animate: false}));
    }
  }

  function applyFit(map, fit) {
    if (!fit) { return; }
    ecoSites.fitBounds = fit.bounds;
    ecoSites.fitZoom = fit.zoom;
    if (!ecoSites.showAll) { ecoSites.showAll = showAllControl(map).addTo(map); }
    if (ecoSites.fitKey === fit.key) { return; }
    ecoSites.fitKey = fit.key;
    lookAt(map, fit);
  }

  // One site's pin; s is [lat, lon, category index, id, label HTML, radius_m].
  function siteMarker(s, notes, selected) {
    var cat = config.categories[s[2]];
    // Leaflet and streamlit-folium use innerHTML, hence the escaped label; title and
    // aria-label take its plain text, so it is sent only once.
    var label = s[4].indexOf("&") < 0 ? s[4] : plainText(s[4]);
    var icon = L.divIcon({html: config.noTiles ? withName(pin(cat, s[3], label, selected), label)
                                               : pin(cat, s[3], label, selected),
                          className: "eco-marker", iconSize: [26, 26], iconAnchor: [13, 13]});
    var marker = L.marker([s[0], s[1]], {icon: icon, keyboard: true, title: label,
                                         riseOnHover: true, zIndexOffset: selected ? 1000 : 0});
    marker.bindTooltip(tooltip(s, cat, notes), {direction: "top", offset: [0, -12],
                                                    className: "eco-tip"});
    clickOnEnter(marker);
    return marker;
  }

  // The selected site stays out of any cluster so that it is always visible, with a
  // dashed circle where its position is only approximate.
  function addSelected(group, s, notes) {
    group.addLayer(siteMarker(s, notes, true));
    if (s[5] > 0) {
      L.circle([s[0], s[1]], {radius: s[5], className: "eco-approx", interactive: false,
                              color: config.categories[s[2]].colour, weight: 1, dashArray: "4 4",
                              fillOpacity: 0.06}).addTo(group);
    }
  }

  function addBoundaries(group, features) {
    if (!features.length) { return; }
    L.geoJSON({type: "FeatureCollection", features: features}, {
      interactive: false, style: function (f) {
        var c = config.categories[f.properties.c];
        return {color: c.colour, weight: 2, fillOpacity: 0.12};
      }}).addTo(group);
  }

  // Once the group is on the map: its accessible name counts ``total`` sites, and the fit.
  function whenOnMap(group, total, fit) {
    var onMap = function () {
      if (group._map) { nameMap(group._map, total); applyFit(group._map, fit); }
    };
    group.on("add", onMap);
    onMap();
  }

  function fill(group, data) {
    var cluster = L.markerClusterGroup({
      chunkedLoading: true, showCoverageOnHover: false, spiderfyOnMaxZoom: false,
      maxClusterRadius: config.clusterRadius, disableClusteringAtZoom: config.noClusterFrom,
      iconCreateFunction: function (c) { return clusterIcon(c.getChildCount()); }
    });
    var markers = [];
    for (var i = 0; i < data.sites.length; i++) {
      var s = data.sites[i];
      if (s[3] === data.selected) { addSelected(group, s, data.notes); }
      else { markers.push(siteMarker(s, data.notes, false)); }
    }
    cluster.addLayers(markers);
    group.addLayer(cluster);
    (data.cells || []).forEach(function (c) {
      // A server-side group of sites (very large selections): click to zoom in on it.
      var box = document.createElement("div");
      var count = document.createElement("span");
      count.textContent = c[2].toLocaleString();
      box.appendChild(count);
      var size = c[2] < 100 ? "small" : (c[2] < 1000 ? "medium" : "large");
      var cell = L.marker([c[0], c[1]], {
        icon: L.divIcon({html: box, className: "marker-cluster marker-cluster-" + size + " eco-cell",
                         iconSize: [40, 40]}),
        keyboard: true, title: data.cellTitle.replace("{count}", c[2].toLocaleString())});
      cell.on("click", function () {
        var map = group._map;
        if (map) { map.setView([c[0], c[1]], Math.min(map.getZoom() + 2, map.getMaxZoom())); }
      });
      clickOnEnter(cell);
      group.addLayer(cell);
    });
    var total = data.sites.length;
    (data.cells || []).forEach(function (c) { total += c[2]; });
    whenOnMap(group, total, data.fit);
    if (data.boundaries) { addBoundaries(group, data.boundaries.features); }
  }

  // Explore's sites, grouped here with supercluster so that panning and zooming need no
  // rerun. data (BrowserLayer in ecosites/mapview.py): {url, rows, visible: base64 bitset
  // of the rows shown, row i at bit i % 8 of byte i / 8, total, selected: a fill row or
  // null, selectedRow, notes, fit}. The file at url (BrowserSites.content in
  // ecosites/markers.py) holds columns ids, lat, lon, cat, labels and boundaries, and is
  // fetched once per URL: its name changes with its content.
  var siteFiles = {};
  function fetchJson(url, unpack) {
    return fetch(url).then(function (response) {
      if (!response.ok) { throw new Error(url + ": HTTP " + response.status); }
      return unpack ? new Response(response.body.pipeThrough(unpack)).json() : response.json();
    });
  }
  // The server keeps a gzip copy beside each site file (ecosites/sitefiles.py) and serves
  // static files as they are: a fifth of the bytes, unpacked here. A browser without
  // DecompressionStream, or a copy that fails, gets the plain file.
  function siteFile(url) {
    if (!siteFiles[url]) {
      var packed = typeof DecompressionStream === "function"
        ? fetchJson(url + ".gz", new DecompressionStream("gzip")) : Promise.reject();
      siteFiles[url] = packed.catch(function () { return fetchJson(url, null); });
      siteFiles[url].catch(function () { delete siteFiles[url]; });
    }
    return siteFiles[url];
  }

  function shownRows(bits, rows) {
    var bytes = atob(bits);
    var shown = new Uint8Array(rows);
    for (var b = 0; b < bytes.length; b++) {
      var byte = bytes.charCodeAt(b);
      for (var bit = 0; byte && bit < 8; bit++, byte >>= 1) {
        if (byte & 1) { shown[b * 8 + bit] = 1; }
      }
    }
    return shown;
  }

  // One index per (file, visible rows, selection): a rerun for anything else reuses it.
  function indexFor(file, data, shown) {
    var key = data.url + "|" + data.visible + "|" + data.selectedRow;
    if (ecoSites.index && ecoSites.index.key === key) { return ecoSites.index.value; }
    var points = [];
    for (var i = 0; i < shown.length; i++) {
      if (shown[i] && i !== data.selectedRow) {
        points.push({type: "Feature", properties: {i: i},
                     geometry: {type: "Point", coordinates: [file.lon[i], file.lat[i]]}});
      }
    }
    // extent 256 makes radius the same screen pixels as MarkerCluster's maxClusterRadius.
    var index = new Supercluster({radius: config.clusterRadius, extent: 256, minPoints: 2,
                                  maxZoom: config.noClusterFrom - 1}).load(points);
    ecoSites.index = {key: key, value: index};
    return index;
  }

  function groupMarker(map, index, feature) {
    var count = feature.properties.point_count;
    var at = [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
    var marker = L.marker(at, {icon: clusterIcon(count), keyboard: true});
    marker.on("click", function () {
      var zoom = index.getClusterExpansionZoom(feature.properties.cluster_id);
      map.setView(at, Math.min(Math.max(zoom, map.getZoom() + 1), map.getMaxZoom()));
    });
    clickOnEnter(marker);
    return marker;
  }

  var VIEW_PAD = 0.25;  // markers just outside the view are drawn too, so a small pan shows them
  function browse(group, data) {
    // Site markers go in a feature group: streamlit-folium hears their clicks through it.
    // Group markers go in a plain layer group, whose clicks it never hears (no rerun).
    var sitesShown = L.featureGroup().addTo(group);
    var groupsShown = L.layerGroup().addTo(group);
    if (data.selected) { addSelected(group, data.selected, data.notes); }
    whenOnMap(group, data.total, data.fit);
    var token = {};
    ecoSites.browsing = token;
    var file = null;
    var index = null;
    var drawn = {};
    var map = null;
    function redraw() {
      map = group._map || map;
      if (!map || !index || ecoSites.browsing !== token) { return; }
      var view = map.getBounds().pad(VIEW_PAD);
      var features = index.getClusters([view.getWest(), view.getSouth(), view.getEast(),
                                        view.getNorth()], Math.round(map.getZoom()));
      var next = {};
      features.forEach(function (f) {
        var isGroup = f.properties.cluster;
        var key = isGroup ? "g" + f.properties.cluster_id : "s" + f.properties.i;
        var layer = drawn[key];
        if (!layer) {
          var i = f.properties.i;
          layer = isGroup ? groupMarker(map, index, f)
                          : siteMarker([file.lat[i], file.lon[i], file.cat[i], file.ids[i],
                                        file.labels[i], 0], data.notes, false);
          (isGroup ? groupsShown : sitesShown).addLayer(layer);
        }
        next[key] = layer;
      });
      Object.keys(drawn).forEach(function (key) {
        if (!next[key]) { (key[0] === "g" ? groupsShown : sitesShown).removeLayer(drawn[key]); }
      });
      drawn = next;
      ecoSites.draws = (ecoSites.draws || 0) + 1;  // read by tests and benchmarks
    }
    group.on("add", function () {
      map = group._map;
      map.on("moveend", redraw);
      redraw();
    });
    group.on("remove", function () { if (map) { map.off("moveend", redraw); } });
    if (group._map) { group._map.on("moveend", redraw); }
    siteFile(data.url).then(function (loaded) {
      if (ecoSites.browsing !== token) { return; }
      var started = performance.now();
      file = loaded;
      var shown = shownRows(data.visible, data.rows);
      index = indexFor(file, data, shown);
      if (data.selectedRow !== null) { shown[data.selectedRow] = 1; }
      addBoundaries(group, file.boundaries.filter(function (f) { return shown[f.properties.i]; }));
      redraw();
      ecoSites.filled = {url: data.url, visible: data.visible, ms: performance.now() - started};
    }).catch(function (error) { console.error(error); });
  }

  // config: {categories: [{colour, icon, shape, label, tip (escaped label)}], icons: {name:
  // svg path}, clusterRadius, noClusterFrom, noTiles, lang, frameTitle, zoomIn, zoomOut,
  // mapLabel, clusterLabel, showAll, showAllHelp, gestureText: {touch, scroll, scrollMac},
  // noTilesNote, namesFrom, labelSeparator}; see SiteScript in mapview.py.
  function init(map, mapConfig) {
    config = mapConfig;
    // Focus moved by script in this frame never scrolls the page. Leaflet focuses the map
    // on every press; where the frame did not fit the window, Chromium then scrolled the
    // page to show all of it between the press and the release, and the click on a marker
    // was lost. Focus moved by the keyboard (Tab) still scrolls as the browser does.
    var focus = HTMLElement.prototype.focus;
    if (!focus.ecoSitesNoScroll) {
      HTMLElement.prototype.focus = function (options) {
        focus.call(this, Object.assign({preventScroll: true}, options));
      };
      HTMLElement.prototype.focus.ecoSitesNoScroll = true;
    }
    // The frame's own document: its language, a name for the frame (streamlit-folium
    // titles it "streamlit_folium.st_folium"), and zoom allowed (folium's meta tag sets
    // user-scalable=no, maximum-scale=1.0).
    document.documentElement.lang = config.lang;
    if (window.frameElement) { window.frameElement.setAttribute("title", config.frameTitle); }
    document.querySelectorAll("meta[name='viewport']").forEach(function (meta) {
      meta.setAttribute("content", "width=device-width, initial-scale=1.0");
    });
    nameMap(map, 0);
    // streamlit-folium reports a map as soon as it is drawn when its first click count (0)
    // differs from the default its Python side keeps (None): a rerun for nothing, and one
    // that undoes a tap on the page's navigation made in that moment. Counting from the
    // Python default makes the first report equal it, so none is sent; a click still
    // counts 1, 2, ... (null + 1 is 1).
    var shared = window.__GLOBAL_DATA__;
    if (shared && shared.last_object_clicked_count === 0 && shared.previous_data &&
        shared.previous_data.last_object_clicked_count === null) {
      shared.last_object_clicked_count = null;
    }
    // The frame's height can change after the map is drawn (shorter on phones).
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        map.invalidateSize();
        if (ecoSites.unsizedFit && hasSize(map)) { lookAt(map, ecoSites.unsizedFit); }
      }).observe(map.getContainer());
    }
    // On a touch screen one finger scrolls the page and two move the map, as phone map
    // apps do; a mouse keeps dragging and wheel zoom as they were.
    if (map.gestureHandling && window.matchMedia && window.matchMedia("(pointer: coarse)").matches) {
      map.options.gestureHandlingOptions = {text: config.gestureText, duration: 1500};
      map.gestureHandling.enable();
    }
    if (config.noTiles) {
      L.DomUtil.addClass(map.getContainer(), "eco-no-tiles");
      noTilesNote(map);
    }
    legend().addTo(map);
    speakLanguage(map);
  }

  // Leaflet's own controls are English: the zoom buttons take the page's words, and the
  // attribution's "A JavaScript library for interactive maps" tooltip goes.
  function speakLanguage(map) {
    var box = map.getContainer();
    [[".leaflet-control-zoom-in", config.zoomIn], [".leaflet-control-zoom-out", config.zoomOut]]
      .forEach(function (pair) {
        var button = box.querySelector(pair[0]);
        if (button && pair[1]) {
          button.setAttribute("title", pair[1]);
          button.setAttribute("aria-label", pair[1]);
        }
      });
    box.querySelectorAll(".leaflet-control-attribution a[title]").forEach(function (link) {
      link.removeAttribute("title");
    });
  }

  ecoSites.init = init;
  ecoSites.fill = fill;
  ecoSites.browse = browse;
})(window.ecoSites = window.ecoSites || {});
