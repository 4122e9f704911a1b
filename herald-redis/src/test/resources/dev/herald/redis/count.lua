-- A counter, for the EVALSHA test: KEYS[1] the counter.
return redis.call('INCR', KEYS[1])
