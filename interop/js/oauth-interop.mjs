// The official Bitrix24 JS SDK in OAuth mode (B24OAuth) against the emulator, unchanged: an application installed
// through the control API calls as itself; the portal clock moves past the access token's hour; the SDK gets
// expired_token, renews the pair by itself at the server_endpoint the token answer gave, and goes on.
// Usage: NODE_EXTRA_CA_CERTS=<emulator-cert.pem> node oauth-interop.mjs https://localhost:8443
import { B24OAuth } from '@bitrix24/b24jssdk'

const base = process.argv[2]
function check(condition, message) {
  if (!condition) {
    console.error('FAILED: ' + message)
    process.exit(1)
  }
}
async function control(path, body) {
  const response = await fetch(base + '/_emulator' + path, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
  })
  const text = await response.text()
  check(response.ok, path + ' answered ' + response.status + ': ' + text)
  return JSON.parse(text)
}
async function call(b24, method, params) {
  const response = await b24.actions.v2.call.make({ method, params })
  check(response.isSuccess, method + ' failed: ' + JSON.stringify(response.getErrorMessages()))
  return response.getData().result
}

const portal = await control('/portals', { demo: true })
const secret = { clientId: 'local.js-oauth', clientSecret: 'js-oauth-secret' }
const tokens = await control('/portals/' + portal.id + '/apps',
  { ...secret, scopes: ['telephony', 'crm', 'user'], userId: 2 })
const b24 = new B24OAuth({
  applicationToken: tokens.application_token, userId: tokens.user_id, memberId: tokens.member_id,
  accessToken: tokens.access_token, refreshToken: tokens.refresh_token, expires: tokens.expires,
  expiresIn: tokens.expires_in, scope: tokens.scope, domain: tokens.domain,
  clientEndpoint: tokens.client_endpoint, serverEndpoint: tokens.server_endpoint, status: tokens.status
}, secret)
b24.offClientSideWarning()
const renewed = []
b24.setCallbackRefreshAuth(async ({ authData }) => { renewed.push(authData.access_token) })

const me = await call(b24, 'user.current', {})
check(me.ID === '2', 'the token acts as its user: ' + JSON.stringify(me))

await control('/portals/' + portal.id + '/clock', { advance: 'PT61M' })
const registered = await call(b24, 'telephony.externalCall.register',
  { USER_ID: 2, PHONE_NUMBER: '+79990000001', TYPE: 2, LINE_NUMBER: '74950000000' })
check(renewed.length === 1 && renewed[0] !== tokens.access_token,
  'the SDK renewed the expired token once by itself: ' + JSON.stringify(renewed))
check(/^externalCall\.[0-9a-f]{32}\.\d+$/.test(registered.CALL_ID), 'register after the renewal: ' + JSON.stringify(registered))

const finished = await call(b24, 'telephony.externalCall.finish', { CALL_ID: registered.CALL_ID, USER_ID: 2, DURATION: 12 })
check(finished.CALL_DURATION === 12, 'finish with the renewed token: ' + JSON.stringify(finished))

console.log(JSON.stringify({ ok: true, portal: portal.id, renewed: renewed.length, callId: registered.CALL_ID }))
