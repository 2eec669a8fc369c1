-- wrk script: a register -> finish -> search mix (bench/wrk.sh). Each thread keeps the CALL_IDs its registers were
-- answered with and finishes them in turn, so every call is finished and the emulator's state stays bounded; every
-- third request is a search by a number registered before.
dofile("bench/numbers.lua")
open = {}
step = 0
local hook = "/rest/1/demo-token/"
local json = {["Content-Type"] = "application/json"}

request = function()
  step = step + 1
  if step % 3 == 2 and #open > 0 then
    local call = table.remove(open, 1)
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
  local call = string.match(body, '"CALL_ID":"([^"]+)"')
  if call and string.find(body, '"CRM_CREATED_LEAD"', 1, true) then
    table.insert(open, call)
  end
end
