// The WAMP page of the Felix Web Console: polls data.json about once a second and fills the tables. Every value
// goes in with textContent, never as HTML. Rates are computed here from two consecutive polls, so the server keeps
// no state. Column order must match PageRenderer.java.
(function () {
    'use strict';
    var POLL_MS = 1000;
    var root = document.getElementById('wamp-console');
    var base = root.getAttribute('data-plugin-root');
    var token = root.getAttribute('data-csrf');
    var status = document.getElementById('wamp-status');
    var previous = null; // {time, realms: {name: [in, out]}, sessions: {id: [in, out]}}

    function rate(before, now, seconds) {
        if (before === undefined || seconds <= 0) {
            return '-';
        }
        return (Math.max(0, now - before) / seconds).toFixed(1);
    }

    function fill(id, rows, render) {
        var old = document.getElementById(id);
        var body = document.createElement('tbody');
        body.id = id;
        rows.forEach(function (row) {
            var tr = document.createElement('tr');
            render(row).forEach(function (value) {
                var td = document.createElement('td');
                if (value instanceof Node) {
                    td.appendChild(value);
                } else {
                    td.textContent = value === null || value === undefined ? '-' : String(value);
                    if (typeof value === 'number' || /^-?[0-9.]+$/.test(td.textContent)) {
                        td.className = 'wamp-number';
                    }
                }
                tr.appendChild(td);
            });
            body.appendChild(tr);
        });
        old.parentNode.replaceChild(body, old);
    }

    function count(id, shown, total) {
        document.getElementById(id + '-count').textContent =
            '(' + (shown < total ? shown + ' of ' + total : total) + ')';
    }

    function killButton(session) {
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'ui-button ui-widget ui-corner-all wamp-kill';
        button.textContent = 'Kill';
        button.setAttribute('data-session', String(session.id));
        button.title = 'Close session ' + session.id + ' with GOODBYE wamp.close.killed';
        return button;
    }

    function render(data) {
        var seconds = previous ? (data.time - previous.time) / 1000 : 0;
        var now = {time: data.time, realms: {}, sessions: {}};
        var totalIn = 0, totalOut = 0, rateIn = 0, rateOut = 0;
        fill('wamp-realms', data.realms, function (r) {
            var before = previous && previous.realms[r.name];
            now.realms[r.name] = [r.messagesIn, r.messagesOut];
            totalIn += r.messagesIn;
            totalOut += r.messagesOut;
            if (before && seconds > 0) {
                rateIn += Math.max(0, r.messagesIn - before[0]) / seconds;
                rateOut += Math.max(0, r.messagesOut - before[1]) / seconds;
            }
            return [r.name, r.sessions, r.registrations, r.subscriptions, r.pendingCalls, r.errors, r.messagesIn,
                r.messagesOut, rate(before && before[0], r.messagesIn, seconds),
                rate(before && before[1], r.messagesOut, seconds)];
        });
        count('wamp-realms', data.realms.length, data.realms.length);
        fill('wamp-sessions', data.sessions, function (s) {
            var before = previous && previous.sessions[s.id];
            now.sessions[s.id] = [s.messagesIn, s.messagesOut];
            return [s.id, s.realm, s.authid, s.authrole, s.authmethod, s.transport, s.peer, s.serializer, s.joined,
                s.messagesIn, s.messagesOut, rate(before && before[0], s.messagesIn, seconds),
                rate(before && before[1], s.messagesOut, seconds), s.pendingOutboundBytes, killButton(s)];
        });
        count('wamp-sessions', data.sessions.length, data.sessionCount);
        fill('wamp-registrations', data.registrations, function (r) {
            return [r.id, r.realm, r.procedure, r.match, r.invoke, r.callees, r.created];
        });
        count('wamp-registrations', data.registrations.length, data.registrationCount);
        fill('wamp-subscriptions', data.subscriptions, function (s) {
            return [s.id, s.realm, s.topic, s.match, s.subscribers, s.created];
        });
        count('wamp-subscriptions', data.subscriptions.length, data.subscriptionCount);
        fill('wamp-transports', data.transports, function (t) {
            return [t.name, t.transport, t.connections, t.addresses.join(' ')];
        });
        count('wamp-transports', data.transports.length, data.transports.length);
        previous = now;
        status.textContent = data.realms.length + ' realms, ' + data.sessionCount + ' sessions, '
            + (seconds > 0 ? rateIn.toFixed(1) + ' msg/s in, ' + rateOut.toFixed(1) + ' msg/s out, ' : '')
            + totalIn + ' in / ' + totalOut + ' out since start; updated '
            + new Date(data.time).toLocaleTimeString();
    }

    function problem(text) {
        status.textContent = text;
    }

    function poll() {
        if (document.hidden) { // no load on the router for a tab nobody looks at
            setTimeout(poll, POLL_MS);
            return;
        }
        fetch(base + '/data.json', {credentials: 'same-origin', cache: 'no-store'})
            .then(function (response) {
                return response.json().then(function (body) {
                    if (!response.ok) {
                        throw new Error(body.error || ('HTTP ' + response.status));
                    }
                    return body;
                });
            })
            .then(render)
            .catch(function (e) { problem('cannot refresh: ' + e.message); })
            .then(function () { setTimeout(poll, POLL_MS); });
    }

    function kill(session) {
        if (!window.confirm('Kill session ' + session + '? It gets GOODBYE wamp.close.killed.')) {
            return;
        }
        var headers = {'Content-Type': 'application/x-www-form-urlencoded'};
        headers['X-Switchboard-CSRF'] = token;
        fetch(base + '/kill', {method: 'POST', credentials: 'same-origin', headers: headers,
            body: 'session=' + encodeURIComponent(session)})
            .then(function (response) {
                return response.json().then(function (body) {
                    if (response.status === 403) { // token from before a plugin restart: get a fresh page
                        window.location.reload();
                    }
                    problem(response.ok ? 'killed session ' + body.killed : 'kill failed: ' + body.error);
                });
            })
            .catch(function (e) { problem('kill failed: ' + e.message); });
    }

    root.addEventListener('click', function (event) {
        var target = event.target;
        if (target && target.classList && target.classList.contains('wamp-kill')) {
            kill(target.getAttribute('data-session'));
        }
    });
    poll();
}());
