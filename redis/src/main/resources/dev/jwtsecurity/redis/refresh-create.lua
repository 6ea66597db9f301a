-- Creates a refresh-token family with its first token and adds it to its user's index, atomically.
-- KEYS[1] the family hash, KEYS[2] the user's family index: both carry the hash tag {user}.
-- ARGV[1] user (escaped)     ARGV[2] created-at     ARGV[3] absolute expiry   ARGV[4] first token's expiry
-- ARGV[5] token field        ARGV[6] token value    ARGV[7] family member     ARGV[8] absolute expiry (ms)
-- ARGV[9] created-at (ms)    ARGV[10] family TTL (ms)                         ARGV[11] index TTL (ms)
-- Returns 1, or 0 if the family exists.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'u', ARGV[1], 'c', ARGV[2], 'x', ARGV[3], 'te', ARGV[4], ARGV[5], ARGV[6])
redis.call('PEXPIRE', KEYS[1], ARGV[10])
-- Families whose absolute expiry has passed leave the index, so it stays as small as the live sessions.
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[9])
redis.call('ZADD', KEYS[2], ARGV[8], ARGV[7])
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[11]) then
  redis.call('PEXPIRE', KEYS[2], ARGV[11])
end
return 1
