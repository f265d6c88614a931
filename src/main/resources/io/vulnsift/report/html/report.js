'use strict';
// Filters (runtime status, product stage), search and column sorting of each run's findings table.
// Rows stay in the page; filtering only hides them, so the page reads without this script too.
document.querySelectorAll('section.run').forEach(function (section) {
  var table = section.querySelector('table.findings');
  if (!table) {
    return;
  }
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var stages = new Map();
  rows.forEach(function (row) {
    stages.set(row, JSON.parse(row.getAttribute('data-stages') || '[]'));
  });
  var runtime = section.querySelector('select.runtime');
  var stage = section.querySelector('select.stage');
  var search = section.querySelector('input.search');
  var shown = section.querySelector('.shown');

  function apply() {
    var terms = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var visible = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute('data-search');
      var keep = (!runtime.value || row.getAttribute('data-runtime') === runtime.value) &&
        (!stage.value || stages.get(row).indexOf(stage.value) >= 0) &&
        terms.every(function (t) { return text.indexOf(t) >= 0; });
      row.hidden = !keep;
      if (keep) {
        visible++;
      }
    });
    shown.textContent = visible + ' of ' + rows.length;
  }

  function sortBy(index, th) {
    var numeric = th.querySelector('button').getAttribute('data-type') === 'number';
    var descending = th.getAttribute('aria-sort') !== 'descending' &&
      (th.getAttribute('aria-sort') === 'ascending' || numeric);
    table.tHead.querySelectorAll('th').forEach(function (other) {
      other.setAttribute('aria-sort', 'none');
    });
    th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
    function key(row) {
      var cell = row.cells[index];
      var value = cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent;
      return numeric ? parseFloat(value) || 0 : value.trim().toLowerCase();
    }
    rows.sort(function (a, b) {
      var x = key(a);
      var y = key(b);
      var order = x < y ? -1 : x > y ? 1 : 0;
      return descending ? -order : order;
    });
    rows.forEach(function (row) {
      tbody.appendChild(row);
    });
  }

  table.tHead.querySelectorAll('th').forEach(function (th, index) {
    th.querySelector('button').addEventListener('click', function () {
      sortBy(index, th);
    });
  });
  runtime.addEventListener('change', apply);
  stage.addEventListener('change', apply);
  search.addEventListener('input', apply);
  apply();
});
