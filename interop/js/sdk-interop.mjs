// The official Bitrix24 JS SDK against the emulator, unchanged: a webhook over HTTPS, register -> finish -> search.
// Usage: NODE_EXTRA_CA_CERTS=<emulator-cert.pem> node sdk-interop.mjs https://localhost:8443/rest/1/demo-token/
//    or: B24_HOOK=https://localhost:8443/rest/1/demo-token/ node sdk-interop.mjs   (the variable the SDK's own
//        integration tests read; ci-recipes/start-emulator.sh exports it)
import { B24Hook } from '@bitrix24/b24jssdk'

const url = process.argv[2] ?? process.env.B24_HOOK
if (!url) {
  console.error('Give the webhook URL as the argument or as B24_HOOK')
  process.exit(2)
}
function check(condition, message) {
  if (!condition) {
    console.error('FAILED: ' + message)
    process.exit(1)
  }
}
async function call(b24, method, params) {
  const response = await b24.actions.v2.call.make({ method, params })
  check(response.isSuccess, method + ' failed: ' + JSON.stringify(response.getErrorMessages()))
  return response.getData().result
}

const b24 = B24Hook.fromWebhookUrl(url)
b24.offClientSideWarning()
const registered = await call(b24, 'telephony.externalCall.register',
  { USER_ID: 2, PHONE_NUMBER: '+79990000001', TYPE: 2, LINE_NUMBER: '74950000000', CRM_CREATE: 0 })
check(/^externalCall\.[0-9a-f]{32}\.\d+$/.test(registered.CALL_ID), 'CALL_ID form: ' + registered.CALL_ID)
check(registered.CRM_ENTITY_TYPE === 'CONTACT' && registered.CRM_ENTITY_ID === 1, 'binding: ' + JSON.stringify(registered))

const again = await call(b24, 'telephony.externalCall.register',
  { USER_ID: 2, PHONE_NUMBER: '+79990000001', TYPE: 2, LINE_NUMBER: '74950000000' })
check(again.CALL_ID === registered.CALL_ID, 'a repeat within 30 minutes keeps the CALL_ID')

const finished = await call(b24, 'telephony.externalCall.finish', { CALL_ID: registered.CALL_ID, USER_ID: 2, DURATION: 30 })
check(finished.CALL_DURATION === 30 && finished.CALL_FAILED_CODE === '200' && finished.INCOMING === '2',
  'finish result: ' + JSON.stringify(finished))

const found = await call(b24, 'telephony.externalCall.searchCrmEntities', { PHONE_NUMBER: '8 (999) 000-00-01' })
check(found.length === 1 && found[0].NAME === 'Ivan Petrov' && found[0].ASSIGNED_BY.ID === '2',
  'search result: ' + JSON.stringify(found))

let secondFinish = null
try {
  await b24.actions.v2.call.make({ method: 'telephony.externalCall.finish', params: { CALL_ID: registered.CALL_ID, USER_ID: 2 } })
} catch (error) {
  secondFinish = error
}
check(secondFinish && secondFinish.code === 'ERROR_CORE' && secondFinish.message.startsWith('Call is not found'),
  'a second finish fails with the real error: ' + secondFinish)

console.log(JSON.stringify({ ok: true, callId: registered.CALL_ID, duration: finished.CALL_DURATION, found: found.length }))
