/*
 * BX24 shim of the Bitrix24 telephony emulator: lets an unmodified CALL_CARD widget run inside the emulator's
 * call-card simulator (/_emulator/ui/call-card). Like the real library it talks to the parent frame with
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

  function Result(body, status) {
    this.answer = body;
    this.status = status;
  }
  Result.prototype.data = function () { return this.answer.result; };
  Result.prototype.error = function () { return this.answer.error ? this.answer.error : false; };
  Result.prototype.error_description = function () { return this.answer.error_description || ''; };
  Result.prototype.more = function () { return typeof this.answer.next !== 'undefined'; };
  Result.prototype.total = function () { return this.answer.total; };

  var BX24 = {
    init: function (callback) {
      send('getInitData').then(function (data) {
        initData = data;
        if (callback) { callback(); }
        readyQueue.splice(0).forEach(function (cb) { cb(); });
      });
    },
    ready: function (callback) {
      if (initData) { callback(); } else { readyQueue.push(callback); }
    },
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
      var body = Object.assign({}, params || {}, { auth: initData.AUTH_ID });
      return fetch(initData.CLIENT_ENDPOINT + method, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
      }).then(function (r) {
        return r.json().then(function (j) {
          var result = new Result(j, r.status);
          if (callback) { callback(result); }
          return result;
        });
      });
    },
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
