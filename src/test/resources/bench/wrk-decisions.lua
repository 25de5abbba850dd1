-- P8 by hand: compliance decisions from wrk against the platform started on DecisionBenchmark's database.
-- Run from the repository root after DecisionBenchmark (it leaves target/p8/key and target/p8/targets.csv):
--   wrk -t2 -c8 -d20s --latency -s src/test/resources/bench/wrk-decisions.lua http://127.0.0.1:18081
-- Cases Zipf-skewed (s = 1) over the targets' order, as DecisionBenchmark draws them (UNIFORM=1: uniform);
-- half calls, half texts. The targets are kept in one string of fixed 74-byte records: a Lua table of a million
-- entries made wrk's own garbage collector take most of a core.
local f = assert(io.open("target/p8/targets.csv", "rb")); local all = f:read("*a"); f:close()
local n = math.floor(#all / 74)
local k = assert(io.open("target/p8/key")); local key = k:read("*a"):gsub("%s+$", ""); k:close()
local uniform = os.getenv("UNIFORM") ~= nil
local cdf = {}
if not uniform then
  local sum = 0
  for i = 1, n do sum = sum + 1 / i; cdf[i] = sum end
  for i = 1, n do cdf[i] = cdf[i] / sum end
end

local function rank(u)
  local lo, hi = 1, n
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cdf[mid] < u then lo = mid + 1 else hi = mid end
  end
  return lo
end

local headers = {["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json"}

request = function()
  local i = uniform and math.random(n) or rank(math.random())
  local at = (i - 1) * 74 + 1
  local channel = (math.random(2) == 1) and "VOICE" or "SMS"
  local body = '{"caseId":"' .. all:sub(at, at + 35) .. '","contactPointId":"' .. all:sub(at + 37, at + 72)
    .. '","channel":"' .. channel .. '","purpose":"COLLECT","callerNumber":"4008009999"}'
  return wrk.format("POST", "/api/v1/compliance/decisions", headers, body)
end
