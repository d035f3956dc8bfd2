-- Runs inside `nvim --headless -u NONE -i NONE -n FILE -c 'luafile check.lua'`
-- (Neovim 0.7: vim.lsp.start does not exist yet). Attaches the twelve-factor
-- server to the current buffer, waits for its diagnostics, checks the rule
-- codes and, when the server offers code actions, that the secret has one.
-- Input comes from TF_* environment variables set by run.mjs; the outcome is
-- written as JSON to TF_RESULT, and the exit code is non-zero on failure.
local env = vim.env
local result = { file = vim.api.nvim_buf_get_name(0), steps = {} }

local function finish(ok, step, detail)
  result.ok = ok
  result.failed_step = step
  result.detail = detail
  local f = assert(io.open(env.TF_RESULT, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  if ok then
    vim.cmd('qa!')
  else
    io.stderr:write(('nvim check failed at step "%s": %s\n'):format(step, detail or ''))
    vim.cmd('cquit 1')
  end
end

local function step(name, fn)
  local started = vim.loop.hrtime()
  local ok, err = pcall(fn)
  table.insert(result.steps, { name = name, ok = ok, ms = math.floor((vim.loop.hrtime() - started) / 1e6) })
  if not ok then
    finish(false, name, tostring(err))
    error('stop') -- not reached: finish exits
  end
end

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local client_id
step('start the language server', function()
  -- Without `filetype on` (-u NONE) the languageId sent in didOpen comes from here.
  vim.bo.filetype = env.TF_FILETYPE
  client_id = vim.lsp.start_client({
    name = 'twelve-factor',
    cmd = vim.fn.json_decode(env.TF_SERVER_CMD),
    root_dir = env.TF_ROOT,
  })
  assert(client_id, 'vim.lsp.start_client returned nil')
  assert(vim.lsp.buf_attach_client(0, client_id), 'buf_attach_client failed')
end)

-- run.mjs scales both to the machine (test/e2e/lib/timing.mjs).
local request_ms = tonumber(env.TF_REQUEST_MS or '10000')

local expected = vim.split(env.TF_RULES or '', ',', { trimempty = true })

step('diagnostics name the rules', function()
  local timeout = tonumber(env.TF_TIMEOUT_MS or '20000')
  local function missing()
    local seen = {}
    for _, d in ipairs(vim.diagnostic.get(0)) do
      seen[tostring(code_of(d))] = true
    end
    local out = {}
    for _, rule in ipairs(expected) do
      if not seen[rule] then table.insert(out, rule) end
    end
    return out
  end
  vim.wait(timeout, function()
    return #vim.diagnostic.get(0) > 0 and #missing() == 0
  end, 50)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(result.diagnostics, { line = d.lnum, col = d.col, code = code_of(d), source = d.source, message = d.message })
  end
  assert(#result.diagnostics > 0, ('no diagnostics within %d ms'):format(timeout))
  local m = missing()
  assert(#m == 0, 'missing rule codes: ' .. table.concat(m, ', '))
  for _, d in ipairs(result.diagnostics) do
    assert(d.source == 'twelve-factor', 'unexpected source ' .. tostring(d.source))
    if env.TF_SECRET and env.TF_SECRET ~= '' then
      assert(not d.message:find(env.TF_SECRET, 1, true), 'a diagnostic message shows the secret unmasked')
    end
  end
end)

local client = vim.lsp.get_client_by_id(client_id)
local caps = client.server_capabilities or client.resolved_capabilities or {}
result.codeActionProvider = caps.codeActionProvider and true or false

if result.codeActionProvider and vim.tbl_contains(expected, 'hardcoded-secret') then
  step('a code action is offered at the secret', function()
    local secret
    for _, d in ipairs(vim.diagnostic.get(0)) do
      if code_of(d) == 'hardcoded-secret' then secret = d break end
    end
    assert(secret, 'no hardcoded-secret diagnostic')
    local range = {
      start = { line = secret.lnum, character = secret.col },
      ['end'] = { line = secret.end_lnum or secret.lnum, character = secret.end_col or secret.col },
    }
    -- 0.7 keeps only some LSP fields under user_data.lsp: rebuild the diagnostic
    -- the client would send back (vim and LSP severities share their numbers).
    local extra = (secret.user_data and secret.user_data.lsp) or {}
    local params = {
      textDocument = vim.lsp.util.make_text_document_params(),
      range = range,
      context = {
        diagnostics = {
          {
            range = range,
            message = secret.message,
            severity = secret.severity,
            source = secret.source,
            code = code_of(secret),
            codeDescription = extra.codeDescription,
            data = extra.data,
          },
        },
      },
    }
    local response, err = client.request_sync('textDocument/codeAction', params, request_ms, 0)
    assert(response, 'codeAction request failed: ' .. tostring(err))
    assert(not response.err, 'codeAction error: ' .. vim.inspect(response.err))
    local titles = {}
    local move
    for _, action in ipairs(response.result or {}) do
      table.insert(titles, action.title)
      local l = action.title:lower()
      if l:find('move to environment', 1, true) or (l:find('^move') and l:find('to .env', 1, true)) then move = action end
    end
    result.code_actions = titles
    assert(move, 'no "Move to environment" action at the secret among: ' .. table.concat(titles, ' | '))
    -- Applied as Neovim applies it: the created .env is a buffer whose last line is the entry,
    -- not an empty one (which :write would save as a blank line at the end).
    if move.edit and move.edit.documentChanges then
      vim.lsp.util.apply_workspace_edit(move.edit, 'utf-16')
      for _, change in ipairs(move.edit.documentChanges) do
        if change.kind == 'create' and change.uri:match('/%.env$') then
          local lines = vim.api.nvim_buf_get_lines(vim.uri_to_bufnr(change.uri), 0, -1, false)
          assert(#lines > 0 and lines[#lines] ~= '', 'a blank line ends the created .env: ' .. vim.inspect(#lines))
          result.env_lines = #lines
        end
      end
      assert(result.env_lines, 'the move created no .env')
    end
    -- VS Code's client runs the action's save command itself; Neovim has no
    -- handler for it and sends it to the server, which must accept it.
    if move.command then
      local cmd = type(move.command) == 'table' and move.command or move
      local answer, cerr = client.request_sync('workspace/executeCommand', {
        command = cmd.command,
        arguments = cmd.arguments,
      }, request_ms, 0)
      assert(answer and not answer.err, 'workspace/executeCommand ' .. cmd.command .. ' failed: ' .. vim.inspect(cerr or (answer and answer.err)))
      result.code_action_command = cmd.command
    end
  end)
end

finish(true)
