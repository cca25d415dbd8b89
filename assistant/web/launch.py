"""Starting the web app: the model check in the background, safe launch settings (127.0.0.1 by
default, never a share link, optional login, upload size limit) and the queue."""

from __future__ import annotations

import os
import time

from ..settings import Settings


def check_model_in_background(settings: Settings) -> None:
    """Start the local model's process and give it a test question, without holding up the app."""
    import threading

    from ..model_process import NOT_INSTALLED
    from ..model_server import shared_server

    server = shared_server(settings)
    if server.status().state != NOT_INSTALLED:
        threading.Thread(target=probe_and_preload, args=(server,), name="taalmodel-controle", daemon=True).start()


def probe_and_preload(server) -> None:
    """The model's test answer, then the imports of the answer path (`llm.preload`), so the
    first question in the model's mode does not wait for them."""
    from ..answer.llm import preload

    server.probe()
    preload()


def serve(settings: Settings, block: bool = True):
    import logging

    from .layout import build_app
    from .look import launch_options

    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s: %(message)s")
    logging.getLogger("zorgassistent").setLevel(logging.INFO)
    started = time.perf_counter()
    os.environ.setdefault("GRADIO_TEMP_DIR", str(settings.data_dir / "gradio-tmp"))
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    check_model_in_background(settings)
    app = build_app(settings)
    auth = (settings.auth_user, settings.auth_password) if settings.auth_user and settings.auth_password else None
    # The model answers one question at a time in its own process (model_server.turn); the rest of
    # an answer is fast, so several users are served at once.
    app.queue(default_concurrency_limit=8).launch(
        server_name=settings.host, server_port=settings.port, share=False, auth=auth, show_error=False,
        max_file_size=f"{int(settings.max_file_mb)}mb", prevent_thread_lock=True, quiet=True,
        footer_links=[], **launch_options(),
    )
    print(f"Zorgassistent gestart in {time.perf_counter() - started:.1f} s op http://{settings.host}:{settings.port}", flush=True)
    if block:
        app.block_thread()
    return app
