/*
 * BX24 shim of the Bitrix24 telephony emulator: lets an unmodified CALL_CARD widget run inside the emulator's
 * call-card simulator (/_emulator/ui/call-card), and an application's page with its installation wizard inside the
 * application simulator (/_emulator/ui/app). Like the real library it talks to the parent frame with
 * postMessage: init data, placement events and commands come from the simulator page; REST calls go to the
 * emulator with the widget's OAuth token.
 */
(function () {
  'use strict';
  var initData = null, readyQueue = [], eventHandlers = {}, pending = {}, seq = 0;

  function send(cmd, params) {
    return new Promise(function (resolve) {
      var id = ++seq;
      pending[id] = resolve;
      window.parent.postMessage({ b24emu: true, id: id, cmd: cmd, params: params || {} }, '*');
    });
  }

  window.addEventListener('message', function (e) {
    var m = e.data;
    if (!m || !m.b24emu) { return; }
    if (m.reply && pending[m.id]) {
      pending[m.id](m.result);
      delete pending[m.id];
    } else if (m.event) {
      (eventHandlers[m.event] || []).forEach(function (cb) { cb.apply(null, m.args || []); });
    }
  });

  // query: the call that answered ({method, params, callback}), which next() repeats; none for a batch's results
  function Result(body, status, query) {
    this.answer = body;
    this.status = status;
    this.query = query;
  }

  Result.prototype.data = function () { return this.answer.result; };
  Result.prototype.error = function () { return this.answer.error ? this.answer.error : false; };
  Result.prototype.error_description = function () { return this.answer.error_description || ''; };
  // as BX24.js: more() when the answer has a numeric next, total() parsed, next() the same call from start = next,
  // answered to the same callback unless another is given; false when there is no next page
  Result.prototype.more = function () { return !isNaN(this.answer.next); };
  Result.prototype.total = function () { return parseInt(this.answer.total, 10); };
  Result.prototype.time = function () { return this.answer.time; };
  Result.prototype.next = function (callback) {
    if (!this.more() || !this.query) { return false; }
    var q = this.query;
    return BX24.callMethod(q.method, Object.assign({}, q.params, { start: this.answer.next }),
      typeof callback === 'function' ? callback : q.callback);
  };

  // BX24.ready, and callMethod and callBatch called before BX24.init, wait for it, as the library's do
  function whenInit(run) {
    if (initData) { run(); } else { readyQueue.push(run); }
  }

  function post(method, body) {
    return fetch(initData.CLIENT_ENDPOINT + method, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(Object.assign({}, body, { auth: initData.AUTH_ID }))
    });
  }

  // a batch command as the server reads it: method?query, nested values in PHP's key[sub]=value form
  function query(params, prefix) {
    return Object.keys(params || {}).map(function (k) {
      var key = prefix ? prefix + '[' + k + ']' : k, v = params[k];
      return v !== null && typeof v === 'object' ? query(v, key)
        : encodeURIComponent(key) + '=' + encodeURIComponent(v === null || v === undefined ? '' : v);
    }).filter(Boolean).join('&');
  }

  function options(key, command) {
    return {
      get: function (name) { return initData && initData[key] ? initData[key][name] : undefined; },
      set: function (name, value, callback) {
        initData[key] = initData[key] || {};
        initData[key][name] = value;
        send(command, { name: String(name), value: value }).then(function () { if (callback) { callback(); } });
      }
    };
  }

  function scrollSize() {
    var root = document.documentElement;
    return { scrollWidth: Math.max(root.scrollWidth, document.body ? document.body.scrollWidth : 0),
      scrollHeight: Math.max(root.scrollHeight, document.body ? document.body.scrollHeight : 0) };
  }

  var BX24 = {
    init: function (callback) {
      send('getInitData').then(function (data) {
        initData = data;
        if (callback) { callback(); }
        readyQueue.splice(0).forEach(function (cb) { cb(); });
      });
    },
    ready: whenInit,
    isAdmin: function () { return !!(initData && initData.IS_ADMIN); },
    getLang: function () { return initData ? initData.LANG : 'en'; },
    getDomain: function () { return initData ? initData.DOMAIN : ''; },
    getAuth: function () {
      if (!initData) { return false; }
      return {
        access_token: initData.AUTH_ID, refresh_token: initData.REFRESH_ID,
        expires_in: Number(initData.AUTH_EXPIRES), domain: initData.DOMAIN, member_id: initData.member_id
      };
    },
    refreshAuth: function (callback) { if (callback) { callback(BX24.getAuth()); } },
    callMethod: function (method, params, callback) {
      return new Promise(function (resolve) {
        whenInit(function () {
          post(method, params || {}).then(function (r) {
            return r.json().then(function (j) {
              var result = new Result(j, r.status, { method: method, params: params || {}, callback: callback });
              if (callback) { callback(result); }
              resolve(result);
            });
          });
        });
      });
    },
    // calls: {key: [method, params] | {method, params}} or a list of them; the callback gets a Result per key
    callBatch: function (calls, callback, haltOnError) {
      var list = Array.isArray(calls), cmd = {};
      Object.keys(calls).forEach(function (key) {
        var c = calls[key], method = Array.isArray(c) ? c[0] : c.method, params = Array.isArray(c) ? c[1] : c.params;
        var q = query(params);
        cmd[key] = q ? method + '?' + q : method;
      });
      whenInit(function () {
        post('batch', { halt: haltOnError ? 1 : 0, cmd: cmd }).then(function (r) {
          return r.json().then(function (j) {
            var batch = j.result || {}, results = list ? [] : {};
            Object.keys(cmd).forEach(function (key) {
              var error = (batch.result_error || {})[key];
              var answer = error ? { error: error.error, error_description: error.error_description }
                : { result: (batch.result || {})[key], total: (batch.result_total || {})[key],
                  next: (batch.result_next || {})[key], time: (batch.result_time || {})[key] };
              if (answer.next === undefined) { delete answer.next; }
              results[key] = new Result(j.error ? j : answer, r.status);
            });
            if (callback) { callback(results); }
          });
        });
      });
    },
    getScrollSize: scrollSize,
    // the simulator sizes the widget's frame as a card would (within bounds the page keeps)
    resizeWindow: function (width, height, callback) {
      send('resizeWindow', { width: Number(width), height: Number(height) })
        .then(function (size) { if (callback) { callback(size); } });
    },
    fitWindow: function (callback) {
      var size = scrollSize();
      BX24.resizeWindow(size.scrollWidth, size.scrollHeight, callback);
    },
    setTitle: function (title, callback) {
      send('setTitle', { title: String(title) }).then(function () { if (callback) { callback(); } });
    },
    reloadWindow: function () { send('reloadWindow'); },
    // the end of an installation wizard (settings/app-installation/installation-finish.md): the portal marks the
    // application installed and sends ONAPPINSTALL (the application's page in the simulator: /_emulator/ui/app)
    installFinish: function () { send('setInstallFinish'); },
    // the application's settings (BX24.appOption, writable by administrators) and the user's (BX24.userOption):
    // read from the init data, written through the portal's page, which calls app.option.set / user.option.set
    appOption: options('APP_OPTIONS', 'setAppOption'),
    userOption: options('USER_OPTIONS', 'setUserOption'),
    placement: {
      info: function () {
        return { placement: initData.PLACEMENT, options: JSON.parse(initData.PLACEMENT_OPTIONS || '{}') };
      },
      getInterface: function (callback) {
        send('getInterface').then(function (r) { if (callback) { callback(r); } });
      },
      bindEvent: function (name, callback) {
        (eventHandlers[name] = eventHandlers[name] || []).push(callback);
        send('bindEvent', { event: name });
      },
      call: function (command, params, callback) {
        send('placementCall', { command: command, params: params || {} })
          .then(function (r) { if (callback && r !== null) { callback(r); } });
      }
    }
  };
  window.BX24 = BX24;
})();
