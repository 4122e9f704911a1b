-- Store and announce one event of one partition, atomically: every key here shares the partition's hash tag (one slot).
-- KEYS[1] the partition's newest stamp, KEYS[2] its origin (the first stamp of its data set), KEYS[3] the channel's
-- stream, KEYS[4] the partition's hash of trimmed stamps, KEYS[5] the partition's set of channel names, KEYS[6] its
-- lost stamp
-- ARGV[1] the partition's live (sharded Pub/Sub) channel, ARGV[2] stream length cap, ARGV[3] event JSON,
-- ARGV[4] the stamp the node proposes (us), ARGV[5] channel, ARGV[6] the newest stamp the node knows existed here
-- Replies {stamp, the partition's newest stamp before it, the stamp recorded lost here or 0}. The announcement carries
-- the first two, '<stamp>/<before>', so that a node that knows of a stamp in between learns that the partition lost it.
-- Stamps stay below 2^53, exact in Lua's numbers; '%.0f' writes them without an exponent.
local newest = tonumber(redis.call('GET', KEYS[1]) or '0')
local known = tonumber(ARGV[6])
local lost = 0
if known > newest then
  -- The node knew of a stamp the partition no longer reaches: it lost it (a failover to a replica that lacked it, or
  -- its data replaced). Recorded, and told to every node before this event.
  lost = known
  if known > tonumber(redis.call('GET', KEYS[6]) or '0') then
    redis.call('SET', KEYS[6], ARGV[6])
  end
  redis.call('SPUBLISH', ARGV[1], 'lost ' .. ARGV[6])
  newest = known
end
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
local before = string.format('%.0f', newest)
redis.call('SPUBLISH', ARGV[1], text .. '/' .. before .. ' ' .. ARGV[5] .. '\n' .. ARGV[3])
return {text, before, string.format('%.0f', lost)}
