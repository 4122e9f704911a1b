-- Store and announce one event, atomically, so that sequence order, stream order and live order are one.
-- KEYS[1] epoch key, KEYS[2] sequence key, KEYS[3] the channel's stream, KEYS[4] the hash of trimmed sequences,
-- KEYS[5] the set of channel names (what a pattern's replay reads)
-- ARGV[1] live Pub/Sub channel, ARGV[2] stream length cap, ARGV[3] event JSON, ARGV[4] now (ms), ARGV[5] channel
local epoch = redis.call('GET', KEYS[1])
if not epoch then
  -- A new data set (first use, or Redis lost its data): ids from before can no longer be placed.
  epoch = ARGV[4]
  redis.call('SET', KEYS[1], epoch)
end
local seq = redis.call('INCR', KEYS[2])
local first = redis.call('XRANGE', KEYS[3], '-', '+', 'COUNT', 1)
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[2], seq .. '-0', 'e', ARGV[3])
local now_first = redis.call('XRANGE', KEYS[3], '-', '+', 'COUNT', 1)
if first[1] and now_first[1][1] ~= first[1][1] then
  -- The cap trimmed the oldest entries: everything before the new first entry is gone.
  local kept = tonumber(string.match(now_first[1][1], '^(%d+)-'))
  redis.call('HSET', KEYS[4], ARGV[5], kept - 1)
end
redis.call('SADD', KEYS[5], ARGV[5])
redis.call('PUBLISH', ARGV[1], epoch .. ' ' .. seq .. ' ' .. ARGV[3])
return {epoch, seq}
