/*
 * BX24 shim of the Bitrix24 telephony emulator: lets an unmodified CALL_CARD widget run inside the emulator's
 * call-card simulator (/_emulator/ui/call-card), and an application's page with its installation wizard inside the
 * application simulator (/_emulator/ui/app). Like the real library (api.bitrix24.com/api/v1/) it talks to the parent
 * frame with postMessage: init data, placement events, commands and dialogs come from the simulator page; REST calls go
 * to the emulator with the widget's token. It behaves as that library does (specs/DECISIONS.md D186), so that what
 * works here works on a portal: it asks for its init data as it loads, BX24.ready waits for the page and BX24.init for
 * the init data, a call's callback is its only answer, an error is the library's error object.
 */
(function () {
  'use strict';
  var initData = null, expiresAt = 0, initQueue = [], readyQueue = [], isReady = false, eventHandlers = {},
    pending = {}, seq = 0, proxies = new WeakMap(), blank = function () {};

  // an http(s) address's origin, or null
  function originOf(url) {
    try {
      var origin = new URL(String(url)).origin;
      return /^https?:\/\//.test(origin) ? origin : null;
    } catch (notAnAddress) {
      return null;
    }
  }

  /*
   * The emulator's simulator page the widget runs in, the one window the shim talks to (as the real library talks
   * only to its portal): the origin this script came from, read as it runs; and the page's own, from the frame's
   * name "DOMAIN|PROTOCOL|APP_SID" as the portal names it (a page opened at localhost whose widget loads the shim from
   * 127.0.0.1), or else the handler's query DOMAIN and PROTOCOL. A message is taken only from the parent window and
   * one of these origins; any other window (a page that opened the simulator in a popup, another application's
   * frame beside this one) is not heard, and commands go to these origins only, never to '*'.
   */
  var script = document.currentScript, origins = [];
  function trust(origin) { if (origin && origins.indexOf(origin) < 0) { origins.push(origin); } }
  trust(script && script.src ? originOf(script.src) : null);
  (function () {
    var named = /^([^|]+)\|([01])\|[^|]*$/.exec(String(window.name || ''));
    if (named) {
      trust(originOf((named[2] === '1' ? 'https' : 'http') + '://' + named[1]));
      return;
    }
    var query = new URLSearchParams(location.search);
    if (query.get('DOMAIN')) {
      trust(originOf((query.get('PROTOCOL') === '1' ? 'https' : 'http') + '://' + query.get('DOMAIN')));
    }
  })();
  if (!origins.length && window.console) {
    console.error('BX24 shim: the emulator\'s address is unknown (load the shim with <script src="http://<emulator>'
      + '/_emulator/ui/bx24.js">); it talks to no window');
  }
  // a page opened on its own has no portal around it: BX24.init would wait for ever without a word (audit 50a)
  if (window.parent === window && window.console) {
    console.warn('BX24 shim: this page is not in a portal\'s frame, so BX24.init never calls back: open it through'
      + ' the emulator\'s call-card simulator (/_emulator/ui/call-card) or application simulator (/_emulator/ui/app)');
  }

  // a command to the simulator page; its answer, when it gives one, resolves the promise
  function send(cmd, params) {
    return new Promise(function (resolve) {
      var id = ++seq;
      pending[id] = resolve;
      origins.forEach(function (origin) { // the browser hands it over only where the parent's origin is this one
        window.parent.postMessage({ b24emu: true, id: id, cmd: cmd, params: params || {} }, origin);
      });
    });
  }

  window.addEventListener('message', function (e) {
    var m = e.data;
    if (!m || !m.b24emu) { return; }
    // the simulator page's, and no other window's: a page that opened it, or a frame beside this one, forges nothing
    if (window.parent === window || e.source !== window.parent || origins.indexOf(e.origin) < 0) { return; }
    if (m.reply && pending[m.id]) {
      pending[m.id](m.result);
      delete pending[m.id];
    } else if (m.event) {
      (eventHandlers[m.event] || []).forEach(function (cb) { cb.apply(null, m.args || []); });
    }
  });

  // the library runs every handler it is handed a moment later (util.defer), never within the call that handed it
  function defer(fn, args) { setTimeout(function () { fn.apply(document, args || []); }, 10); }
  function isFunction(f) { return typeof f === 'function'; }

  // BX24.init: after the init data, which the library asks for as it loads (util.init at its end)
  function whenInit(fn) { if (initData) { defer(fn); } else { initQueue.push(fn); } }

  function takeTokens(data) {
    initData.AUTH_ID = data.AUTH_ID;
    initData.REFRESH_ID = data.REFRESH_ID;
    expiresAt = Date.now() + Number(data.AUTH_EXPIRES) * 1000; // AUTH_EXPIRES: seconds from now, as the portal sends it
  }

  send('getInitData').then(function (data) {
    // REST calls carry the widget's token: only to the emulator, never to an endpoint elsewhere
    if (!data || origins.indexOf(originOf(data.CLIENT_ENDPOINT)) < 0) {
      if (window.console) { console.error('BX24 shim: refused init data whose CLIENT_ENDPOINT is not the emulator\'s'); }
      return;
    }
    initData = data;
    takeTokens(data);
    if (!data.INSTALL || data.INSTALL === 'N') { BX24.installFinish = blank; } // installed: nothing to finish
    BX24.userOption = {
      get: function (name) { return (initData.USER_OPTIONS || {})[name]; },
      // the library's userOption.set takes no callback: one passed here is never called, as on a portal
      set: function (name, value) {
        (initData.USER_OPTIONS = initData.USER_OPTIONS || {})[name] = value;
        send('setUserOption', { name: String(name), value: value });
      }
    };
    BX24.appOption = {
      get: function (name) { return (initData.APP_OPTIONS || {})[name]; },
      // only an administrator writes the application's settings; for anyone else set does nothing
      set: initData.IS_ADMIN ? function (name, value, callback) {
        (initData.APP_OPTIONS = initData.APP_OPTIONS || {})[name] = value;
        send('setAppOption', { name: String(name), value: value }).then(function () { if (callback) { callback(); } });
      } : blank
    };
    initQueue.splice(0).forEach(function (fn) { defer(fn); });
  });

  // BX24.ready: once the page's DOM is there (util.ready), whether or not the init data has come
  function runReady() {
    if (isReady) { return; }
    if (!document.body) { setTimeout(runReady, 15); return; }
    isReady = true;
    readyQueue.splice(0).forEach(function (fn) { defer(fn); });
  }
  if (document.readyState === 'complete') {
    runReady();
  } else {
    document.addEventListener('DOMContentLoaded', runReady);
    window.addEventListener('load', runReady);
  }

  // the library's error: status, the portal's {error, error_description} as ex, "CODE: description (status)"
  function AjaxError(status, ex) { this.status = status; this.ex = ex; }
  AjaxError.prototype.getError = function () { return this.ex; };
  AjaxError.prototype.getStatus = function () { return this.status; };
  AjaxError.prototype.toString = function () {
    return this.ex.error + (this.ex.error_description ? ': ' + this.ex.error_description : '') + ' (' + this.status + ')';
  };

  // query: the call that answered ({method, data, callback}), which next() repeats from start = next
  function Result(answer, query, status) {
    this.answer = answer;
    this.query = query;
    this.status = status;
    if (answer.next !== undefined) { answer.next = parseInt(answer.next, 10); }
    if (answer.error !== undefined) {
      answer.ex = new AjaxError(status, typeof answer.error === 'string' ? answer : answer.error);
    }
  }
  Result.prototype.data = function () { return this.answer.result; };
  Result.prototype.error = function () { return this.answer.ex; };
  Result.prototype.error_description = function () { return this.answer.error_description; };
  Result.prototype.more = function () { return !isNaN(this.answer.next); };
  Result.prototype.total = function () { return parseInt(this.answer.total, 10); };
  Result.prototype.next = function (callback) {
    if (!this.more()) { return false; }
    var q = Object.assign({}, this.query, { start: this.answer.next });
    if (isFunction(callback)) { q.callback = callback; }
    call(q);
    return true;
  };

  // a REST call with the widget's token: renewed first when it has run out, and once more on expired_token
  function call(q) {
    whenInit(function () {
      if (expiresAt < Date.now()) {
        BX24.refreshAuth(function () { post(q); });
      } else {
        post(q);
      }
    });
  }

  // POSTed as the library's XMLHttpRequest sends it: a form in a text/plain body, auth and start first
  function post(q) {
    var body = 'auth=' + initData.AUTH_ID, data = q.data;
    if (q.start !== undefined) { body += '&start=' + parseInt(q.start, 10); }
    if (data && typeof data === 'object' && data.start) {
      data = Object.assign({}, data);
      delete data.start;
    }
    var form = prepare(data, '');
    fetch(initData.CLIENT_ENDPOINT + encodeURIComponent(q.method) + '.json', {
      method: 'POST', headers: { 'Content-Type': 'text/plain;charset=UTF-8' }, body: form ? body + '&' + form : body
    }).then(function (r) {
      return r.text().then(function (text) {
        var answer = text.length > 0 ? JSON.parse(text) : { result: {} };
        if (answer.error === 'expired_token') {
          BX24.refreshAuth(function () { post(q); });
        } else if (isFunction(q.callback)) {
          q.callback.call(window, new Result(answer, q, r.status));
        }
      });
    });
  }

  /*
   * Parameters as the library's prepareData writes them: key[sub]=value, a value of no object as its text (true,
   * undefined: "true", "undefined"), an empty list as key=, a date as its JSON, and null as nothing at all; objects
   * after the plain values. A string is taken as it is.
   */
  function prepare(data, prefix) {
    if (typeof data === 'string' || data === null || data === undefined) { return data || ''; }
    var plain = [], objects = [];
    Object.keys(data).forEach(function (k) {
      var name = prefix ? prefix + '[' + encodeURIComponent(k) + ']' : encodeURIComponent(k), v = data[k];
      if (typeof v === 'object') {
        objects.push([name, v]);
      } else {
        plain.push(name + '=' + encodeURIComponent(v));
      }
    });
    objects.forEach(function (o) {
      var v = o[1], part;
      if (v instanceof Date) {
        part = o[0] + '=' + encodeURIComponent(v.toJSON());
      } else if (Array.isArray(v) && v.length === 0) {
        part = o[0] + '=';
      } else {
        part = prepare(v, o[0]);
      }
      if (part) { plain.push(part); }
    });
    return plain.join('&');
  }

  function scrollSize() {
    var root = document.documentElement;
    return { scrollWidth: Math.max(root.scrollWidth, root.offsetWidth),
      scrollHeight: Math.max(root.scrollHeight, root.offsetHeight) };
  }

  // callBind / callUnbind: again once the init data has come; then an administrator's call, false for anyone else
  function asAdmin(again, method, params, callback) {
    if (!initData) {
      whenInit(again);
      return undefined;
    }
    if (!BX24.isAdmin()) { return false; }
    BX24.callMethod(method, params, callback);
    return undefined;
  }

  // a dialog or command of the portal's page: its answer to the callback, none when it gives none
  function ask(cmd, params, callback) {
    send(cmd, params).then(function (answer) { if (isFunction(callback) && answer !== null) { callback(answer); } });
  }

  var BX24 = {
    init: function (callback) { if (isFunction(callback)) { whenInit(callback); } },
    ready: function (handler) {
      if (!isFunction(handler)) { return; }
      if (isReady) { defer(handler); } else { readyQueue.push(handler); }
    },
    isReady: function () { return isReady; },
    // the first run's installers (BX24.install) run only with FIRST_RUN, which the simulator does not send
    install: blank,
    isAdmin: function () { return !!(initData && initData.IS_ADMIN); },
    getLang: function () { return initData ? initData.LANG : undefined; },
    getDomain: function () { return initData ? initData.DOMAIN : undefined; },
    // expires_in: when the token runs out, in milliseconds since 1970; false once it has
    getAuth: function () {
      return initData && expiresAt > Date.now() ? { access_token: initData.AUTH_ID, refresh_token: initData.REFRESH_ID,
        expires_in: expiresAt, domain: initData.DOMAIN, member_id: initData.MEMBER_ID || initData.member_id } : false;
    },
    refreshAuth: function (callback) {
      if (!initData) { return; }
      send('refreshAuth').then(function (data) {
        takeTokens(data);
        if (isFunction(callback)) { callback(BX24.getAuth()); }
      });
    },
    // the answer comes to the callback only: the library returns nothing to wait for
    callMethod: function (method, params, callback) {
      call({ method: method, data: params, callback: callback });
    },
    // calls: {key: [method, params] | {method, params}} or a list of them; the callback gets a Result per key answered
    callBatch: function (calls, callback, haltOnError) {
      var list = Array.isArray(calls), cmd = list ? [] : {}, queries = {}, any = false;
      Object.keys(calls).forEach(function (key) {
        var c = calls[key];
        if (!c) { return; }
        var method = Array.isArray(c) ? c[0] : c.method, params = Array.isArray(c) ? c[1] : c.params;
        if (!method) { return; }
        cmd[key] = method + '?' + prepare(params, '');
        queries[key] = { method: method, data: params, callback: callback };
        any = true;
      });
      if (!any) { return; }
      call({ method: 'batch', data: { halt: haltOnError ? 1 : 0, cmd: cmd }, callback: function (res) {
        if (!isFunction(callback)) { return; }
        var batch = res.data() || {}, results = list ? [] : {};
        var answered = batch.result || {}, failed = batch.result_error || {};
        Object.keys(queries).forEach(function (key) {
          if (res.error()) {
            results[key] = new Result({ error: res.answer.error, error_description: res.answer.error_description },
              queries[key], res.status);
          } else if (answered[key] !== undefined || failed[key] !== undefined) {
            results[key] = new Result({ result: answered[key] !== undefined ? answered[key] : {},
              error: failed[key] || undefined, total: (batch.result_total || {})[key],
              next: (batch.result_next || {})[key] }, queries[key], res.status);
          }
        });
        callback.call(window, results);
      } });
    },
    callBind: function (event, handler, authType, callback) {
      var args = arguments;
      return asAdmin(function () { BX24.callBind.apply(document, args); }, 'event.bind', { event: event || '',
        handler: handler || '', auth_type: authType === undefined ? 0 : authType }, callback);
    },
    callUnbind: function (event, handler, authType, callback) {
      var args = arguments, p = { event: event || '', handler: handler || '' };
      if (authType !== undefined && authType !== null) { p.auth_type = authType; }
      return asAdmin(function () { BX24.callUnbind.apply(document, args); }, 'event.unbind', p, callback);
    },
    canUse: function (what) { return what === 'upload' ? !!window.FileReader : true; },
    getScrollSize: scrollSize,
    // the simulator sizes the widget's frame as a card would (within bounds the page keeps)
    resizeWindow: function (width, height, callback) {
      width = parseInt(width, 10);
      height = parseInt(height, 10);
      if (width > 0 && height > 0) { ask('resizeWindow', { width: width, height: height }, callback); }
    },
    fitWindow: function (callback) { ask('resizeWindow', { width: '100%', height: scrollSize().scrollHeight }, callback); },
    setTitle: function (title, callback) { ask('setTitle', { title: title.toString() }, callback); },
    reloadWindow: function (callback) { ask('reloadWindow', {}, callback); },
    scrollParentWindow: function (scroll, callback) {
      scroll = parseInt(scroll, 10);
      if (!isNaN(scroll)) { ask('setScroll', { scroll: scroll }, callback); }
    },
    // the end of an installation wizard (settings/app-installation/installation-finish.md): the portal marks the
    // application installed and sends ONAPPINSTALL (the application's page in the simulator: /_emulator/ui/app)
    installFinish: function () { send('setInstallFinish'); },
    // the portal's dialogs: the simulator page shows a picker of the portal's users or CRM objects
    selectUser: function (title, callback) {
      if (isFunction(title)) { callback = title; title = ''; }
      ask('selectUser', { title: title, mult: false }, callback);
    },
    selectUsers: function (title, callback) {
      if (isFunction(title)) { callback = title; title = ''; }
      ask('selectUser', { title: title, mult: true }, callback);
    },
    selectAccess: function (title, value, callback) {
      if (typeof title !== 'string') { callback = value; value = title; }
      if (isFunction(value)) { callback = value; value = []; }
      ask('selectAccess', { title: typeof title === 'string' ? title : undefined, value: value }, callback);
    },
    selectCRM: function (params, callback) {
      if (isFunction(params)) { callback = params; params = {}; }
      ask('selectCRM', { entityType: params.entityType, multiple: params.multiple, value: params.value }, callback);
    },
    openApplication: function (params, callback) {
      if (isFunction(params)) { callback = params; params = {}; }
      ask('openApplication', params, callback);
    },
    closeApplication: function (callback) { ask('closeApplication', {}, callback); },
    // the messenger's commands: the portal acts on them and answers nothing
    im: {
      callTo: function (userId, video) { send('imCallTo', { userId: userId, video: video }); },
      phoneTo: function (phone) { send('imPhoneTo', { phone: phone }); },
      openMessenger: function (dialogId) { send('imOpenMessenger', { dialogId: dialogId }); },
      openHistory: function (dialogId) { send('imOpenHistory', { dialogId: dialogId }); }
    },
    proxy: function (func, thisObject) {
      if (!func || !thisObject) { return func; }
      var bound = proxies.get(thisObject) || new Map();
      proxies.set(thisObject, bound);
      if (!bound.has(func)) { bound.set(func, func.bind(thisObject)); }
      return bound.get(func);
    },
    proxyContext: function () { return null; },
    bind: function (el, name, func) { if (el) { el.addEventListener(name, func, false); } },
    unbind: function (el, name, func) { if (el) { el.removeEventListener(name, func, false); } },
    loadScript: function (scripts, callback) {
      if (!isReady) {
        var args = arguments;
        BX24.ready(function () { BX24.loadScript.apply(this, args); });
        return;
      }
      var list = typeof scripts === 'string' ? [scripts] : scripts;
      (function load(i) {
        if (i >= list.length) { if (isFunction(callback)) { callback(); } return; }
        var script = document.createElement('script');
        script.src = list[i];
        script.onload = function () { setTimeout(function () { load(i + 1); }, 50); };
        document.head.appendChild(script);
      })(0);
    },
    // before the init data: settings read as nothing and are not written (replaced once it has come)
    appOption: { get: blank, set: blank },
    userOption: { get: blank, set: blank },
    placement: {
      info: function () {
        return { placement: initData && initData.PLACEMENT,
          options: initData ? JSON.parse(initData.PLACEMENT_OPTIONS || '{}') : undefined };
      },
      getInterface: function (callback) {
        send('getInterface').then(function (r) { if (isFunction(callback)) { callback(r); } });
      },
      bindEvent: function (name, callback) {
        (eventHandlers[name] = eventHandlers[name] || []).push(callback);
        send('bindEvent', { event: name });
      },
      // a name of the library's own (BX24.placement.call('resizeWindow')) is not a placement command: ignored
      call: function (command, params, callback) {
        if (BX24[command]) { return; }
        if (isFunction(params)) { callback = params; params = {}; }
        send('placementCall', { command: command, params: params || {} })
          .then(function (r) { if (isFunction(callback) && r !== null) { callback(r); } });
      }
    }
  };
  window.BX24 = BX24;
})();
