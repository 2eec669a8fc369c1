-- wrk script: a register -> finish -> search mix (bench/wrk.sh). Each thread keeps the CALL_IDs its registers were
-- answered with and finishes them in turn, so every call is finished and the emulator's state stays bounded; every
-- third request is a search by a number registered before.
dofile("bench/numbers.lua")
-- the CALL_IDs to finish, a queue read from first to last: table.remove(open, 1) shifted the whole table on every
-- finish, and against the bare route (whose every answer carries a CALL_ID) the queue only grows, so the generator
-- itself slowed down as a run went on
open = {}
first, last = 1, 0
step = 0
local hook = "/rest/1/demo-token/"
local json = {["Content-Type"] = "application/json"}

request = function()
  step = step + 1
  if step % 3 == 2 and first <= last then
    local call = open[first]
    open[first] = nil
    first = first + 1
    return wrk.format("POST", hook .. "telephony.externalcall.finish", json,
      '{"CALL_ID":"' .. call .. '","USER_ID":1,"DURATION":30,"STATUS_CODE":"200"}')
  elseif step % 3 == 0 then
    return wrk.format("GET", hook .. "telephony.externalcall.searchCrmEntities?PHONE_NUMBER=%2B7" .. (9000000000 + base + counter))
  end
  counter = counter + 1
  local body = '{"USER_ID":1,"PHONE_NUMBER":"+7' .. (9000000000 + base + counter) .. '","TYPE":2}'
  return wrk.format("POST", hook .. "telephony.externalcall.register", json, body)
end

response = function(status, headers, body)
  if not string.find(body, '"CRM_CREATED_LEAD"', 1, true) then
    return -- a finish or a search: no call to keep
  end
  local call = string.match(body, '"CALL_ID":"([^"]+)"')
  if call then
    last = last + 1
    open[last] = call
  end
end
