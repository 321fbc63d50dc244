// Small behaviours that need no inline script (the Content-Security-Policy forbids inline code).
document.addEventListener("click", function (event) {
  var toggle = event.target.closest("[data-toggle-nav]");
  if (toggle) {
    var nav = document.getElementById("mainnav");
    var open = nav.classList.toggle("open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }
  var confirmer = event.target.closest("[data-confirm]");
  if (confirmer && !window.confirm(confirmer.getAttribute("data-confirm"))) {
    event.preventDefault();
  }
});

// Numbers in charts follow the one Vietnamese rule of chiso.core.numbers ("6,48", "1.234"): an ECharts
// option in JSON cannot carry functions, so value axes, tooltips and shown labels get formatters here.
var chisoNumber = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 3 });
function chisoFormat(value) {
  if (Array.isArray(value)) value = value[value.length - 1];
  return typeof value === "number" ? chisoNumber.format(value) : value;
}
function chisoLocalise(option) {
  option.tooltip = option.tooltip || {};
  if (!option.tooltip.valueFormatter) option.tooltip.valueFormatter = chisoFormat;
  [].concat(option.xAxis || [], option.yAxis || [], option.radiusAxis || []).forEach(function (axis) {
    if (axis.type === "value" || axis.type === undefined) {
      axis.axisLabel = axis.axisLabel || {};
      if (!axis.axisLabel.formatter) axis.axisLabel.formatter = chisoFormat;
    }
  });
  [].concat(option.series || []).forEach(function (series) {
    if (series.label && series.label.show && !series.label.formatter) {
      series.label.formatter = function (p) { return chisoFormat(p.value); };
    }
  });
  return option;
}

// Charts: <div class="chart" data-chart="ID"> with <script type="application/json" id="ID"> holding
// an ECharts option object. Pages load echarts itself only where they draw charts.
function chisoDrawCharts(root) {
  if (!window.echarts) return;
  (root || document).querySelectorAll("[data-chart]").forEach(function (el) {
    var source = document.getElementById(el.getAttribute("data-chart"));
    if (!source) return;
    var chart = window.echarts.getInstanceByDom(el) || window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(chisoLocalise(JSON.parse(source.textContent)));
    el.setAttribute("data-chart-ready", "1");
  });
}
document.addEventListener("DOMContentLoaded", function () { chisoDrawCharts(document); });
document.addEventListener("htmx:afterSettle", function (event) { chisoDrawCharts(event.target); });
window.addEventListener("resize", function () {
  if (!window.echarts) return;
  document.querySelectorAll("[data-chart-ready]").forEach(function (el) { var c = window.echarts.getInstanceByDom(el); if (c) c.resize(); });
});
