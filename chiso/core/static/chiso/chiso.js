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

// Charts: <div class="chart" data-chart="ID"> with <script type="application/json" id="ID"> holding
// an ECharts option object. Pages load echarts itself only where they draw charts.
function chisoDrawCharts(root) {
  if (!window.echarts) return;
  (root || document).querySelectorAll("[data-chart]").forEach(function (el) {
    var source = document.getElementById(el.getAttribute("data-chart"));
    if (!source) return;
    var chart = window.echarts.getInstanceByDom(el) || window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(JSON.parse(source.textContent));
    el.setAttribute("data-chart-ready", "1");
  });
}
document.addEventListener("DOMContentLoaded", function () { chisoDrawCharts(document); });
document.addEventListener("htmx:afterSettle", function (event) { chisoDrawCharts(event.target); });
window.addEventListener("resize", function () {
  if (!window.echarts) return;
  document.querySelectorAll("[data-chart-ready]").forEach(function (el) { var c = window.echarts.getInstanceByDom(el); if (c) c.resize(); });
});
