-- The data set's epoch (created if missing) and its latest sequence.
-- KEYS[1] epoch key, KEYS[2] sequence key; ARGV[1] now (ms)
local epoch = redis.call('GET', KEYS[1])
if not epoch then
  epoch = ARGV[1]
  redis.call('SET', KEYS[1], epoch)
end
return {epoch, redis.call('GET', KEYS[2]) or '0'}
