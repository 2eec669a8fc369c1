-- wrk script: telephony.externalcall.register with a new number on every request (bench/wrk.sh)
dofile("bench/numbers.lua")
request = function()
  counter = counter + 1
  local body = '{"USER_ID":2,"PHONE_NUMBER":"+7' .. (9000000000 + base + counter) .. '","TYPE":2}'
  return wrk.format("POST", "/rest/1/demo-token/telephony.externalcall.register", {["Content-Type"]="application/json"}, body)
end
