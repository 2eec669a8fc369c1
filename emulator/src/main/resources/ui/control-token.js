// Shared by the emulator's pages: beyond loopback the control API wants the emulator's token, so every call to
// /_emulator/ carries the ?token= of the page's own URL.
(function () {
  'use strict';
  var token = new URLSearchParams(location.search).get('token');
  window.B24EMU_CONTROL_TOKEN = token;
  if (!token) { return; }
  var nativeFetch = window.fetch.bind(window);
  window.fetch = function (url, options) {
    if (String(url).indexOf('/_emulator/') === 0) {
      url += (String(url).indexOf('?') < 0 ? '?' : '&') + 'token=' + encodeURIComponent(token);
    }
    return nativeFetch(url, options);
  };
})();
