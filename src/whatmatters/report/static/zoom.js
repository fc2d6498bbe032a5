// Zoom and pan for the process maps, so a map is readable on a phone (offline: no library).
// Each map's tools (<div class="map-zoom" aria-controls="KEY-map" hidden>) are shown here;
// without scripts the map keeps its plain sideways scroll. Zoom: the + and − buttons, the
// keys + − 0 on the focused map, or two fingers pinching. Pan: the map's own scrolling
// (one finger, the arrow keys, a scroll wheel) and, with a mouse, dragging.
(function () {
  "use strict";
  var STEP = 1.5;
  var MOST = 4; // × the map's drawn size: text four times its size is as far as helps

  function setUp(tools) {
    var box = document.getElementById(tools.getAttribute("aria-controls"));
    var svg = box && box.querySelector("svg");
    var drawn = svg && parseFloat(svg.getAttribute("width"));
    if (!drawn) return;
    tools.hidden = false;
    box.classList.add("zoomable");

    function least() {
      return Math.min(1, box.clientWidth / drawn); // the whole map in view
    }
    function current() {
      return svg.getBoundingClientRect().width / drawn;
    }
    // Zoom to `scale` × drawn size, keeping the point (x, y) of the box where it is.
    function zoomTo(scale, x, y) {
      scale = Math.max(least(), Math.min(MOST, scale));
      if (x === undefined) {
        x = box.clientWidth / 2;
        y = Math.min(box.clientHeight, svg.getBoundingClientRect().height) / 2;
      }
      var before = svg.getBoundingClientRect();
      var across = (box.scrollLeft + x) / before.width;
      var down = (box.scrollTop + y) / before.height;
      svg.style.width = drawn * scale + "px";
      box.classList.add("zoomed");
      var after = svg.getBoundingClientRect();
      box.scrollLeft = across * after.width - x;
      box.scrollTop = down * after.height - y;
      tools.querySelector('[data-zoom="in"]').disabled = scale >= MOST - 1e-6;
      tools.querySelector('[data-zoom="out"]').disabled = scale <= least() + 1e-6;
    }

    tools.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-zoom]");
      if (!button) return;
      var how = button.getAttribute("data-zoom");
      if (how === "in") zoomTo(current() * STEP);
      else if (how === "out") zoomTo(current() / STEP);
      else zoomTo(least());
    });

    box.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return; // the browser's own zoom
      if (event.key === "+" || event.key === "=") zoomTo(current() * STEP);
      else if (event.key === "-" || event.key === "_") zoomTo(current() / STEP);
      else if (event.key === "0") zoomTo(least());
      else return;
      event.preventDefault();
    });

    // Two fingers pinch; one finger is left to the box's own scrolling (the pan).
    var pinch = null;
    function spread(touches) {
      return Math.hypot(touches[0].clientX - touches[1].clientX,
        touches[0].clientY - touches[1].clientY);
    }
    box.addEventListener("touchstart", function (event) {
      if (event.touches.length === 2) pinch = { spread: spread(event.touches), scale: current() };
    }, { passive: true });
    box.addEventListener("touchmove", function (event) {
      if (!pinch || event.touches.length !== 2) return;
      event.preventDefault(); // the map zooms, not the page
      var frame = box.getBoundingClientRect();
      var x = (event.touches[0].clientX + event.touches[1].clientX) / 2 - frame.left;
      var y = (event.touches[0].clientY + event.touches[1].clientY) / 2 - frame.top;
      zoomTo(pinch.scale * spread(event.touches) / pinch.spread, x, y);
    }, { passive: false });
    box.addEventListener("touchend", function (event) {
      if (event.touches.length < 2) pinch = null;
    });

    // A mouse drags the map about (touch and pen scroll it natively).
    var grab = null;
    box.addEventListener("pointerdown", function (event) {
      if (event.pointerType !== "mouse" || event.button !== 0) return;
      grab = { x: event.clientX, y: event.clientY, left: box.scrollLeft, top: box.scrollTop };
      box.classList.add("grabbing");
    });
    window.addEventListener("pointermove", function (event) {
      if (!grab) return;
      box.scrollLeft = grab.left - (event.clientX - grab.x);
      box.scrollTop = grab.top - (event.clientY - grab.y);
    });
    window.addEventListener("pointerup", function () {
      grab = null;
      box.classList.remove("grabbing");
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll(".map-zoom[aria-controls]"), setUp);
})();
