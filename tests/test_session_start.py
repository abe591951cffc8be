"""A new session carries the answers over and takes the language of the person's device."""

from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet

from actions.session import start_events


def test_the_device_language_is_used_until_one_is_chosen():
    events = start_events({"language": None, "country": "ESP"}, {"language": "ru"})
    assert events[0] == SessionStarted() and events[-1] == ActionExecuted("action_listen")
    assert SlotSet("language", "ru") in events and SlotSet("country", "ESP") in events


def test_a_chosen_language_wins_and_unknown_ones_are_ignored():
    assert SlotSet("language", "ru") not in start_events({"language": "fr"}, {"language": "ru"})
    assert not any(
        e.get("name") == "language" and e.get("value") == "de" for e in start_events({}, {"language": "de"})
    )
    assert start_events({}, None)[-1] == ActionExecuted("action_listen")
