-- Shared by the call loads (bench/cycle.lua, shown.lua, records.lua): queues of CALL_IDs read from first to last
-- (table.remove(queue, 1) shifted the whole table on every call, and the generator itself slowed down as a run went
-- on), the register request, and the response hook that queues the CALL_ID of every registered call.
dofile("bench/numbers.lua")
local hook = "/rest/1/demo-token/"
local json = {["Content-Type"] = "application/json"}

function queue()
  return {first = 1, last = 0}
end

function push(q, value)
  q.last = q.last + 1
  q[q.last] = value
end

-- the oldest value, taken off the queue; nil when it is empty
function pop(q)
  if q.first > q.last then
    return nil
  end
  local value = q[q.first]
  q[q.first] = nil
  q.first = q.first + 1
  return value
end

function post(method, body)
  return wrk.format("POST", hook .. method, json, body)
end

-- a register with a number no thread used before; extra: more JSON members, from their comma on
function register(extra)
  counter = counter + 1
  return post("telephony.externalcall.register",
    '{"USER_ID":1,"PHONE_NUMBER":"+7' .. (9000000000 + base + counter) .. '","TYPE":2' .. (extra or "") .. '}')
end

registered = queue()

response = function(status, headers, body)
  if not string.find(body, '"CRM_CREATED_LEAD"', 1, true) then
    return -- not a register's answer: no call to keep
  end
  local call = string.match(body, '"CALL_ID":"([^"]+)"')
  if call then
    push(registered, call)
  end
end
