-- Deletes a family that can no longer be used, unless a rotation extended it since the caller looked.
-- KEYS[1] the family hash, KEYS[2] the user's family index.
-- ARGV[1] the newest token's expiry the caller saw   ARGV[2] the family member
-- Returns {0} if the family changed or is gone, else {1, field...} (the fields name the lookup ids).
if redis.call('HGET', KEYS[1], 'te') ~= ARGV[1] then
  return {0}
end
local fields = redis.call('HKEYS', KEYS[1])
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[2])
table.insert(fields, 1, 1)
return fields
