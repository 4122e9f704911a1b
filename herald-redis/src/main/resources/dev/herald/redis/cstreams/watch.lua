-- A node starts watching a partition: gives it an origin if it has none (nothing was published on it yet), so that a
-- data set replaced later is told by its origin even when the partition was empty; then replies its head.
-- KEYS[1] the partition's newest stamp, KEYS[2] its origin, KEYS[3] its lost stamp
-- ARGV[1] the stamp the node proposes (us)
-- Replies {newest, origin, lost}, each nil when absent.
if redis.call('EXISTS', KEYS[2]) == 0 then
  local newest = tonumber(redis.call('GET', KEYS[1]) or '0')
  local origin = string.format('%.0f', math.max(tonumber(ARGV[1]), newest + 1))
  redis.call('SET', KEYS[2], origin)
  redis.call('SET', KEYS[1], origin)
end
return redis.call('MGET', KEYS[1], KEYS[2], KEYS[3])
