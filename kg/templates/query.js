// kg serve's query page: example buttons, run a query with fetch, show the rows.
// Every text goes in through textContent, never as HTML.
(function () {
  "use strict";
  var examples = JSON.parse(document.getElementById("kg-example-data").textContent);
  var form = document.getElementById("kg-form");
  var query = document.getElementById("kg-query");
  var status = document.getElementById("kg-status");
  var output = document.getElementById("kg-output");
  var nav = document.getElementById("kg-examples");

  examples.forEach(function (example) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = example.name;
    button.title = example.asks;
    button.dataset.example = example.name;
    button.addEventListener("click", function () {
      query.value = example.query;
      run();
    });
    nav.appendChild(button);
  });

  function cell(term) {
    if (!term) return "";
    if (term["xml:lang"]) return term.value + " @" + term["xml:lang"];
    return term.value;
  }

  function table(data) {
    var vars = data.head.vars || [];
    var t = document.createElement("table");
    var head = t.createTHead().insertRow();
    vars.forEach(function (v) {
      var th = document.createElement("th");
      th.textContent = v;
      head.appendChild(th);
    });
    var body = t.createTBody();
    data.results.bindings.forEach(function (row) {
      var tr = body.insertRow();
      vars.forEach(function (v) { tr.insertCell().textContent = cell(row[v]); });
    });
    return t;
  }

  function show(text, isError) {
    status.textContent = text;
    status.className = isError ? "kg-error" : "";
  }

  function run() {
    show("Running…", false);
    output.textContent = "";
    var started = performance.now();
    fetch("sparql", {
      method: "POST",
      headers: {"Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/sparql-results+json, text/turtle;q=0.9"},
      body: new URLSearchParams({query: query.value})
    }).then(function (response) {
      return response.text().then(function (text) {
        var seconds = ((performance.now() - started) / 1000).toFixed(2);
        if (!response.ok) {
          show("Error " + response.status + ": " + text.trim(), true);
          return;
        }
        var limited = response.headers.get("X-KG-Truncated");
        var kind = response.headers.get("Content-Type") || "";
        if (kind.indexOf("json") >= 0) {
          var data = JSON.parse(text);
          if (typeof data.boolean === "boolean") {
            output.textContent = data.boolean ? "true" : "false";
            show("ASK answered in " + seconds + " s", false);
            return;
          }
          output.appendChild(table(data));
          var n = data.results.bindings.length;
          show(n + " row" + (n === 1 ? "" : "s") + " in " + seconds + " s" +
               (limited ? " (cut at the row limit, " + limited + ")" : ""), false);
        } else {
          var pre = document.createElement("pre");
          pre.textContent = text;
          output.appendChild(pre);
          show("Graph in " + seconds + " s" + (limited ? " (cut at the row limit)" : ""), false);
        }
      });
    }).catch(function (error) {
      show("Request failed: " + error, true);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
})();
