"""Classify messages with the trained model, one JSON line in and out (engine environment).

Used by `python -m bot understand` so evaluation reads exactly the NLU the bot uses.
stdin: {"text": "..."} per line; stdout: {"intent": "...", "confidence": 0.93} per line.
Nothing is logged: the messages may be real testimony.
"""

import asyncio
import json
import logging
import sys
import warnings


def main(model: str) -> None:
    warnings.showwarning = lambda *_a, **_k: None
    logging.disable(logging.CRITICAL)
    import structlog

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.CRITICAL))
    from rasa.core.agent import Agent

    agent = Agent.load(model)
    print(json.dumps({"ready": True}), flush=True)
    for raw in sys.stdin:
        text = json.loads(raw)["text"]
        parsed = asyncio.run(agent.parse_message(text))
        intent = parsed.get("intent") or {}
        print(json.dumps({"intent": intent.get("name"), "confidence": intent.get("confidence")}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
