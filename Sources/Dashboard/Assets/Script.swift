/// The dashboard's one script, served from the binary at /assets/dashboard.js (no inline
/// script, so the Content-Security-Policy can forbid it). It only improves pages that work
/// without it: click a column heading to sort the rows shown, type in a table's filter box to
/// hide rows that do not match. Server-side paging and filters stay the source of truth.
enum Script {
    static let js = """
        "use strict";
        (function () {
          function cellText(row, index) {
            var cell = row.cells[index];
            return cell ? cell.textContent.trim() : "";
          }
          function sortBy(table, index, numeric) {
            var body = table.tBodies[0];
            if (!body) { return; }
            var rows = Array.prototype.slice.call(body.rows);
            var descending = table.getAttribute("data-sorted") === String(index);
            rows.sort(function (a, b) {
              var x = cellText(a, index), y = cellText(b, index);
              var order = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
              return descending ? -order : order;
            });
            rows.forEach(function (row) { body.appendChild(row); });
            table.setAttribute("data-sorted", descending ? "" : String(index));
          }
          document.querySelectorAll("table.data").forEach(function (table) {
            table.querySelectorAll("th[data-sort]").forEach(function (th) {
              th.addEventListener("click", function () { sortBy(table, th.cellIndex, th.classList.contains("num")); });
            });
          });
          document.querySelectorAll("input[data-filter-table]").forEach(function (input) {
            var table = document.getElementById(input.getAttribute("data-filter-table"));
            if (!table || !table.tBodies[0]) { return; }
            input.hidden = false;
            input.addEventListener("input", function () {
              var needle = input.value.toLowerCase();
              Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
                row.hidden = needle !== "" && row.textContent.toLowerCase().indexOf(needle) < 0;
              });
            });
          });
          document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
            select.addEventListener("change", function () { select.form.submit(); });
          });
        })();
        """
}
