// The build-problems panel of `mkdocs serve` (author-loop): the last build's warnings and
// errors, read from the JSON file the plugin writes after each build. A page is rendered before
// the build has seen every page, so the list cannot be baked into the HTML.
// The panel sits outside Material's content area, so instant navigation keeps it (and this
// script) from page to page; it reads the file again on every page shown, not once per visit.
(function () {
  var panel = document.getElementById("author-loop-problems");
  if (!panel || panel.hasAttribute("data-wired")) return;
  panel.setAttribute("data-wired", "");
  var title = panel.querySelector("h2");
  var list = panel.querySelector("ul");
  var close = panel.querySelector("button");
  var KEY = "author-loop-dismissed";
  // Relative to the first page; resolved now, as the address changes under instant navigation.
  var source = new URL(panel.getAttribute("data-problems"), location.href).href;
  var signature = "";
  var reads = 0;

  function dismiss() {
    panel.hidden = true;
    panel.setAttribute("data-state", "dismissed");
    try { sessionStorage.setItem(KEY, signature); } catch (e) { /* private mode: no memory */ }
  }
  close.addEventListener("click", dismiss);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") dismiss();
  });

  function show(report) {
    list.replaceChildren();
    if (!report || !report.problems.length) {
      panel.hidden = true;
      panel.setAttribute("data-state", "none");  // tests and curious authors can tell
      return;
    }
    signature = JSON.stringify(report);
    var dismissed = null;
    try { dismissed = sessionStorage.getItem(KEY); } catch (e) { /* as above */ }
    if (dismissed === signature) {  // the same problems the author closed already
      panel.hidden = true;
      panel.setAttribute("data-state", "dismissed");
      return;
    }
    var count = report.problems.length;
    title.textContent = report.failed
      ? "The last build failed: these are the pages of the last good build"
      : count + (count === 1 ? " problem" : " problems") + " in the last build";
    if (report.failed) panel.setAttribute("data-failed", "");
    else panel.removeAttribute("data-failed");
    report.problems.forEach(function (problem) {
      var item = document.createElement("li");
      if (problem.location) {
        var where = document.createElement("code");
        where.textContent = problem.location;
        item.appendChild(where);
        item.appendChild(document.createTextNode(": "));
      }
      item.appendChild(document.createTextNode(
        (problem.level === "WARNING" ? "" : problem.level + ": ") + problem.message));
      list.appendChild(item);
    });
    panel.hidden = false;
    panel.setAttribute("data-state", "shown");
  }

  function read() {
    reads += 1;
    panel.setAttribute("data-reads", String(reads));
    fetch(source, { cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(show)
      .catch(function () { /* the server stopped: nothing to show */ });
  }

  // Material's `document$` emits on the first load and after every instant navigation; without
  // Material's bundle the page is read once.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(read);
  else read();
})();
