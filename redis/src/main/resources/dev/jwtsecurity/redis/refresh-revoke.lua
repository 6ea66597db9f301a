-- Revokes refresh-token families; the first revocation's time and reason are kept.
-- KEYS the family hashes (all of one user: one hash tag).
-- ARGV[1] revoked-at   ARGV[2] reason
-- Returns how many families this call revoked.
local revoked = 0
for _, family in ipairs(KEYS) do
  if redis.call('EXISTS', family) == 1 and redis.call('HSETNX', family, 'r', ARGV[1]) == 1 then
    redis.call('HSET', family, 'rr', ARGV[2])
    revoked = revoked + 1
  end
end
return revoked
