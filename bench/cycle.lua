-- wrk script: a register -> finish -> search mix (bench/wrk.sh). Each thread keeps the CALL_IDs its registers were
-- answered with and finishes them in turn, so every call is finished and the emulator's state stays bounded; every
-- third request is a search by a number registered before.
dofile("bench/calls.lua")
step = 0

request = function()
  step = step + 1
  if step % 3 == 2 and registered.first <= registered.last then
    return post("telephony.externalcall.finish",
      '{"CALL_ID":"' .. pop(registered) .. '","USER_ID":1,"DURATION":30,"STATUS_CODE":"200"}')
  elseif step % 3 == 0 then
    return wrk.format("GET", "/rest/1/demo-token/telephony.externalcall.searchCrmEntities?PHONE_NUMBER=%2B7"
      .. (9000000000 + base + counter))
  end
  return register()
end
