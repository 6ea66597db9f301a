-- Replaces a string value only if it is still what the caller read: the throttle store's transition is
-- computed in Java and applied with this, retried on conflict.
-- KEYS[1] the key.
-- ARGV[1] '0' if the caller saw no value, '1' if it saw ARGV[2]
-- ARGV[3] the new value, or '' to delete the key      ARGV[4] the new value's TTL (ms)
-- Returns {1} when replaced, else {0, current} ({0} when there is none).
local current = redis.call('GET', KEYS[1])
local expected
if ARGV[1] == '0' then
  expected = (current == false)
else
  expected = (current == ARGV[2])
end
if not expected then
  if current then
    return {0, current}
  end
  return {0}
end
if ARGV[3] == '' then
  redis.call('DEL', KEYS[1])
else
  redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
end
return {1}
