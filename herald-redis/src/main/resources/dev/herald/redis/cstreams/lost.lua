-- Records that a partition lost the stamps up to ARGV[1] (a failover to a replica that lacked them, or a data set
-- replaced), and tells every node: positions before it say history gone, and new stamps come after it.
-- KEYS[1] the partition's newest stamp, KEYS[2] its lost stamp, KEYS[3] its origin
-- ARGV[1] the stamp lost up to, ARGV[2] the partition's live (sharded Pub/Sub) channel, ARGV[3] '1' when the
-- partition's data set was replaced (then it holds what came after the loss: its origin moves back to it), else '0'
-- Replies the partition's lost stamp, the larger of the one it held and ARGV[1].
local stamp = tonumber(ARGV[1])
local lost = tonumber(redis.call('GET', KEYS[2]) or '0')
if stamp > lost then
  lost = stamp
  redis.call('SET', KEYS[2], ARGV[1])
end
if stamp > tonumber(redis.call('GET', KEYS[1]) or '0') then
  redis.call('SET', KEYS[1], ARGV[1])
end
local origin = redis.call('GET', KEYS[3])
if not origin or (ARGV[3] == '1' and tonumber(origin) > stamp) then
  redis.call('SET', KEYS[3], ARGV[1])
end
local text = string.format('%.0f', lost)
redis.call('SPUBLISH', ARGV[2], 'lost ' .. text)
return text
