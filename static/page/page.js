// The page's own accessibility glue in the app's main document (not the map frame):
// the document language, a polite live region, focus into and out of the detail panel,
// and Enter/Space on the site list. components/document.py inlines this file with
// st.html and then calls one function of window.ecoPage with JSON arguments. Every
// function is safe to call again on a rerun: it changes only what differs.
// Streamlit's sanitiser drops a script whose text has "<" before a letter or "/", so
// this file has none (tests/unit/test_document.py checks).
(function (ecoPage) {
  "use strict";
  if (ecoPage.ready) { return; }
  ecoPage.ready = true;
  var opener = null;  // what had focus when the details opened, to return focus there
  var openSite = null;
  var openerCell = null;  // the list cell it was, found again in a list drawn anew
  var lastListCell = null;  // the list cell that last had focus

  function setLang(tag) {
    if (document.documentElement.lang !== tag) { document.documentElement.lang = tag; }
  }

  function liveRegion() {
    var region = document.getElementById("eco-live");
    if (!region) {
      region = document.createElement("div");
      region.id = "eco-live";
      region.className = "eco-visually-hidden";
      region.setAttribute("aria-live", "polite");
      region.setAttribute("role", "status");
      // Visually hidden but read: clipped to nothing, not display:none.
      region.style.cssText = "position:absolute;width:1px;height:1px;margin:-1px;padding:0;" +
        "overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0";
      document.body.appendChild(region);
    }
    return region;
  }

  function announce(text) {
    var region = liveRegion();
    region.textContent = "";
    // A changed text node is what screen readers announce; set it on the next frame.
    window.requestAnimationFrame(function () { region.textContent = text; });
  }

  // The panel is a keyed st.container: class "st-key-" plus its key; its first h3 is the heading.
  function detailOpened(siteId, panelClass, text) {
    if (openSite === siteId) { return; }
    openSite = siteId;
    var active = document.activeElement;
    if (active && active !== document.body && !(active.closest && active.closest("." + panelClass))) {
      opener = active;
      var td = active.closest && active.closest(GRID + " td[data-testid^='glide-cell-']");
      openerCell = td ? sameCell(td) : null;
    } else if (!active || active === document.body) {
      // The list that had focus is already gone (the panel took its place): its cell.
      openerCell = lastListCell;
    }
    var tries = 0;
    (function focusHeading() {
      var heading = document.querySelector("." + panelClass + " h3");
      if (!heading) {
        if (tries++ < 50) { window.requestAnimationFrame(focusHeading); }
        return;
      }
      heading.setAttribute("tabindex", "-1");
      heading.focus({preventScroll: false});
      keepInView(heading);
      announce(text);
    })();
  }

  // What sits above the panel may still take its height after the heading got focus (the
  // map frame sizes itself once loaded, so a link's panel was pushed under a phone's first
  // screen): until the user scrolls, types or touches, or focus leaves the heading, each
  // change of the page's height brings the heading back into view.
  var USER_MOVES = ["wheel", "touchstart", "keydown", "mousedown"];
  function keepInView(heading) {
    if (!window.ResizeObserver) { return; }
    var block = document.querySelector("[data-testid='stMainBlockContainer']") || document.body;
    var observer = null;
    function stop() {
      if (!observer) { return; }
      observer.disconnect();
      observer = null;
      USER_MOVES.forEach(function (name) { window.removeEventListener(name, stop, true); });
    }
    observer = new ResizeObserver(function () {
      if (!heading.isConnected || document.activeElement !== heading) { stop(); return; }
      var box = heading.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) { heading.scrollIntoView({block: "start"}); }
    });
    observer.observe(block);
    USER_MOVES.forEach(function (name) { window.addEventListener(name, stop, true); });
  }

  // The list is drawn again when the panel closes (the panel takes its place), so a list
  // cell that had focus is gone by then: focus goes back into the new list (the grid then
  // makes its first row the current one).
  var GRID = "[data-testid='stDataFrame']";
  // The grid's own table names each cell by column and row: "glide-cell-1-0".
  function sameCell(cell) {
    return GRID + " td[data-testid='" + cell.getAttribute("data-testid") + "']";
  }

  // The list cell focus was last in, forgotten once focus moves out of the list.
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (!target || !target.closest) { return; }
    var td = target.closest(GRID + " td[data-testid^='glide-cell-']");
    if (td) {
      lastListCell = sameCell(td);
    } else if (!target.closest(GRID)) {
      lastListCell = null;
    }
  }, true);

  function detailClosed() {
    if (openSite === null) { return; }
    openSite = null;
    var target = opener;
    var cell = openerCell;
    opener = null;
    openerCell = null;
    if (target && target.isConnected && target !== document.body) {
      target.focus();
      return;
    }
    if (!cell) { return; }
    var tries = 0;
    (function focusCell() {
      var again = document.querySelector(cell);
      if (!again) {
        if (tries++ < 50) { window.requestAnimationFrame(focusCell); }
        return;
      }
      again.focus();
    })();
  }

  // Streamlit's data grid selects a row with Shift+Space only; Enter and Space on a
  // focused list cell select its row too (the list is read-only, so nothing is edited).
  document.addEventListener("keydown", function (event) {
    if ((event.key !== "Enter" && event.key !== " ") || event.shiftKey || event.ctrlKey ||
        event.altKey || event.metaKey) { return; }
    var target = event.target;
    var grid = target && target.closest && target.closest(GRID);
    if (!grid || target.tagName === "INPUT" || target.tagName === "TEXTAREA") { return; }
    event.preventDefault();
    event.stopPropagation();
    target.dispatchEvent(new KeyboardEvent("keydown", {
      key: " ", code: "Space", keyCode: 32, shiftKey: true, bubbles: true, cancelable: true
    }));
  }, true);

  // A click (or tap) on any cell of the list selects its row, as the row's checkbox does:
  // the grid has just made that cell the current one, and Shift+Space selects its row.
  // The click lands on the grid's scroller over its canvas. Clicks on the checkbox column
  // (the grid's first 40 px) toggle the row themselves; the header row sorts.
  var ROW_MARKER_PX = 40;
  var HEADER_PX = 35;
  document.addEventListener("click", function (event) {
    var target = event.target;
    var grid = target && target.closest && target.closest(GRID);
    var cells = grid && target.closest(".dvn-scroller, canvas");
    if (!cells) { return; }
    var area = cells.getBoundingClientRect();
    if (event.clientX - area.left < ROW_MARKER_PX || event.clientY - area.top < HEADER_PX) { return; }
    window.requestAnimationFrame(function () {
      var focused = document.activeElement;
      var into = focused && grid.contains(focused) ? focused : target;
      into.dispatchEvent(new KeyboardEvent("keydown", {
        key: " ", code: "Space", keyCode: 32, shiftKey: true, bubbles: true, cancelable: true
      }));
    });
  }, true);

  ecoPage.setLang = setLang;
  ecoPage.announce = announce;
  ecoPage.detailOpened = detailOpened;
  ecoPage.detailClosed = detailClosed;
})(window.ecoPage = window.ecoPage || {});
