// The language client library the extension ships (vscode-jsonrpc / vscode-languageserver-protocol)
// talking to the real `newslint lsp` over stdio: what VS Code does, without VS Code.
// Run with `npm test`; the Python that has newslint installed is $NEWSLINT_PYTHON (default python3).
const { test } = require("node:test");
const assert = require("node:assert");
const { spawn } = require("node:child_process");
const os = require("node:os");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const rpc = require("vscode-jsonrpc/node");
const lsp = require("vscode-languageserver-protocol");

test("diagnostics and a quick fix from newslint lsp", { timeout: 120000 }, async () => {
  const python = process.env.NEWSLINT_PYTHON || "python3";
  const server = spawn(python, ["-m", "newslint", "lsp"], { stdio: ["pipe", "pipe", "inherit"] });
  const connection = rpc.createMessageConnection(
    new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
  const published = [];
  let notify = () => {};
  connection.onNotification(lsp.PublishDiagnosticsNotification.type, (params) => { published.push(params); notify(); });
  connection.onNotification(lsp.ShowMessageNotification.type, () => {});
  connection.listen();
  try {
    const folder = os.tmpdir();
    const result = await connection.sendRequest(lsp.InitializeRequest.type, {
      processId: process.pid, rootUri: pathToFileURL(folder).href, capabilities: {}, initializationOptions: { debounceMs: 10 },
    });
    assert.ok(result.capabilities.codeActionProvider, "the server offers code actions");
    assert.strictEqual(result.capabilities.positionEncoding, "utf-16");
    await connection.sendNotification(lsp.InitializedNotification.type, {});
    const uri = pathToFileURL(path.join(folder, "newslint-vscode-test.md")).href;
    const text = "Officials 🎉 said the ceasefire contract held.\n";
    await connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "markdown", version: 1, text },
    });
    const diagnostics = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no diagnostics within 60 s")), 60000);
      notify = () => {
        const found = published.find((p) => p.uri === uri);
        if (found) { clearTimeout(timer); resolve(found.diagnostics); }
      };
    });
    const spun = diagnostics.find((d) => d.code === "NL201");
    assert.ok(spun, `NL201 among ${JSON.stringify(diagnostics.map((d) => d.code))}`);
    // the emoji before the finding is two UTF-16 units
    assert.strictEqual(spun.range.start.character, text.indexOf("ceasefire"));
    const actions = await connection.sendRequest(lsp.CodeActionRequest.type, {
      textDocument: { uri }, range: spun.range, context: { diagnostics: [spun] },
    });
    assert.ok(actions.some((a) => a.title.includes("ceasefire deal")), JSON.stringify(actions.map((a) => a.title)));
    await connection.sendRequest(lsp.ShutdownRequest.type);
    await connection.sendNotification(lsp.ExitNotification.type);
  } finally {
    connection.dispose();
    server.kill();
  }
});
