// The newslint extension: starts `newslint lsp` (stdio) for Markdown, plain text and HTML
// documents and passes the `newslint.*` settings to it. All checking happens in the server.
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

function serverSettings(): Record<string, unknown> {
  const conf = vscode.workspace.getConfiguration("newslint");
  return {
    config: conf.get<string | null>("config", null),
    noConfig: conf.get<boolean>("noConfig", false),
    debounceMs: conf.get<number>("debounceMs", 60),
    maxDocumentBytes: conf.get<number>("maxDocumentBytes", 2097152),
    docsUrl: conf.get<string | null>("docsUrl", null) ?? undefined,
  };
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const command = vscode.workspace.getConfiguration("newslint").get<string[]>("command", ["newslint", "lsp"]);
  if (command.length === 0) {
    void vscode.window.showErrorMessage("newslint: the setting newslint.command is empty");
    return;
  }
  const serverOptions: ServerOptions = { command: command[0], args: command.slice(1) };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "file", language: "plaintext" },
      { scheme: "file", language: "html" },
      { scheme: "untitled", language: "markdown" },
      { scheme: "untitled", language: "plaintext" },
    ],
    initializationOptions: serverSettings(),
    synchronize: {
      // a config file changed on disk: the server reads the configuration again
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{newslint.yaml,.newslint.yaml,pyproject.toml}"),
    },
  };
  client = new LanguageClient("newslint", "newslint", serverOptions, clientOptions);
  await client.start();
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration("newslint") || client === undefined) {
        return;
      }
      if (event.affectsConfiguration("newslint.command")) {
        await restart(context);
        return;
      }
      await client.sendNotification("workspace/didChangeConfiguration", { settings: { newslint: serverSettings() } });
    }),
  );
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  if (client !== undefined) {
    await client.stop();
    client = undefined;
  }
  await start(context);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(vscode.commands.registerCommand("newslint.restart", () => restart(context)));
  await start(context);
}

export async function deactivate(): Promise<void> {
  if (client !== undefined) {
    await client.stop();
  }
}
