-- Shared by every script of jwt-security-redis (prepended to each).
-- Instants are written as "<epoch seconds>.<9 digits of nanoseconds>" (see Text.instant in Java).

local function instant(t)
  local s, n = string.match(t, '^(-?%d+)%.(%d%d%d%d%d%d%d%d%d)$')
  if not s then
    -- Raised before any write in every script, so corrupt data changes nothing.
    error('jwt-security: malformed instant in stored data')
  end
  return tonumber(s), tonumber(n)
end

-- true when instant a is strictly after instant b
local function after(a, b)
  local as, an = instant(a)
  local bs, bn = instant(b)
  return as > bs or (as == bs and an > bn)
end

-- epoch milliseconds, rounded up, so a key never expires before the instant it stands for
local function ceil_millis(t)
  local s, n = instant(t)
  return s * 1000 + math.ceil(n / 1000000)
end

-- an integral number as text for PEXPIRE/SET PX (Lua would print large numbers in exponent form)
local function int(x)
  return string.format('%.0f', x)
end
