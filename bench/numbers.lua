-- Shared by bench/register.lua and, through bench/calls.lua, the call loads: every wrk thread numbers its calls from its own base, so two
-- threads never register the same number (the emulator would answer the second with the first's open call, reused).
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("base", threads * 100000000)
end
base = 0
counter = 0
