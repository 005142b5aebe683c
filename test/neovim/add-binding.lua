-- Driven by neovim.test.ts: a real second LSP client (Neovim 0.7, headless). Attaches the SAG server to the seed
-- example's api-config.json, waits for its diagnostics, applies the add-binding quick fix, saves, and writes what
-- happened to SAG_RESULT as JSON. Every wait is vim.wait on a condition (with a failure time-out), never a sleep.
local server, root, result_file = os.getenv('SAG_SERVER'), os.getenv('SAG_ROOT'), os.getenv('SAG_RESULT')
local result = { diagnostics = {}, actions = {}, applied = false, errors = {} }

local function finish()
  result.log = vim.lsp.get_log_path()
  local out = io.open(result_file, 'w')
  out:write(vim.fn.json_encode(result))
  out:close()
  vim.cmd('qall!')
end

-- Warnings and errors only: the test fails on any (a refused request, server stderr, a handler error).
vim.lsp.set_log_level('WARN')

local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({
    name = 'sag',
    cmd = { 'node', server, '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'seed' } },
    on_error = function(code) table.insert(result.errors, 'client error ' .. tostring(code)) end,
  })
  assert(client_id, 'start_client failed')
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/api-config.json'))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)

  local got = vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  assert(got, 'no diagnostics within 30 s')
  local target
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(result.diagnostics, { code = lsp.code, line = d.lnum, col = d.col, message = d.message, source = d.source })
    if lsp.code == 'SAG301' and d.message:find('HOOKS', 1, true) then target = d end
  end
  assert(target, 'no SAG301 for HOOKS')

  -- 0.7 keeps the LSP diagnostic without its range: rebuild it from the diagnostic's own positions.
  local lsp_diag = vim.deepcopy(target.user_data.lsp)
  lsp_diag.range = {
    start = { line = target.lnum, character = target.col },
    ['end'] = { line = target.end_lnum, character = target.end_col },
  }
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = lsp_diag.range,
    context = { diagnostics = { lsp_diag } },
  }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000)
  assert(responses, 'no code action response')
  local chosen
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do
      table.insert(result.actions, action.title)
      if action.title:find('Add binding `HOOKS`', 1, true) then chosen = action end
    end
  end
  assert(chosen and chosen.edit, 'no add-binding action with an edit')
  vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16')
  vim.cmd('silent! wall')
  result.applied = true

  -- A usual setup attaches the server to every buffer it serves (an autocmd); here the edited wrangler.toml buffer
  -- is attached by hand, and its didOpen lets the server re-check: the HOOKS finding goes away.
  vim.lsp.buf_attach_client(vim.fn.bufnr(root .. '/wrangler.toml'), client_id)
  local cleared = vim.wait(30000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.message:find('HOOKS', 1, true) and d.user_data and d.user_data.lsp.code == 'SAG301' then return false end
    end
    return true
  end, 20)
  result.cleared = cleared
end)
if not ok then table.insert(result.errors, tostring(err)) end
finish()
