// Control client of the Bitrix24 telephony emulator, for vitest, jest and node:test suites. No dependencies
// (Node 18+: global fetch).
//
//   import { Emulator } from 'b24-emulator-client';
//   const emulator = new Emulator('http://127.0.0.1:8080');
//   const portal = await emulator.newPortal();          // an isolated portal with the demo data
//   await myIntegration.useWebhook(portal.webhookUrl);
//   await portal.assertCalled('telephony.externalcall.register');
//
// Every request goes to an endpoint listed in ENDPOINTS; the client's tests check each against the emulator's control
// API document (/_emulator/control/openapi.json), so the client and the emulator cannot drift apart.

/** Every [HTTP method, path template] of the control API this client calls. */
export const ENDPOINTS = Object.freeze([
  ['GET', '/_emulator/health'],
  ['GET', '/_emulator/control/openapi.json'],
  ['GET', '/_emulator/clock'],
  ['POST', '/_emulator/clock'],
  ['POST', '/_emulator/reset'],
  ['GET', '/_emulator/requests'],
  ['GET', '/_emulator/portals'],
  ['POST', '/_emulator/portals'],
  ['GET', '/_emulator/portals/{id}'],
  ['DELETE', '/_emulator/portals/{id}'],
  ['POST', '/_emulator/portals/{id}/reset'],
  ['GET', '/_emulator/portals/{id}/settings'],
  ['PATCH', '/_emulator/portals/{id}/settings'],
  ['GET', '/_emulator/portals/{id}/clock'],
  ['POST', '/_emulator/portals/{id}/clock'],
  ['GET', '/_emulator/portals/{id}/requests'],
  ['GET', '/_emulator/portals/{id}/events'],
  ['GET', '/_emulator/portals/{id}/faults'],
  ['POST', '/_emulator/portals/{id}/faults'],
  ['DELETE', '/_emulator/portals/{id}/faults'],
  ['POST', '/_emulator/portals/{id}/users'],
  ['POST', '/_emulator/portals/{id}/users/{userId}/login'],
  ['POST', '/_emulator/portals/{id}/crm/{type}'],
  ['GET', '/_emulator/portals/{id}/crm'],
  ['POST', '/_emulator/portals/{id}/crm-exclusions'],
  ['GET', '/_emulator/portals/{id}/apps'],
  ['POST', '/_emulator/portals/{id}/apps'],
  ['POST', '/_emulator/portals/{id}/trigger'],
  ['GET', '/_emulator/portals/{id}/calls'],
  ['GET', '/_emulator/portals/{id}/notifications'],
  ['GET', '/_emulator/portals/{id}/chat-messages'],
  ['POST', '/_emulator/portals/{id}/click-to-call'],
  ['GET', '/_emulator/portals/{id}/background-workers'],
  ['POST', '/_emulator/portals/{id}/background-workers/{placementId}/slow-load'],
].map(Object.freeze));

/** The emulator refused a control request: its HTTP status and Bitrix24-style error. */
export class EmulatorError extends Error {
  constructor(status, error, description) {
    super(`${status} ${error}: ${description}`);
    this.status = status;
    this.error = error;
    this.description = description;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A running emulator (the jar, the container image, a CI service), driven through its control API. */
export class Emulator {
  /** @param {string} baseUrl e.g. http://127.0.0.1:8080 @param {{controlToken?: string}} [options] */
  constructor(baseUrl = 'http://127.0.0.1:8080', { controlToken } = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.controlToken = controlToken;
    /** the endpoints this client has called ("METHOD template"; its tests check they are all documented) */
    this.called = new Set();
  }

  /** Calls one endpoint of ENDPOINTS: the template's {names} filled from path, a JSON body, a query. */
  async request(method, template, { path = {}, body, query } = {}) {
    if (!ENDPOINTS.some(([m, t]) => m === method && t === template)) {
      throw new TypeError(`${method} ${template} is not a control endpoint this client knows`);
    }
    this.called.add(`${method} ${template}`);
    let url = this.baseUrl + template.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(String(path[name])));
    const params = new URLSearchParams(Object.entries(query ?? {}).filter(([, v]) => v !== undefined && v !== null));
    if ([...params].length) url += `?${params}`;
    const headers = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.controlToken) headers['X-Emulator-Token'] = this.controlToken;
    let response;
    try {
      response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (failure) { // fetch's TypeError: refused, reset, no such host; the same error as the PHP and Python clients'
      throw new EmulatorError(0, 'UNREACHABLE', `Cannot reach the emulator at ${this.baseUrl}: ${failure.cause?.message ?? failure.message}`);
    }
    const text = await response.text();
    const answer = text ? JSON.parse(text) : null;
    if (!response.ok) {
      throw new EmulatorError(response.status, answer?.error ?? 'HTTP_ERROR', answer?.error_description ?? response.statusText);
    }
    return answer;
  }

  health() { return this.request('GET', '/_emulator/health'); }

  /** Waits for the emulator to answer (a container starting, a jar just launched); answers its health. */
  async waitUntilUp(seconds = 60) {
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
      try {
        return await this.health();
      } catch (failure) {
        if (Date.now() > deadline) throw failure;
        await sleep(200);
      }
    }
  }

  /** The control API's OpenAPI document, as this emulator serves it. */
  controlOpenApi() { return this.request('GET', '/_emulator/control/openapi.json'); }

  /** A new isolated portal: the demo data, or a seed in the format of --seed files. */
  async newPortal({ seed, id, webhookToken, scopes } = {}) {
    const body = { demo: seed === undefined };
    Object.entries({ seed, id, webhookToken, scopes }).forEach(([k, v]) => { if (v !== undefined) body[k] = v; });
    return new Portal(this, await this.request('POST', '/_emulator/portals', { body }));
  }

  async portal(id) { return new Portal(this, await this.request('GET', '/_emulator/portals/{id}', { path: { id } })); }

  defaultPortal() { return this.portal('default'); }

  async portals() { return (await this.request('GET', '/_emulator/portals')).map((view) => new Portal(this, view)); }

  clock() { return this.request('GET', '/_emulator/clock'); }

  /** Moves every portal's clock forward by an ISO-8601 duration ('PT31M'). */
  advanceClock(duration) { return this.request('POST', '/_emulator/clock', { body: { advance: duration } }); }

  /** Sets the emulator clock to an ISO-8601 instant. */
  setClock(instant) { return this.request('POST', '/_emulator/clock', { body: { set: instant } }); }

  /** The default portal re-seeded, every other portal deleted, the clock reset. */
  reset() { return this.request('POST', '/_emulator/reset'); }

  /**
   * The request journal of every portal, oldest first, with the requests whose credentials named no portal (portal
   * null: a mistyped webhook URL, an unknown token) unless a portal is given.
   */
  requests({ method, portal, limit } = {}) {
    return this.request('GET', '/_emulator/requests', { query: { method, portal, limit } });
  }
}

/** One portal as a test sees it: its webhook, clock, settings, CRM, applications, journals and faults. */
export class Portal {
  constructor(emulator, view) {
    this.emulator = emulator;
    this.id = view.id;
    this.webhookUrl = view.webhookUrl;
    this.memberId = view.memberId;
  }

  #call(method, template, { body, query, path = {} } = {}) {
    return this.emulator.request(method, `/_emulator/portals/{id}${template}`, { path: { ...path, id: this.id }, body, query });
  }

  /** The settings; given changes ({crmMode: 'SIMPLE'}), changes them first. */
  settings(changes) {
    return changes ? this.#call('PATCH', '/settings', { body: changes }) : this.#call('GET', '/settings');
  }

  clock() { return this.#call('GET', '/clock'); }

  /** Moves this portal's clock only (token expiry, the 30-minute rule, card timers). */
  advanceClock(duration) { return this.#call('POST', '/clock', { body: { advance: duration } }); }

  setClock(instant) { return this.#call('POST', '/clock', { body: { set: instant } }); }

  addUser(fields = {}) { return this.#call('POST', '/users', { body: fields }); }

  /** The user logs in: an invited user's first login completes the registration and sends ONUSERADD. */
  loginUser(userId) { return this.#call('POST', '/users/{userId}/login', { path: { userId } }); }

  /** Adds a lead, contact, company or deal (crm.*.add field names) without a REST call; answers its ID. */
  async addCrm(type, fields) { return Number((await this.#call('POST', '/crm/{type}', { path: { type }, body: fields })).ID); }

  crm() { return this.#call('GET', '/crm'); }

  /** Puts a number on the CRM exclusion list. */
  exclude(phone) { return this.#call('POST', '/crm-exclusions', { body: { phone } }); }

  /** Installs an application; answers its tokens (access_token, refresh_token, application_token, ...). */
  installApp({ clientId, clientSecret, scopes, handlerUrl, ...more }) {
    return this.#call('POST', '/apps', { body: { ...more, clientId, clientSecret, scopes, ...(handlerUrl ? { handlerUrl } : {}) } });
  }

  apps() { return this.#call('GET', '/apps'); }

  /**
   * Sends a documented event to a handler now, as the installed application receives it; answers the delivery. The
   * event's values go in { data }: any other option is refused, so values passed as PHP and Python pass them are not
   * lost without a word.
   */
  trigger(event, handlerUrl, { data = {}, clientId, userId, forged = false, ...unknown } = {}) {
    const names = Object.keys(unknown);
    if (names.length) {
      throw new TypeError(`trigger() takes the options data, clientId, userId and forged, not ${names.join(', ')}:`
        + ` pass the event's values as { data: { ${names[0]}: ... } }`);
    }
    const body = { event, handlerUrl, data };
    if (clientId !== undefined) body.clientId = clientId;
    if (userId !== undefined) body.userId = userId;
    if (forged) body.forged = true;
    return this.#call('POST', '/trigger', { body });
  }

  /** A user clicks a number in Bitrix24: the line's application is told (OnExternalCallStart). */
  clickToCall(fields) { return this.#call('POST', '/click-to-call', { body: fields }); }

  calls() { return this.#call('GET', '/calls'); }

  /**
   * The PAGE_BACKGROUND_WORKER handlers (a WebRTC client, say) a page of the portal at uri loads for the user:
   * [{placementId, title, url, form, isAdmin}].
   */
  backgroundWorkers({ userId, uri } = {}) { return this.#call('GET', '/background-workers', { query: { user: userId, uri } }); }

  /**
   * A page's report that the handler took more than five seconds to load: {placementId, count, removed}; the eleventh
   * of a day removes it and tells its errorHandlerUrl ERROR_PLACEMENT_LOADING_OVERTIME.
   */
  slowLoad(placementId) {
    return this.#call('POST', '/background-workers/{placementId}/slow-load', { body: {}, path: { placementId } });
  }

  /** The notifications sent with im.notify.*, oldest first (TO_USER_ID, FROM_USER_ID, NOTIFY_MESSAGE, ...). */
  notifications() { return this.#call('GET', '/notifications'); }

  /** The messages finished calls left in the messenger (finish with ADD_TO_CHAT), oldest first (DIALOG_ID, USER_ID, MESSAGE, CALL_ID, ...). */
  chatMessages() { return this.#call('GET', '/chat-messages'); }

  /** Every REST call the portal served, oldest first (of one method, in any case, if given). */
  requests(method) { return this.#call('GET', '/requests', { query: { method } }); }

  /** Every delivery attempt to a handler, oldest first (of one event, if given). */
  deliveries(event) { return this.#call('GET', '/events', { query: { event } }); }

  /**
   * Fails unless the method was called and answered 2xx, listing what was called instead (with each status and
   * error); answers the last such call. requests() has the failed calls too.
   */
  async assertCalled(method) {
    const calls = (await this.requests(method)).filter((e) => e.status >= 200 && e.status < 300);
    if (calls.length === 0) {
      const served = (await this.requests()).map((e) => `${e.method} ${e.status} ${e.error ?? ''}`.trim());
      throw new Error(`Expected a successful call of ${method} on portal ${this.id}; it served: ${JSON.stringify(served)}`);
    }
    return calls[calls.length - 1];
  }

  /**
   * Waits (deliveries are asynchronous) until an event was delivered, its handler answering 2xx; answers that
   * delivery. deliveries() has the failed attempts too (status 0: no answer).
   */
  async assertDelivered(event, { within = 5000 } = {}) {
    const deadline = Date.now() + within;
    for (;;) {
      const delivered = (await this.deliveries(event)).filter((d) => d.status >= 200 && d.status < 300);
      if (delivered.length) return delivered[delivered.length - 1];
      if (Date.now() > deadline) {
        const seen = (await this.deliveries()).map((d) => `${d.event} -> ${d.status} ${d.error ?? ''}`.trim());
        throw new Error(`Expected a delivery of ${event} on portal ${this.id}; there were: ${JSON.stringify(seen)}`);
      }
      await sleep(50);
    }
  }

  /** Makes the portal answer an error to a method ('*': any), delay it (latencyMs) or drop it (drop: true). */
  fault(spec) { return this.#call('POST', '/faults', { body: { method: '*', ...spec } }); }

  faults() { return this.#call('GET', '/faults'); }

  clearFaults() { return this.#call('DELETE', '/faults'); }

  /** Back to the portal's seed. */
  reset() { return this.#call('POST', '/reset'); }

  /** Deletes the portal: its webhook and tokens stop working. */
  delete() { return this.#call('DELETE', ''); }
}
