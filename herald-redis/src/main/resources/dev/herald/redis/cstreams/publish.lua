-- Store and announce one event of one partition, atomically: every key here shares the partition's hash tag (one slot).
-- KEYS[1] the partition's newest stamp, KEYS[2] its origin (the first stamp of its data set), KEYS[3] the channel's
-- stream, KEYS[4] the partition's hash of trimmed stamps, KEYS[5] the partition's set of channel names
-- ARGV[1] the partition's live (sharded Pub/Sub) channel, ARGV[2] stream length cap, ARGV[3] event JSON,
-- ARGV[4] the stamp the node proposes (us), ARGV[5] channel
-- Stamps stay below 2^53, exact in Lua's numbers; '%.0f' writes them without an exponent.
local newest = tonumber(redis.call('GET', KEYS[1]) or '0')
local stamp = math.max(tonumber(ARGV[4]), newest + 1)
local text = string.format('%.0f', stamp)
redis.call('SET', KEYS[1], text)
if redis.call('EXISTS', KEYS[2]) == 0 then
  -- A new data set (first use, or the shard lost its data): positions before it can no longer be placed.
  redis.call('SET', KEYS[2], text)
end
local first = redis.call('XRANGE', KEYS[3], '-', '+', 'COUNT', 1)
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[2], text .. '-0', 'e', ARGV[3])
local now_first = redis.call('XRANGE', KEYS[3], '-', '+', 'COUNT', 1)
if first[1] and now_first[1][1] ~= first[1][1] then
  -- The cap trimmed the oldest entries: everything before the new first entry is gone.
  local kept = tonumber(string.match(now_first[1][1], '^(%d+)-'))
  redis.call('HSET', KEYS[4], ARGV[5], string.format('%.0f', kept - 1))
end
redis.call('SADD', KEYS[5], ARGV[5])
redis.call('SPUBLISH', ARGV[1], text .. ' ' .. ARGV[5] .. '\n' .. ARGV[3])
return text
