(function () {
  "use strict";
  var severity = document.getElementById("filter-severity");
  var rule = document.getElementById("filter-rule");
  var file = document.getElementById("filter-file");
  var only = document.getElementById("filter-only");
  var count = document.getElementById("visible-count");
  var files = Array.prototype.slice.call(document.querySelectorAll("section.file"));
  // A lazy tree is held as text (a data block) until it is opened: then it is drawn.
  function draw(tree) {
    var held = tree.querySelector(":scope > script[type='text/x-edikit-tree']");
    if (held) {
      var drawn = document.createElement("div");
      drawn.innerHTML = held.textContent;
      held.remove();
      tree.appendChild(drawn);
      apply();
    }
  }
  function apply() {
    var s = severity ? severity.value : "";
    var r = rule ? rule.value : "";
    var f = file ? file.value : "";
    var shown = 0;
    var findings = document.querySelectorAll(".finding");
    for (var i = 0; i < findings.length; i++) {
      var d = findings[i].dataset;
      var ok = (!s || d.severity === s) && (!r || d.rule === r) && (!f || d.file === f);
      findings[i].hidden = !ok;
      if (ok && findings[i].classList.contains("listed")) { shown++; }
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
  document.querySelectorAll("details.tree[data-lazy]").forEach(function (tree) {
    tree.addEventListener("toggle", function () { if (tree.open) { draw(tree); } });
  });
  // A finding's place in a tree not drawn yet: draw it, then go there.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-goto]") : null;
    if (!link) { return; }
    var section = link.closest("section.file");
    var tree = section ? section.querySelector("details.tree") : null;
    if (tree && !tree.open) { tree.open = true; draw(tree); }
    var target = document.getElementById(link.dataset.goto);
    if (target) { event.preventDefault(); target.scrollIntoView(); location.hash = link.dataset.goto; }
  });
  apply();
  document.body.dataset.ready = "true";
})();
