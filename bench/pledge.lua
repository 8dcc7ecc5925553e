-- wrk script for POST /api/pledges: random rewards (from rewards.lua, written by bench/run),
-- a distinct backer per request, a count of answers by status, and the token of every
-- pledge answered 201.
local rewards = dofile(os.getenv("BENCH_REWARDS"))
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  tokens = {}
  sequence = 0
  math.randomseed(id * 7919 + os.time())
end

function request()
  sequence = sequence + 1
  local pick = rewards[math.random(#rewards)]
  local reward = pick.id and ('"' .. pick.id .. '"') or "null"
  local body = string.format(
    '{"reward":%s,"amount":"%s"%s,"name":"Bench Backer","email":"bench-%d-%d@example.invalid"}',
    reward, pick.amount, pick.extra, id, sequence)
  return wrk.format("POST", "/api/pledges", { ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 201 then
    table.insert(tokens, string.match(body, '"token":"([^"]+)"'))
  end
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, n in pairs(counts) do
      totals[status] = (totals[status] or 0) + n
    end
  end
  for status, n in pairs(totals) do
    io.write(string.format("status %d %d\n", status, n))
  end
  -- The latency's quantiles, each standing for a thousandth of the requests, for bench/run
  -- to judge several runs as one.
  for step = 1, 1000 do
    io.write(string.format("quantile %d %d\n", step, latency:percentile(step / 10)))
  end
  -- The private link of every pledge answered 201, for bench/run to check each is stored.
  local file = io.open(os.getenv("BENCH_TOKENS"), "w")
  for _, thread in ipairs(threads) do
    for _, token in ipairs(thread:get("tokens")) do
      file:write(token, "\n")
    end
  end
  file:close()
end
