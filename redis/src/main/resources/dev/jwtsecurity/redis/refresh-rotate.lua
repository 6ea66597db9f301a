-- Spends a live refresh token and stores its successor in the same family, atomically: the compare-and-set
-- that lets exactly one of several concurrent refreshes win, on every instance.
-- KEYS[1] the family hash.
-- ARGV[1] the token's field   ARGV[2] the successor's field   ARGV[3] the successor's value
-- ARGV[4] now                 ARGV[5] successor lookup id (escaped)
-- ARGV[6] now (ms, floor)     ARGV[7] the successor's expiry
-- Returns {'ROTATED'}, {'SPENT', spent-at, successor}, {'REVOKED'}, {'NOT_FOUND'} or {'TAKEN'}.
local family = KEYS[1]
local token = redis.call('HGET', family, ARGV[1])
if not token then
  return {'NOT_FOUND'}
end
if redis.call('HEXISTS', family, 'r') == 1 then
  return {'REVOKED'}
end
-- A token is "hash:issued:expires", and "hash:issued:expires:spent-at:successor" once spent.
local spent, successor = string.match(token, '^[^:]*:[^:]*:[^:]*:([^:]*):([^:]*)$')
if spent then
  return {'SPENT', spent, successor}
end
if redis.call('HEXISTS', family, ARGV[2]) == 1 then
  return {'TAKEN'}
end
local tokens_expire = redis.call('HGET', family, 'te')
if after(ARGV[7], tokens_expire) then
  tokens_expire = ARGV[7]
end
-- The family lives until it can no longer be used: its absolute expiry or its newest token's expiry.
local absolute = redis.call('HGET', family, 'x')
local last_use = tokens_expire
if after(tokens_expire, absolute) then
  last_use = absolute
end
local ttl = ceil_millis(last_use) - tonumber(ARGV[6])
if ttl < 1 then
  ttl = 1
end
-- Every check and computation is done: from here on nothing can fail half-way.
redis.call('HSET', family, ARGV[1], token .. ':' .. ARGV[4] .. ':' .. ARGV[5], ARGV[2], ARGV[3], 'te', tokens_expire)
redis.call('PEXPIRE', family, int(ttl))
return {'ROTATED'}
