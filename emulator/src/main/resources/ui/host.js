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

  /** what a placement's page denies its frame (app.layout's denyInterface for any placement but DEFAULT, D186) */
  var PLACEMENT_DENIED = ['setTitle', 'setScroll', 'reloadWindow'];

  // an address's origin, or null for none
  function originOf(url) {
    try { return new URL(url).origin; } catch (notAnAddress) { return null; }
  }

  /**
   * A page's side of the protocol for one frame: opened() answers the widget open in it, commands the page's own;
   * options.placement marks a placement's frame (not the application's own page), denied the page's title, scroll
   * and reload.
   *
   * Each opening after the first gets a frame element of its own in place of the last one (frame() answers the
   * current one) and a sid of its own: the frame's window is the same object whatever it navigates to, so a widget
   * still loaded while the next one's handler answers would otherwise pass for it and be handed its form (the
   * portal, too, gives each application's page a frame of its own). A message is taken only from the current
   * frame's window and the widget's own origin (the handler address's, as the portal's page checks appHost), and
   * answered to the window that asked, at that origin.
   */
  window.B24EmuHost = function (frame, opened, commands, options) {
    var placement = !!(options && options.placement);
    var sid, openings = 0;
    // the frame named "DOMAIN|PROTOCOL|APP_SID" as the portal names an application's frame, which the real BX24
    // library and the JS SDK read to find the window they talk to; named before anything loads in it, while it is
    // still the page's own (a name set on the element later does not reach a loaded frame's window)
    function name(element) {
      sid = Array.from(crypto.getRandomValues(new Uint8Array(16)), function (b) {
        return ('0' + b.toString(16)).slice(-2);
      }).join('');
      element.name = location.host + '|' + (location.protocol === 'https:' ? 1 : 0) + '|' + sid;
    }
    name(frame);
    try { frame.contentWindow.name = frame.name; } catch (loadedElsewhere) { /* the attribute names it */ }

    // an opening's frame: the page's own for the first, a fresh element with its attributes (id, title, size) for
    // each later one, named before it is in the page, the last one's document gone with its element
    function freshFrame() {
      if (openings++ === 0) { return; }
      var next = frame.cloneNode(false);
      name(next);
      frame.replaceWith(next);
      frame = next;
    }

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
        // INSTALL: an application still in its installation wizard, whose page may call installFinish
        var data = Object.assign({}, widget.form, widget.query, { CLIENT_ENDPOINT: location.origin + '/rest/',
          IS_ADMIN: widget.isAdmin, INSTALL: widget.installed === false });
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
      reloadWindow: function () { location.reload(); },
      // a page that can fetch its widget again answers with a new token (its own refreshAuth); else the one it has
      // the first run's installers (FIRST_RUN, which the simulator never sends): acknowledged, so no library waits
      setInstall: function (m, reply) { reply(true); },
      refreshAuth: function (m, reply) {
        var form = opened().form;
        reply({ AUTH_ID: form.AUTH_ID, REFRESH_ID: form.REFRESH_ID, AUTH_EXPIRES: form.AUTH_EXPIRES });
      },
      // the portal opens a path of its own in a slider and answers when it closes: here said and closed at once
      openPath: function (m, reply) {
        say('BX24 openPath(' + String(m.params.path || '') + '): a portal opens it in a slider; here it is closed'
          + ' again at once');
        reply({ result: 'close' });
      },
      setScroll: function (m, reply) {
        window.scrollTo(0, Number(m.params.scroll) || 0);
        reply(true);
      },
      // the portal's dialogs, as a picker of the portal's own users and CRM objects (D186)
      selectUser: function (m, reply) {
        users().then(function (list) {
          return pick(m.params.title || (m.params.mult ? 'Choose users' : 'Choose a user'), list.map(function (u) {
            return { label: u.name, value: { id: u.id, name: u.name, photo: '', position: u.position,
              url: '/company/personal/user/' + u.id + '/', sub: false, sup: false } };
          }), !!m.params.mult);
        }).then(function (chosen) {
          if (chosen) { reply(m.params.mult ? chosen : chosen[0]); }
        });
      },
      // the access dialog's tabs as the portal offers them, {provider, id, name} each (D190); the codes the widget
      // passes in value are shown but cannot be picked, as the portal greys them out
      selectAccess: function (m, reply) {
        var user = new URLSearchParams(location.search).get('user');
        var locked = [].concat(m.params.value || []).map(String);
        portalControl('/access-dialog' + (user ? '?user=' + encodeURIComponent(user) : '')).then(function (items) {
          return pick(m.params.title || 'Choose access', items.map(function (item) {
            return { label: '[' + item.provider + '] ' + item.name + ' (' + item.id + ')', value: item,
              disabled: locked.indexOf(item.id) >= 0 };
          }), true);
        }).then(function (chosen) { if (chosen) { reply(chosen); } }, problem);
      },
      selectCRM: function (m, reply) {
        var types = [].concat(m.params.entityType || ['lead', 'contact', 'company', 'deal']);
        var chosenBefore = preselected(m.params.value, !!m.params.multiple);
        portalControl('/crm').then(function (crm) {
          var items = [];
          types.forEach(function (type) {
            (crm[CRM_LISTS[type]] || []).forEach(function (row) {
              items.push({ label: type + ' ' + row.ID + ': ' + row.NAME, value: { id: CRM_PREFIXES[type] + row.ID,
                type: type, place: type, title: row.NAME, desc: '', url: '/crm/' + type + '/details/' + row.ID + '/' },
                checked: chosenBefore.indexOf(CRM_PREFIXES[type] + row.ID) >= 0 });
            });
          });
          return pick('Choose a CRM object', items, !!m.params.multiple);
        }).then(function (chosen) {
          if (!chosen) { return; }
          var answer = {};
          types.forEach(function (type) { answer[type] = []; });
          chosen.forEach(function (item) { (answer[item.type] = answer[item.type] || []).push(item); });
          reply(answer);
        }, problem);
      },
      openApplication: function (m, reply) {
        say('BX24.openApplication(' + JSON.stringify(m.params) + '): a portal opens the application in a slider;'
          + ' here it is closed again at once');
        reply(undefined);
      },
      closeApplication: function (m, reply) {
        say('BX24.closeApplication(): a portal closes the slider the page is in');
        reply(undefined);
      },
      // the messenger's phone: the portal calls the number from the page's user, as a click on it in the CRM does
      imPhoneTo: function (m) {
        var user = new URLSearchParams(location.search).get('user');
        var click = { phoneNumber: String(m.params.phone || '') };
        if (user) { click.userId = Number(user); }
        portalControl('/click-to-call', click).then(function (call) {
          say('BX24.im.phoneTo(' + click.phoneNumber + '): the portal placed call ' + call.CALL_ID
            + (call.appId ? ' for application ' + call.appId : ' for the outgoing webhooks')
            + (call.eventWithheld ? ' (' + call.eventWithheld + ')' : ''));
        }, function (e) {
          say('BX24.im.phoneTo(' + click.phoneNumber + '): ' + (e.error_description || e.message || e));
        });
      },
      imCallTo: function (m) { say('BX24.im.callTo(' + m.params.userId + '): a video or audio call in the messenger'); },
      imOpenMessenger: function (m) { say('BX24.im.openMessenger(' + m.params.dialogId + ')'); },
      imOpenHistory: function (m) { say('BX24.im.openHistory(' + m.params.dialogId + ')'); }
    };

    var CRM_LISTS = { lead: 'leads', contact: 'contacts', company: 'companies', deal: 'deals' };

    /**
     * selectCRM's value, which "works only with multiple": ['C_2', 'L_1'] or {contact: [2], lead: [1]}, as the
     * prefixed IDs checked when the dialog opens.
     */
    function preselected(value, multiple) {
      if (!multiple || !value) { return []; }
      if (Array.isArray(value)) { return value.map(String); }
      var ids = [];
      Object.keys(value).forEach(function (type) {
        [].concat(value[type]).forEach(function (id) { if (CRM_PREFIXES[type]) { ids.push(CRM_PREFIXES[type] + id); } });
      });
      return ids;
    }
    var CRM_PREFIXES = { lead: 'L_', contact: 'C_', company: 'CO_', deal: 'D_', quote: 'Q_' };

    function portalControl(path, body) {
      var portal = new URLSearchParams(location.search).get('portal') || 'default';
      return control('/_emulator/portals/' + encodeURIComponent(portal))(path, body);
    }

    // the portal's active users as its dialogs list them: {id, name}
    function users() {
      return portalControl('/users').then(function (list) {
        return list.filter(function (u) { return u.ACTIVE !== false && u.ACTIVE !== 'N'; }).map(function (u) {
          return { id: Number(u.ID), name: ((u.NAME || '') + ' ' + (u.LAST_NAME || '')).trim() || u.EMAIL || String(u.ID),
            position: u.WORK_POSITION || '' };
        });
      });
    }

    // a line of the page's own in its log (what the portal did for a command that answers nothing)
    function say(text) {
      var log = document.getElementById('log');
      if (!log) { return; }
      var line = document.createElement('div');
      line.className = 'note';
      line.textContent = text;
      log.appendChild(line);
      log.scrollTop = log.scrollHeight; // the newest line in sight
    }

    /**
     * A dialog of choices, as the portal's pickers: one (radio) or several (checkboxes); answers the chosen values,
     * or null when it is cancelled (a portal's picker then calls nothing back).
     */
    function pick(title, items, multiple) {
      return new Promise(function (resolve) {
        var dialog = document.createElement('dialog');
        dialog.id = 'picker';
        var heading = document.createElement('h3');
        heading.textContent = title;
        dialog.appendChild(heading);
        items.forEach(function (item, i) {
          var label = document.createElement('label');
          label.style.display = 'block';
          var input = document.createElement('input');
          input.type = multiple ? 'checkbox' : 'radio';
          input.name = 'picked';
          input.value = String(i);
          input.checked = !!item.checked;
          input.disabled = !!item.disabled;
          label.appendChild(input);
          label.appendChild(document.createTextNode(' ' + item.label));
          dialog.appendChild(label);
        });
        var ok = document.createElement('button'), cancel = document.createElement('button');
        ok.textContent = 'Select';
        ok.id = 'picker-ok';
        cancel.textContent = 'Cancel';
        cancel.id = 'picker-cancel';
        dialog.appendChild(ok);
        dialog.appendChild(cancel);
        document.body.appendChild(dialog);
        function done(value) { dialog.close(); dialog.remove(); resolve(value); }
        ok.onclick = function () {
          done(Array.from(dialog.querySelectorAll('input:checked')).map(function (input) {
            return items[Number(input.value)].value;
          }));
        };
        cancel.onclick = function () { done(null); };
        dialog.addEventListener('cancel', function () { done(null); });
        dialog.showModal();
      });
    }

    function option(method, m, reply) {
      var value = {};
      value[m.params.name] = m.params.value;
      rest(method, { options: value }).then(reply);
    }

    // a denied command answers nothing, as on a portal, and is said in the page's log so its author sees why
    function denied(m) {
      var what = m.cmd === 'setTitle' ? 'setTitle(' + JSON.stringify(String(m.params.title || '')) + ')' : m.cmd;
      say('BX24 ' + what + ': a portal ignores it in a placement\'s frame (only the application\'s own page may), and'
        + ' answers nothing');
    }

    function handler(cmd) {
      if (placement && PLACEMENT_DENIED.indexOf(cmd) >= 0) { return denied; }
      return Object.prototype.hasOwnProperty.call(commands, cmd) ? commands[cmd]
        : Object.prototype.hasOwnProperty.call(common, cmd) ? common[cmd] : null;
    }

    window.addEventListener('message', function (e) {
      if (!e.source || e.source !== frame.contentWindow || !e.data) { return; }
      // the widget's own origin only: not a page the frame was sent on to elsewhere, nor a document that is not it
      var widget = opened();
      if (!widget || !widget.url || e.origin !== originOf(widget.url)) { return; }
      // answers go to the window that asked, at its origin: one that has gone since (the frame given to the next
      // opening) gets nothing, and the next widget nothing asked for by the last one
      var asker = e.source, origin = e.origin, m = e.data;
      if (typeof m === 'string' || (m.method && !m.b24emu)) {
        portalProtocol(m, asker, origin);
        return;
      }
      if (!m.b24emu || !m.cmd) { return; }
      var reply = function (result) {
        asker.postMessage({ b24emu: true, reply: true, id: m.id, result: result }, origin);
      };
      var handle = handler(m.cmd);
      if (handle) { handle(m, reply); }
    });

    /**
     * The portal's own protocol, as the real library (api.bitrix24.com/api/v1/) and the JS SDK (@bitrix24/b24jssdk,
     * MessageManager) speak it: "command:params:callback:appSid" (params JSON or absent, the callback key before the
     * application's sid, both after the last colons, since params may hold colons), or {method, params, callback,
     * appSid} for a command with a colon in its name; answered "callback:JSON" to the widget's origin, and a bound
     * event each time it fires under the key its placementBindEvent gave. A message of another application's sid
     * is not this widget's and is ignored, as is a command the placement does not know.
     */
    function portalProtocol(message, asker, origin) {
      var cmd, params = '', callback = '', appSid = '';
      if (typeof message === 'string') {
        var first = message.indexOf(':');
        cmd = first < 0 ? message : message.slice(0, first);
        var rest = first < 0 ? '' : message.slice(first + 1);
        var last = rest.lastIndexOf(':');
        appSid = last < 0 ? rest : rest.slice(last + 1);
        var before = last < 0 ? '' : rest.slice(0, last);
        var second = before.lastIndexOf(':');
        callback = second < 0 ? before : before.slice(second + 1);
        params = second < 0 ? '' : before.slice(0, second);
      } else {
        cmd = String(message.method);
        params = message.params;
        callback = message.callback ? String(message.callback) : '';
        appSid = message.appSid ? String(message.appSid) : '';
      }
      if (appSid !== sid) { return; }
      if (typeof params === 'string') {
        try { params = params === '' ? {} : JSON.parse(params); } catch (notJson) { params = { value: params }; }
      }
      var reply = function (result) {
        if (callback) { asker.postMessage(callback + ':' + JSON.stringify(result === undefined ? null : result), origin); }
      };
      var m = { cmd: cmd, params: params || {}, callback: callback, portal: true };
      if (cmd === 'getInitData') {
        common.getInitData(m, function (data) { reply(portalInitData(data)); });
      } else if (cmd === 'placementBindEvent') {
        var bind = handler('bindEvent');
        if (bind) { bind({ cmd: 'bindEvent', params: { event: m.params.event }, callback: callback, portal: true }, reply); }
      } else if (handler(cmd)) {
        handler(cmd)(m, reply);
      } else if (handler('placementCall')) { // a placement's own command (getStatus, ...): BX24.placement.call
        handler('placementCall')({ cmd: 'placementCall', params: { command: cmd, params: m.params }, portal: true }, reply);
      }
    }

    // the init data as the portal's page hands it to its library: PLACEMENT_OPTIONS an object, the sid and address
    function portalInitData(data) {
      var init = Object.assign({}, data);
      try { init.PLACEMENT_OPTIONS = JSON.parse(data.PLACEMENT_OPTIONS || '{}'); } catch (e) { init.PLACEMENT_OPTIONS = {}; }
      return Object.assign(init, { DOMAIN: location.host, PROTOCOL: location.protocol === 'https:' ? '1' : '0',
        PATH: '/rest/', APP_SID: sid, MEMBER_ID: data.member_id || data.MEMBER_ID,
        INSTALL: !!data.INSTALL && data.INSTALL !== 'N', FIRST_RUN: !!data.FIRST_RUN });
    }

    /**
     * Tells a widget of a bound event (D187). Under the key its library gave, as the portal's page does: the event's
     * first argument alone, and nothing after the colon for an event of none (rest/applayout.js answers through a
     * one-argument reply; the library then hands the handler []); with cardEventFirstArgument off, the one argument
     * or the list of them. Otherwise as the simulator's own message, with the arguments the BX24 shim calls the
     * handler with (the event's handlerArgs, which the server works out by the same rule).
     */
    function tell(event, key, firstOnly) {
      var widget = opened(), args = event.args || [], origin = widget && widget.url && originOf(widget.url);
      if (!origin || !frame.contentWindow) { return; }
      if (key) {
        var data = firstOnly ? args[0] : (args.length === 1 ? args[0] : args);
        frame.contentWindow.postMessage(key + ':' + (data === undefined ? '' : JSON.stringify(data)), origin);
      } else {
        frame.contentWindow.postMessage({ b24emu: true, event: event.name, args: event.handlerArgs }, origin);
      }
    }

    // the sid in the handler's query as in the frame's name: one per opening, each in a frame of its own, since a
    // loaded frame's name cannot change (D186); the widget's query read from its address here, for getInitData
    function withSid(widget) {
      var url = new URL(widget.url);
      if (url.searchParams.has('APP_SID')) {
        url.searchParams.set('APP_SID', sid);
        widget.url = url.toString();
      }
      widget.query = Object.fromEntries(url.searchParams.entries());
      return widget;
    }

    return {
      rest: rest,
      open: function (widget) {
        freshFrame();
        open(frame, withSid(widget));
      },
      tell: tell,
      say: say,
      // the frame the current widget is in: another element after each opening but the first
      frame: function () { return frame; }
    };
  };
  window.B24EmuHost.control = control;
  window.B24EmuHost.problem = problem;
})();
