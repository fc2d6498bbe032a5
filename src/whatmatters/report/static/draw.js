// Draws every chart of the report with vega-embed (scripts/vega-embed.js, bundled beside it).
// Each chart's specification is in <script type="application/json" id="spec-KEY">; every
// element with data-chart="KEY" gets that chart. Until a chart draws (or with no script),
// its plain sentence and a link to its table stand in its place.
(function () {
  "use strict";
  // numbers as the report writes them (every specification names its own time locale:
  // the report's language, charts.time_locale)
  var locale = {
    decimal: ".",
    thousands: ",",
    grouping: [3],
    currency: ["£", ""],
  };
  function draw(element) {
    var source = document.getElementById("spec-" + element.getAttribute("data-chart"));
    var target = element.querySelector(".drawing");
    if (!source || !target || typeof vegaEmbed !== "function") return;
    var spec = JSON.parse(source.textContent);
    vegaEmbed(target, spec, {
      actions: false,
      renderer: "svg",
      formatLocale: locale,
      tooltip: { theme: "light" },
    }).then(function () {
      element.classList.add("drawn");
    }, function (error) {
      element.classList.add("failed");
      if (window.console) console.error(error);
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), draw);
})();
