-- wrk script: telephony.externalcall.register with a new number on every request (bench/wrk.sh); every thread
-- numbers from its own base, so no two requests carry the same number (the second would reuse the first's call)
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("base", threads * 100000000)
end
base = 0
counter = 0
request = function()
  counter = counter + 1
  local body = '{"USER_ID":2,"PHONE_NUMBER":"+7' .. (9000000000 + base + counter) .. '","TYPE":2}'
  return wrk.format("POST", "/rest/1/demo-token/telephony.externalcall.register", {["Content-Type"]="application/json"}, body)
end
