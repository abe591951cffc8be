"""The HTTP gateway: the web chat page and its JSON chat API (Starlette, served by uvicorn)."""
