-- wrk script (bench/flat.sh): register -> show to users 1, 2 and 3 -> finish by user 1. The finish hides only the
-- finishing user's card (D86): the cards left shown to the others are what this load makes the emulator keep.
dofile("bench/calls.lua")
shown = queue()
step = 0

request = function()
  step = step + 1
  if step % 3 == 1 and registered.first <= registered.last then
    local call = pop(registered)
    push(shown, call)
    return post("telephony.externalcall.show", '{"CALL_ID":"' .. call .. '","USER_ID":[1,2,3]}')
  elseif step % 3 == 2 and shown.first <= shown.last then
    return post("telephony.externalcall.finish", '{"CALL_ID":"' .. pop(shown) .. '","USER_ID":1,"DURATION":30}')
  end
  return register()
end
