// vanthu web desk: conveniences only; every form works without this script.
// Live rules check on the drafting page: after an edit, post the form to
// /draft/check and show the findings it returns (an HTML fragment rendered by
// the server's templates, so everything in it is escaped there).
(function () {
  var form = document.querySelector('form[data-live-check]');
  if (!form) return;
  var target = document.getElementById('findings');
  var timer = null, seq = 0;
  function run() {
    var data = new FormData(form);
    data.delete('trip_file');
    var mine = ++seq;
    fetch(form.getAttribute('data-live-check'), { method: 'POST', body: data, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null && mine === seq) target.innerHTML = html; })
      .catch(function () {});
  }
  form.addEventListener('input', function (e) {
    if (e.target && e.target.name === 'trip_yaml') return;
    clearTimeout(timer);
    timer = setTimeout(run, 400);
  });
  form.addEventListener('change', function () { clearTimeout(timer); timer = setTimeout(run, 150); });
})();
