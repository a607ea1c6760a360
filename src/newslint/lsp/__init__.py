"""Language server for editors (`newslint lsp`; needs the `lsp` extra: pygls)."""
