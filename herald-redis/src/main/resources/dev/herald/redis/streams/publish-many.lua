-- Store one event on several channels and announce it, atomically, with one sequence: publish.lua for N channels.
-- KEYS[1] epoch key, KEYS[2] sequence key, KEYS[3] the hash of trimmed sequences, KEYS[4] the set of channel names,
-- KEYS[4 + i] channel i's stream
-- ARGV[1] event JSON, ARGV[2] now (ms), ARGV[3] the channels as a JSON array (carried by the announcement),
-- ARGV[4 + 3(i-1)] channel i's live Pub/Sub channel, ARGV[5 + 3(i-1)] its stream length cap, ARGV[6 + 3(i-1)] its name
local epoch = redis.call('GET', KEYS[1])
if not epoch then
  -- A new data set (first use, or Redis lost its data): ids from before can no longer be placed.
  epoch = ARGV[2]
  redis.call('SET', KEYS[1], epoch)
end
local seq = redis.call('INCR', KEYS[2])
local count = #KEYS - 4
for i = 1, count do
  local stream = KEYS[4 + i]
  local cap = ARGV[5 + 3 * (i - 1)]
  local name = ARGV[6 + 3 * (i - 1)]
  local first = redis.call('XRANGE', stream, '-', '+', 'COUNT', 1)
  redis.call('XADD', stream, 'MAXLEN', '~', cap, seq .. '-0', 'e', ARGV[1])
  local now_first = redis.call('XRANGE', stream, '-', '+', 'COUNT', 1)
  if first[1] and now_first[1][1] ~= first[1][1] then
    -- The cap trimmed the oldest entries: everything before the new first entry is gone.
    local kept = tonumber(string.match(now_first[1][1], '^(%d+)-'))
    redis.call('HSET', KEYS[3], name, kept - 1)
  end
  redis.call('SADD', KEYS[4], name)
end
-- One announcement per channel, each naming every channel: a node delivers the event on all of them at the first it
-- receives, and drops the others (the same sequence).
local announcement = epoch .. ' ' .. seq .. ' ' .. ARGV[3] .. ARGV[1]
for i = 1, count do
  redis.call('PUBLISH', ARGV[4 + 3 * (i - 1)], announcement)
end
return {epoch, seq}
