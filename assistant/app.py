"""The web app's entry points; the app itself is the package `assistant.web` (kept so that
`from assistant.app import build_app, serve` goes on working)."""

from __future__ import annotations

from .web.handlers import check_upload
from .web.launch import check_model_in_background, serve
from .web.layout import EXAMPLES, build_app
from .web.look import CSS
from .web.render import export_markdown, highlight, sources_html

__all__ = ["CSS", "EXAMPLES", "build_app", "check_model_in_background", "check_upload", "export_markdown",
           "highlight", "serve", "sources_html"]
