-- wrk script (bench/flat.sh): register with CRM_CREATE=1 -> finish (ADD_TO_CHAT) -> attachRecord (a URL) ->
-- attachTranscription: every call makes a lead and an activity, a record and a transcript, so the CRM store, the
-- finished calls and their statistics all reach their bounds and stay there. The attachRecord and attachTranscription
-- of a call go right after its finish, often on another connection, and some reach the emulator before that finish
-- is done: those are answered 400 ERROR_CORE (not finished yet), about an eighth of the answers, the non-2xx counted.
dofile("bench/calls.lua")
finished = queue()
step = 0

request = function()
  step = step + 1
  local kind = step % 4
  if kind == 1 and registered.first <= registered.last then
    local call = pop(registered)
    push(finished, call)
    return post("telephony.externalcall.finish",
      '{"CALL_ID":"' .. call .. '","USER_ID":1,"DURATION":30,"STATUS_CODE":"200","ADD_TO_CHAT":1}')
  elseif kind == 2 and finished.first <= finished.last then
    return post("telephony.externalCall.attachRecord", '{"CALL_ID":"' .. finished[finished.first]
      .. '","FILENAME":"r.mp3","RECORD_URL":"http://example.com/r' .. finished.first .. '.mp3"}')
  elseif kind == 3 and finished.first <= finished.last then
    return post("telephony.call.attachTranscription", '{"CALL_ID":"' .. pop(finished)
      .. '","MESSAGES":[{"SIDE":"User","START_TIME":1,"STOP_TIME":3,"MESSAGE":"hello there"}]}')
  end
  return register(',"CRM_CREATE":1')
end
