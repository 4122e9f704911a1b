-- Records the partition count if none is, and replies with the count recorded.
-- KEYS[1] herald:partitions, ARGV[1] this node's count
redis.call('SET', KEYS[1], ARGV[1], 'NX')
return redis.call('GET', KEYS[1])
