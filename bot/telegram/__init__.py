"""The Telegram channel (python-telegram-bot 22): polling or webhook, one conversation per person.

- render.py  pure: HTML escaping, splitting at Telegram's limits, keyboards and their callback data
- store.py   the database: the update inbox, sealed chat ids, message ids for /delete
- channel.py the handlers: text, buttons, commands, media, groups, /delete, sending with retries
- run.py     the update sources: long polling (default) or a webhook with a secret token
"""
