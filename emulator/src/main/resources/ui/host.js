/*
 * The portal's side of the BX24 postMessage protocol, shared by the emulator's simulator pages (the call card, an
 * application's page): what every placement answers alike. A page gives the frame its widget runs in, a function
 * answering the widget's opening ({url, form, query, title, isAdmin}) and its own commands; everything else the
 * placement interface does not know is ignored without an answer, as Bitrix24 ignores it
 * (api-reference/widgets/ui-interaction/index.md: "the callback function is not invoked and no error arrives").
 */
(function () {
  'use strict';

  // opens a widget as the portal does: its form POSTed into the frame
  function open(frame, widget) {
    var form = document.createElement('form');
    form.method = 'POST';
    form.action = widget.url;
    form.target = frame.name;
    Object.keys(widget.form).forEach(function (k) {
      var input = document.createElement('input');
      input.type = 'hidden';
      input.name = k;
      input.value = widget.form[k];
      form.appendChild(input);
    });
    document.body.appendChild(form);
    form.submit();
    form.remove();
  }

  /**
   * The control API under a path (a portal's card, an application), as the simulator pages call it: a refused call
   * throws the control API's {"error","error_description"} with the HTTP status, which problem() shows.
   */
  function control(base) {
    return function (path, body) {
      return fetch(base + path, body === undefined ? {} : {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
      }).then(function (r) {
        return r.json().then(function (answer) {
          if (!r.ok) { answer.status = r.status; throw answer; }
          return answer;
        });
      });
    };
  }

  // what went wrong, in the page's #problem line
  function problem(e) {
    var shown = document.getElementById('problem');
    shown.textContent = (e && (e.error_description || e.message)) || String(e);
    shown.hidden = false;
  }

  window.B24EmuHost = function (frame, opened, commands) {
    // a REST call with the widget's token, as the portal's page makes it for the widget; its result, or null on an error
    function rest(method, params) {
      return fetch(location.origin + '/rest/' + method, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(Object.assign({}, params, { auth: opened().form.AUTH_ID }))
      }).then(function (r) { return r.json(); }).then(function (j) { return j.error ? null : j.result; })
        .catch(function () { return null; });
    }

    var common = {
      getInitData: function (m, reply) {
        var widget = opened();
        var data = Object.assign({}, widget.form, widget.query, { CLIENT_ENDPOINT: location.origin + '/rest/',
          IS_ADMIN: widget.isAdmin });
        // the portal hands a widget its application's and its user's settings with the init data (APP_OPTIONS,
        // USER_OPTIONS): read here with the widget's own token
        Promise.all([rest('app.option.get', {}), rest('user.option.get', {})]).then(function (options) {
          reply(Object.assign(data, { APP_OPTIONS: options[0] || {}, USER_OPTIONS: options[1] || {} }));
        });
      },
      setAppOption: function (m, reply) { option('app.option.set', m, reply); },
      setUserOption: function (m, reply) { option('user.option.set', m, reply); },
      resizeWindow: function (m, reply) {
        // a widget sizes its frame; the page keeps it between 50 and 2000 px high, and no wider than itself
        var height = Math.min(2000, Math.max(50, Math.round(Number(m.params.height) || 0)));
        frame.style.height = height + 'px';
        reply({ width: frame.clientWidth, height: height });
      },
      setTitle: function (m, reply) {
        document.getElementById('widget-title').textContent = String(m.params.title || '').slice(0, 200)
          || opened().title || 'Widget';
        reply(true);
      },
      reloadWindow: function () { location.reload(); }
    };

    function option(method, m, reply) {
      var value = {};
      value[m.params.name] = m.params.value;
      rest(method, { options: value }).then(reply);
    }

    window.addEventListener('message', function (e) {
      var m = e.data;
      if (!m || !m.b24emu || !m.cmd || e.source !== frame.contentWindow) { return; }
      var reply = function (result) { frame.contentWindow.postMessage({ b24emu: true, reply: true, id: m.id, result: result }, '*'); };
      var handle = Object.prototype.hasOwnProperty.call(commands, m.cmd) ? commands[m.cmd]
        : Object.prototype.hasOwnProperty.call(common, m.cmd) ? common[m.cmd] : null;
      if (handle) { handle(m, reply); }
    });

    return { rest: rest, open: function (widget) { open(frame, widget); } };
  };
  window.B24EmuHost.control = control;
  window.B24EmuHost.problem = problem;
})();
