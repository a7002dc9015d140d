// realpolitik dashboard: draw the Plotly charts embedded in the page, confirm removals, follow a running run,
// scroll to the run form's errors.
(function () {
  "use strict";
  function drawCharts() {
    if (typeof Plotly === "undefined") return;
    document.querySelectorAll("[data-figure]").forEach(function (el) {
      var fig = JSON.parse(el.getAttribute("data-figure"));
      Plotly.newPlot(el, fig.data, fig.layout, {displaylogo: false, responsive: true});
    });
  }
  function confirmForms() {
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
      });
    });
  }
  function followRun() {
    var el = document.getElementById("run-status");
    if (!el) return;
    var status = el.getAttribute("data-run-status");
    if (status !== "queued" && status !== "running") return;
    var id = el.getAttribute("data-run-id");
    var timer = setInterval(function () {
      fetch("/api/runs/" + encodeURIComponent(id), {headers: {"accept": "application/json"}})
        .then(function (r) { return r.json(); })
        .then(function (run) {
          var bar = document.getElementById("run-progress");
          if (bar) bar.value = run.progress;
          el.textContent = run.status;
          if (run.status === "done" || run.status === "failed") { clearInterval(timer); window.location.reload(); }
        })
        .catch(function () { /* the server may be restarting; keep trying */ });
    }, 1000);
  }
  function showFormErrors() {
    var errors = document.getElementById("run-form-errors");  // the run form came back with errors: show them
    if (errors) errors.scrollIntoView();
  }
  drawCharts();
  confirmForms();
  showFormErrors();
  followRun();
})();
