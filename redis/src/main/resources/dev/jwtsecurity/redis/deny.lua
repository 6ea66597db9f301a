-- Records a denied access token, keeping the later of two expiries if it is denied twice.
-- KEYS[1] the entry.   ARGV[1] the instant after which the entry no longer matters   ARGV[2] its TTL (ms)
-- Returns 1 if written, 0 if an entry that lasts longer was there.
local current = redis.call('GET', KEYS[1])
if current and not after(ARGV[1], current) then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
