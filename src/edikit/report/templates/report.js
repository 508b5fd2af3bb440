(function () {
  "use strict";
  var severity = document.getElementById("filter-severity");
  var rule = document.getElementById("filter-rule");
  var file = document.getElementById("filter-file");
  var only = document.getElementById("filter-only");
  var count = document.getElementById("visible-count");
  var findings = Array.prototype.slice.call(document.querySelectorAll(".finding"));
  var files = Array.prototype.slice.call(document.querySelectorAll("section.file"));
  function apply() {
    var s = severity ? severity.value : "";
    var r = rule ? rule.value : "";
    var f = file ? file.value : "";
    var shown = 0;
    for (var i = 0; i < findings.length; i++) {
      var d = findings[i].dataset;
      var ok = (!s || d.severity === s) && (!r || d.rule === r) && (!f || d.file === f);
      findings[i].hidden = !ok;
      if (ok) { shown++; }
    }
    for (var j = 0; j < files.length; j++) {
      files[j].hidden = Boolean(f) && files[j].dataset.file !== f;
    }
    if (only) { document.body.classList.toggle("only-findings", only.checked); }
    if (count) { count.textContent = String(shown); }
  }
  [severity, rule, file, only].forEach(function (control) {
    if (control) { control.addEventListener("change", apply); }
  });
  apply();
  document.body.dataset.ready = "true";
})();
