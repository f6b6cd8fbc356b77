-- The light workload of the load benchmark: wrk's own static request (GET /api/orders, given
-- in the URL), with the same RESULT line as orders.lua so that the script reads both alike.

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d mean_us=%.0f errors=%d non_2xx=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.mean,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status))
end
