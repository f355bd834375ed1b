-- wrk script for scripts/bench-gateway: replays prepared requests (made by GatewayLoad --prepare or
-- --prepare-aibot), each line "path TAB timestamp TAB signature TAB body", each line once across all
-- threads, so every request is a message the gateway has not seen. Empty timestamp/signature: no
-- bridge signature headers (WeCom callbacks carry theirs in the query). A thread that has sent all of
-- its lines stops (its last line may go out again, once per connection, as the loop winds down)
-- rather than start over with messages the gateway would answer as duplicates.
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  lines = {}
  local n = 0
  for line in io.lines(args[1]) do
    if n % tonumber(args[2]) == id then
      local path, ts, sig, body = line:match("^([^\t]+)\t([^\t]*)\t([^\t]*)\t(.*)$")
      local headers = {["Content-Type"] = "application/json"}
      if ts ~= "" then
        headers["X-Jianqun-Timestamp"] = ts
        headers["X-Jianqun-Signature"] = sig
      end
      table.insert(lines, {path, headers, body})
    end
    n = n + 1
  end
  next_line = 0
end

function request()
  next_line = next_line + 1
  if next_line > #lines then
    wrk.thread:stop()
    next_line = #lines
  end
  local l = lines[next_line]
  return wrk.format("POST", l[1], l[2], l[3])
end
