// The wallboard: signs in with token.php, then reads ajax.php and reporting.php every few
// seconds and redraws. No library: plain DOM and a canvas.
(function () {
  'use strict';

  var BASE = location.pathname.replace(/\/wallboard(\/.*)?$/, '');
  var params = new URLSearchParams(location.search);
  var EVERY_MS = Math.max(1, Number(params.get('every') || 5)) * 1000;
  var STATES = ['wait', 'call', 'wrap', 'pause', 'preview'];
  var token = sessionStorage.getItem('od-token');
  var timer = null;
  var refreshes = 0;

  function $(id) { return document.getElementById(id); }

  function call(script, query) {
    var q = new URLSearchParams(query);
    q.set('format', 'json');
    if (token) { q.set('token', token); }
    return fetch(BASE + '/' + script + '?' + q.toString(), { cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(function (body) {
        if (!body.success) {
          var e = new Error(body.error || 'request failed');
          e.auth = /token/i.test(body.error || '');
          throw e;
        }
        return body;
      });
  }

  function signIn(event) {
    event.preventDefault();
    $('signin-error').textContent = '';
    token = null;
    call('token.php', { action: 'get', username: $('username').value,
      password: $('password').value })
      .then(function (body) {
        token = body.token;
        sessionStorage.setItem('od-token', token);
        showBoard();
      })
      .catch(function (e) { $('signin-error').textContent = e.message; });
  }

  function signOut() {
    token = null;
    sessionStorage.removeItem('od-token');
    clearInterval(timer);
    $('board').hidden = true;
    $('signin').hidden = false;
  }

  function showBoard() {
    $('signin').hidden = true;
    $('board').hidden = false;
    refresh();
    clearInterval(timer);
    timer = setInterval(refresh, EVERY_MS);
  }

  function refresh() {
    call('ajax.php', { action: 'read', method: 'summary' })
      .then(function (summary) {
        var s = summary.list[0];
        return Promise.all([
          call('ajax.php', { action: 'read', method: 'agents' }),
          call('ajax.php', { action: 'read', method: 'queues' }),
          call('reporting.php', { method: 'calls', fields: 'PT10M,nc_all,nc_ans',
            groupby: 'PT10M', range: s.tm_day_start + ':' + s.tm_now })
        ]).then(function (all) {
          drawSummary(s);
          drawAgents(all[0].list);
          drawQueues(all[1].list);
          drawChart(all[2].list, s.tm_day_start);
          refreshes += 1;
          document.body.dataset.refreshes = String(refreshes);
          $('status').textContent = 'updated ' + new Date().toLocaleTimeString();
        });
      })
      .catch(function (e) {
        if (e.auth) { signOut(); $('signin-error').textContent = e.message; return; }
        $('status').textContent = 'error: ' + e.message;
      });
  }

  function percent(part, whole) {
    return whole > 0 ? (100 * part / whole).toFixed(1) : '0.0';
  }

  function drawSummary(s) {
    ['agents_logged', 'calls_queued', 'calls_talking', 'nc_today'].forEach(function (k) {
      $('sum-' + k).textContent = String(s[k]);
    });
    $('sum-answer_rate').textContent = percent(s.nc_ans_today, s.nc_today);
    $('sum-abandon_rate_today').textContent = Number(s.abandon_rate_today).toFixed(1);
  }

  function drawAgents(agents) {
    STATES.forEach(function (state) { $('agents-' + state).replaceChildren(); });
    agents.forEach(function (a) {
      var list = $('agents-' + a.state);
      if (!list) { return; }
      var li = document.createElement('li');
      li.dataset.aid = a.aid;
      li.textContent = a.anm;
      var since = document.createElement('span');
      since.textContent = clock(a.sec_state);
      li.appendChild(since);
      list.appendChild(li);
    });
  }

  function clock(seconds) {
    var m = Math.floor(seconds / 60);
    var s = seconds % 60;
    return m + ':' + (s < 10 ? '0' : '') + s;
  }

  var QUEUE_CELLS = ['qnm', 'qtype', 'agents_logged', 'agents_wait', 'calls_ringing',
    'calls_queued', 'calls_talking', 'sec_longest_wait', 'nc_today', 'nc_ans_today',
    'answer_rate', 'abandon_rate_today', 'abandon_rate_24h', 'abandon_rate_30d',
    'abandon_target'];

  function drawQueues(queues) {
    var body = document.querySelector('#queues tbody');
    body.replaceChildren();
    queues.forEach(function (q) {
      var tr = document.createElement('tr');
      tr.dataset.qid = q.qid;
      var values = Object.assign({}, q, { answer_rate: percent(q.nc_ans_today, q.nc_today) });
      QUEUE_CELLS.forEach(function (key) {
        var td = document.createElement('td');
        td.className = key;
        var v = values[key];
        td.textContent = v === null || v === undefined ? '-' : String(v);
        if (key.indexOf('abandon_rate') === 0 && v !== null && v > q.abandon_target) {
          td.classList.add('over');
        }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  // One bar per ten-minute slot of the centre's day; labels are its local wall clock.
  function drawChart(groups, dayStart) {
    var slots = new Array(144).fill(0);
    var answered = new Array(144).fill(0);
    groups.forEach(function (g) {
      var m = /_(\d\d)-(\d\d)-00$/.exec(g.PT10M || '');
      if (!m) { return; }
      var i = Number(m[1]) * 6 + Number(m[2]) / 10;
      slots[i] += g.nc_all;
      answered[i] += g.nc_ans;
    });
    var canvas = $('chart');
    var shown = {};
    slots.forEach(function (n, i) { if (n > 0) { shown[slotLabel(i)] = n; } });
    canvas.dataset.slots = JSON.stringify(shown);
    var ctx = canvas.getContext('2d');
    var w = canvas.width;
    var h = canvas.height;
    var pad = 28;
    var max = Math.max(1, Math.max.apply(null, slots));
    var bar = (w - pad * 2) / 144;
    ctx.clearRect(0, 0, w, h);
    ctx.fillStyle = '#9fb3c8';
    ctx.font = '11px sans-serif';
    for (var hour = 0; hour <= 24; hour += 3) {
      ctx.fillText(String(hour).padStart(2, '0'), pad + hour * 6 * bar - 6, h - 6);
    }
    ctx.fillText(String(max), 2, pad - 4);
    slots.forEach(function (n, i) {
      var x = pad + i * bar;
      var full = (h - pad * 2) * n / max;
      var ans = (h - pad * 2) * answered[i] / max;
      ctx.fillStyle = '#3d5a80';
      ctx.fillRect(x, h - pad - full, Math.max(1, bar - 1), full);
      ctx.fillStyle = '#76c893';
      ctx.fillRect(x, h - pad - ans, Math.max(1, bar - 1), ans);
    });
  }

  function slotLabel(i) {
    var hh = Math.floor(i / 6);
    var mm = (i % 6) * 10;
    return (hh < 10 ? '0' : '') + hh + ':' + (mm < 10 ? '0' : '') + mm;
  }

  $('signin').addEventListener('submit', signIn);
  $('signout').addEventListener('click', signOut);
  if (token) { showBoard(); }
}());
