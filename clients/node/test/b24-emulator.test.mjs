// Tests of the Node control client against a running emulator (B24_EMULATOR_URL; clients/test.sh starts one).
// Run: B24_EMULATOR_URL=http://127.0.0.1:8080 node --test test/
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENDPOINTS, Emulator, EmulatorError } from '../b24-emulator.mjs';

const URL_ = process.env.B24_EMULATOR_URL;
const SPEC = fileURLToPath(new URL('../../../specs/src/main/resources/b24-specs/control/openapi.json', import.meta.url));
const emulator = URL_ ? new Emulator(URL_, { controlToken: process.env.B24_EMULATOR_CONTROL_TOKEN }) : null;
const INCOMING = { USER_ID: 2, PHONE_NUMBER: '+79990000001', TYPE: 2, LINE_NUMBER: '74950000000' };

/** A REST call as an integration makes it (JSON body): [status, envelope]. */
async function rest(url, params = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(params) });
  return [response.status, await response.json()];
}

/** A stand-in for the integration's handler: records every POST (form-decoded), answers 200. */
async function handler() {
  const received = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      received.push(Object.fromEntries(new URLSearchParams(body)));
      response.end('ok');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { received, url: `http://127.0.0.1:${server.address().port}/b24`, close: () => server.close() };
}

describe('the control client', { skip: URL_ ? false : 'B24_EMULATOR_URL is not set: start an emulator (clients/test.sh does)' }, () => {
  let portal;
  before(async () => { await emulator.waitUntilUp(); });
  beforeEach(async () => { portal = await emulator.newPortal(); });
  afterEach(async () => { await portal.delete(); });
  after(() => {
    const unused = ENDPOINTS.map(([m, t]) => `${m} ${t}`).filter((e) => !emulator.called.has(e));
    assert.deepEqual(unused, [], 'endpoints the tests never called');
  });

  it('calls only endpoints of the control API document', async () => {
    const documents = [await emulator.controlOpenApi()];
    if (existsSync(SPEC)) documents.push(JSON.parse(readFileSync(SPEC, 'utf8')));
    for (const document of documents) {
      for (const [method, path] of ENDPOINTS) {
        assert.ok(document.paths[path]?.[method.toLowerCase()], `${method} ${path} is not documented`);
      }
    }
  });

  it('records a webhook session and says what was called', async () => {
    const [status, registered] = await rest(`${portal.webhookUrl}telephony.externalcall.register`, INCOMING);
    assert.equal(status, 200);
    const entry = await portal.assertCalled('TELEPHONY.EXTERNALCALL.REGISTER');
    assert.equal(entry.result.CALL_ID, registered.result.CALL_ID);
    await assert.rejects(portal.assertCalled('telephony.externalcall.finish'), /telephony\.externalcall\.register 200/);
    // a call the portal refused is no call made
    assert.equal((await rest(`${portal.webhookUrl}telephony.externalcall.finish`, { CALL_ID: 'nope', USER_ID: 2 }))[0], 400);
    await assert.rejects(portal.assertCalled('telephony.externalcall.finish'), /telephony\.externalcall\.finish 400 ERROR_CORE/);
    await rest(`${portal.webhookUrl}telephony.externalcall.finish`, { CALL_ID: registered.result.CALL_ID, USER_ID: 2, DURATION: 35, ADD_TO_CHAT: 1 });
    assert.match((await portal.chatMessages())[0].MESSAGE, /^Incoming call from \[CALL=/);
    assert.equal((await portal.calls()).finished.length, 1);
    assert.deepEqual((await emulator.requests({ portal: portal.id })).map((e) => e.method),
      ['telephony.externalcall.register', 'telephony.externalcall.finish', 'telephony.externalcall.finish']);
    await rest(`${portal.webhookUrl}im.notify.personal.add`, { USER_ID: 2, MESSAGE: 'Call the client back' });
    assert.deepEqual((await portal.notifications()).map((n) => n.NOTIFY_MESSAGE), ['Call the client back']);
    assert.equal((await emulator.portal(portal.id)).webhookUrl, portal.webhookUrl);
    assert.ok((await emulator.portals()).some((p) => p.id === portal.id));
  });

  it('moves the clock past the thirty-minute reuse', async () => {
    const register = async () => (await rest(`${portal.webhookUrl}telephony.externalcall.register`, INCOMING))[1].result.CALL_ID;
    const first = await register();
    assert.equal(await register(), first);
    const before = (await portal.clock()).offsetSeconds;
    await portal.advanceClock('PT31M');
    assert.equal((await portal.clock()).offsetSeconds, before + 31 * 60);
    assert.notEqual(await register(), first);
    await portal.setClock('2030-01-01T10:00:00Z');
    assert.match((await portal.clock()).now, /^2030-01-01T/);
    const { now } = await emulator.clock();
    await emulator.advanceClock('PT1H');
    await emulator.setClock(now);
  });

  it('seeds CRM objects, users and settings', async () => {
    const contact = await portal.addCrm('contact', { NAME: 'Olga', PHONE: [{ VALUE: '+79995550101', VALUE_TYPE: 'WORK' }] });
    const [, found] = await rest(`${portal.webhookUrl}telephony.externalCall.searchCrmEntities`, { PHONE_NUMBER: '89995550101' });
    assert.deepEqual(found.result.map((f) => [f.CRM_ENTITY_TYPE, f.CRM_ENTITY_ID]), [['CONTACT', contact]]);
    assert.ok((await portal.crm()).contacts.some((c) => Number(c.ID) === contact));
    await portal.exclude('+79995550999');
    const [, excluded] = await rest(`${portal.webhookUrl}telephony.externalcall.register`, { ...INCOMING, PHONE_NUMBER: '+79995550999', CRM_CREATE: 1 });
    assert.equal(excluded.result.CRM_CREATED_LEAD, null);
    assert.equal((await portal.addUser({ NAME: 'Pavel', UF_PHONE_INNER: '150' })).NAME, 'Pavel');
    assert.equal((await portal.addUser()).ACTIVE, true);
    const [, invited] = await rest(`${portal.webhookUrl}user.add`, { EMAIL: 'olga@example.com', UF_DEPARTMENT: [1] });
    const loggedIn = await portal.loginUser(invited.result); // the invitation accepted: ONUSERADD
    assert.equal(loggedIn.ID, String(invited.result));
    assert.ok(loggedIn.LAST_LOGIN);
    assert.equal((await portal.settings({ crmMode: 'SIMPLE' })).crmMode, 'SIMPLE');
    assert.equal((await portal.settings()).crmMode, 'SIMPLE');
    await portal.reset();
    assert.equal((await portal.settings()).crmMode, 'CLASSIC');
  });

  it('installs an application and follows its deliveries', async () => {
    const events = await handler();
    try {
      const tokens = await portal.installApp({ clientId: 'local.pbx', clientSecret: 's3cret', scopes: ['telephony', 'crm', 'user', 'placement'], handlerUrl: events.url });
      assert.equal((await portal.assertDelivered('ONAPPINSTALL')).status, 200);
      assert.equal(events.received[0]['auth[application_token]'], tokens.application_token);
      assert.deepEqual((await portal.apps()).map((a) => a.clientId), ['local.pbx']);
      const rest_ = portal.webhookUrl.split('/rest/')[0] + '/rest/';
      const [status, me] = await rest(`${rest_}user.current?auth=${tokens.access_token}`);
      assert.deepEqual([status, me.result.ID], [200, '1']);

      assert.throws(() => portal.trigger('OnVoximplantCallEnd', events.url, { CALL_DURATION: '35' }),
        /not CALL_DURATION: pass the event's values as \{ data: \{ CALL_DURATION/);
      const sent = await portal.trigger('OnVoximplantCallEnd', events.url, { data: { CALL_DURATION: '35' } });
      assert.equal(sent.status, 200);
      assert.equal(events.received.at(-1)['data[CALL_DURATION]'], '35');
      const forged = await portal.trigger('OnVoximplantCallEnd', events.url, { forged: true });
      assert.equal(forged.forged, true);
      assert.notEqual(events.received.at(-1)['auth[application_token]'], tokens.application_token);
      await assert.rejects(portal.assertDelivered('ONVOXIMPLANTCALLINIT', { within: 200 }), /ONAPPINSTALL -> 200/);

      const [lineStatus] = await rest(`${rest_}telephony.externalLine.add?auth=${tokens.access_token}`, { NUMBER: '74950000000' });
      assert.equal(lineStatus, 200);
      const clicked = await portal.clickToCall({ userId: 2, phoneNumber: '+79990000001', lineNumber: '74950000000' });
      assert.match(clicked.CALL_ID, /^externalCall\./);

      // a WebRTC client in the background worker: loaded on every page; the eleventh slow load of a day removes it
      const [bound] = await rest(`${rest_}placement.bind?auth=${tokens.access_token}`, { PLACEMENT: 'PAGE_BACKGROUND_WORKER',
        HANDLER: `${events.url}/worker`, OPTIONS: { errorHandlerUrl: `${events.url}/worker-error` } });
      assert.equal(bound, 200);
      const [worker] = await portal.backgroundWorkers({ userId: 1, uri: '/crm/' });
      assert.equal(JSON.parse(worker.form.PLACEMENT_OPTIONS).URI, '/crm/');
      for (let i = 1; i <= 10; i++) assert.equal((await portal.slowLoad(worker.placementId)).count, i);
      assert.equal((await portal.slowLoad(worker.placementId)).removed, true);
      await portal.assertDelivered('ERROR_PLACEMENT_LOADING_OVERTIME');
      assert.equal(events.received.at(-1).error, 'ERROR_PLACEMENT_LOADING_OVERTIME');
      assert.deepEqual(await portal.backgroundWorkers({ userId: 1 }), []);
    } finally {
      events.close();
    }
  });

  it('injects faults until they are removed', async () => {
    assert.equal((await portal.fault({ method: 'user.current', error: 'QUERY_LIMIT_EXCEEDED', count: 1 })).remaining, 1);
    const [status, answer] = await rest(`${portal.webhookUrl}user.current`);
    assert.deepEqual([status, answer.error], [503, 'QUERY_LIMIT_EXCEEDED']);
    assert.equal((await portal.faults())[0].fired, 1);
    assert.equal((await rest(`${portal.webhookUrl}user.current`))[0], 200);
    await portal.clearFaults();
    assert.deepEqual(await portal.faults(), []);
  });

  it('passes on the emulator\'s reason for a refusal', async () => {
    await assert.rejects(emulator.portal('no-such-portal'), (e) => e instanceof EmulatorError && e.status === 404 && e.error === 'PORTAL_NOT_FOUND');
    await assert.rejects(portal.settings({ crmMode: 'NEITHER' }), (e) => e instanceof EmulatorError && e.status === 400);
    assert.equal((await emulator.health()).status, 'UP');
    await assert.rejects(new Emulator('http://127.0.0.1:1').health(),
      (e) => e instanceof EmulatorError && e.status === 0 && e.error === 'UNREACHABLE');
  });

  it('resets the emulator, deleting the portals tests made', async () => {
    const made = await emulator.newPortal();
    await emulator.reset();
    assert.ok(!(await emulator.portals()).some((p) => p.id === made.id));
    assert.equal((await emulator.defaultPortal()).id, 'default');
    portal = await emulator.newPortal(); // afterEach deletes it
  });
});
