"""Custom actions, run by the rasa-sdk action server (`python -m rasa_sdk --actions actions`).

Actions never put raw user text into events or logs; they talk to the gateway through
`json_message` instructions (delivered as `custom` payloads) that the gateway acts on.
"""
