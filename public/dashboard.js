// Keeps the team's dashboard current: the server sends the figures as Server-Sent Events
// whenever a pledge changes them. Without this script the page is complete on reload.
(function () {
  if (!window.EventSource) return;
  function pick(data, path) {
    return path.split('.').reduce(function (value, key) { return value == null ? value : value[key]; }, data);
  }
  function cell(row, text, cancelled) {
    var td = document.createElement('td');
    td.textContent = text;
    row.appendChild(td);
    return td;
  }
  function update(data) {
    // Closed while open here: the result replaces the time left, as the server shows it.
    if (data.campaign.open === false && document.querySelector('[data-live="campaign.time_left"]')) {
      window.location.reload();
      return;
    }
    document.querySelectorAll('[data-live]').forEach(function (element) {
      var value = pick(data, element.getAttribute('data-live'));
      if (value != null) element.textContent = value;
    });
    // The progress bar: an SVG rectangle as wide as the percentage, and the value that
    // assistive technologies read.
    document.querySelectorAll('[data-live-width]').forEach(function (element) {
      var value = pick(data, element.getAttribute('data-live-width'));
      if (value == null) return;
      element.setAttribute('width', value);
      var bar = element.closest('[role="progressbar"]');
      if (bar) bar.setAttribute('aria-valuenow', value);
    });
    var chart = document.getElementById('chart');
    // The chart is drawn by the server from figures only; nothing a visitor typed is in it.
    if (chart && data.chart) chart.innerHTML = data.chart;
    var currency = data.figures.currency;
    data.figures.rewards.forEach(function (reward) {
      var row = document.querySelector('tr[data-reward="' + reward.id + '"]');
      if (!row) return;
      var set = function (field, text) {
        var td = row.querySelector('[data-field="' + field + '"]');
        if (td) td.textContent = text;
      };
      set('claimed', reward.limit == null ? String(reward.claimed) : reward.claimed + ' / ' + reward.limit);
      set('remaining', reward.limit == null ? '∞' : String(reward.remaining));
      set('revenue', currency + ' ' + reward.revenue);
      set('early_bird_uses', String(reward.early_bird_uses));
    });
    ['tags', 'sites'].forEach(function (kind) {
      var body = document.getElementById('sources-' + kind);
      var sources = data.figures.sources[kind];
      if (!body || !sources.top.length) return;
      var box = body.closest('.sources');
      var rows = document.createDocumentFragment();
      var add = function (label, source, quiet) {
        var row = document.createElement('tr');
        var name = cell(row, quiet ? '' : label);
        if (quiet) name.appendChild(document.createElement('em')).textContent = label;
        cell(row, String(source.pledges));
        cell(row, currency + ' ' + source.raised);
        cell(row, source.share + ' %');
        rows.appendChild(row);
      };
      sources.top.forEach(function (source) {
        add(source.name || body.getAttribute('data-none'), source, !source.name);
      });
      if (sources.others) add(box.getAttribute('data-others'), sources.others, true);
      body.replaceChildren(rows);
    });
    var recent = document.getElementById('recent');
    if (recent && data.figures.recent.length) {
      var rows = document.createDocumentFragment();
      data.figures.recent.forEach(function (pledge) {
        var row = document.createElement('tr');
        if (pledge.cancelled) row.className = 'cancelled';
        cell(row, pledge.at);
        cell(row, pledge.name || recent.getAttribute('data-anonymous'));
        cell(row, pledge.reward || recent.getAttribute('data-no-reward'));
        cell(row, recent.getAttribute('data-currency') + ' ' + pledge.amount +
          (pledge.cancelled ? ' (' + recent.getAttribute('data-cancelled') + ')' : '') +
          (pledge.unconfirmed ? ' (' + recent.getAttribute('data-unconfirmed') + ')' : ''));
        rows.appendChild(row);
      });
      recent.replaceChildren(rows);
    }
  }
  var source = new EventSource('/team/events');
  source.addEventListener('figures', function (event) {
    update(JSON.parse(event.data));
  });
})();
