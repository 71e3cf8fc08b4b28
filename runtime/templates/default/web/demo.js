// The seed's "Timeservice" and "Ticker" frontends on one page, with AutobahnJS (autobahn-browser).
// The WAMP endpoint defaults to /ws on the host and port this page came from (a "web" transport serves both);
// ?url=...&realm=... override it.
(function () {
  'use strict';

  var PROCEDURE = 'com.timeservice.now';
  var TOPIC = 'com.myapp.topic1';
  var TIME_REFRESH_MS = 1000;

  var params = new URLSearchParams(window.location.search);
  var url = params.get('url') ||
      (window.location.protocol === 'https:' ? 'wss://' : 'ws://') + window.location.host + '/ws';
  var realm = params.get('realm') || 'realm1';

  var el = function (id) { return document.getElementById(id); };

  function setStatus(state, text) {
    var status = el('status');
    status.dataset.state = state;
    status.textContent = text;
  }

  el('endpoint').textContent = '(' + url + ', realm ' + realm + ')';

  if (typeof autobahn === 'undefined') {
    setStatus('error', 'autobahn/autobahn.min.js is missing: build the node (mvn install) to copy it here');
    return;
  }

  var timer = null;
  var ticks = 0;

  function refreshTime(session) {
    session.call(PROCEDURE).then(function (now) {
      var time = el('time');
      time.textContent = now;
      time.dateTime = now;
      el('time-note').textContent = '';
    }, function (error) {
      el('time-note').textContent = 'call failed: ' + (error.error || error);
    });
  }

  function onTick(args) {
    ticks += 1;
    el('tick').textContent = String(args[0]);
    el('tick-count').textContent = String(ticks);
  }

  var connection = new autobahn.Connection({
    url: url,
    realm: realm,
    max_retries: -1,           // keep trying: the router may restart
    max_retry_delay: 5
  });

  connection.onopen = function (session) {
    setStatus('open', 'connected, session ' + session.id);
    console.log('joined realm', realm, 'as session', session.id);
    session.subscribe(TOPIC, onTick).then(null, function (error) {
      setStatus('error', 'cannot subscribe to ' + TOPIC + ': ' + (error.error || error));
    });
    refreshTime(session);
    timer = window.setInterval(function () { refreshTime(session); }, TIME_REFRESH_MS);
  };

  connection.onclose = function (reason, details) {
    window.clearInterval(timer);
    timer = null;
    var retrying = details && details.will_retry;
    setStatus('closed', 'disconnected (' + reason + ')' + (retrying ? ', retrying\u2026' : ''));
    return false; // let AutobahnJS retry
  };

  connection.open();
}());
