"""The Gradio web app, as a package: `layout` (Blocks and look), `handlers` (ask, upload, remove,
plan, export as plain functions over a `session.Session`), `render` (what is shown, as strings),
`explain` (why a question was refused) and `launch` (serve)."""
