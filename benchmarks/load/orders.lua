-- The request mix of the load benchmark, against the sample order service.
-- Every cycle of 10 requests: 3 list, 5 get (one of the seeded orders, 1..SEED), 1 create,
-- 1 delete of an order this thread created earlier (a get while it has none), so that the
-- table, and with it the list response, keeps its size however long the run lasts.
-- Run with one wrk thread (-t1): the Lua state is per thread.

local seeded = tonumber(os.getenv("LOAD_SEEDED_ORDERS") or "20")
local step = 0
local created = {}
local head, tail = 1, 0
-- Deletes lag behind creates, so that the order's background processing has finished.
local lag = 8

local create_body = '{"product_name":"Widget","amount":"19.99","payment_method":"debit_card"}'
local json = { ["Content-Type"] = "application/json" }

request = function()
  step = step + 1
  local slot = step % 10
  if slot == 0 or slot == 4 or slot == 7 then
    return wrk.format("GET", "/api/orders")
  elseif slot == 5 then
    return wrk.format("POST", "/api/orders", json, create_body)
  elseif slot == 9 and tail - head + 1 > lag then
    local id = created[head]
    created[head] = nil
    head = head + 1
    return wrk.format("DELETE", "/api/orders/" .. id)
  end
  return wrk.format("GET", "/api/orders/" .. (step % seeded + 1))
end

response = function(status, headers, body)
  if status == 201 then
    local location = headers["Location"] or headers["location"]
    if location then
      tail = tail + 1
      created[tail] = location:match("(%d+)$")
    end
  end
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d mean_us=%.0f errors=%d non_2xx=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.mean,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status))
end
