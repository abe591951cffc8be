"""What a person may send, and what of the engine's answer they see."""

from bot.turns import MAX_MESSAGE_CHARS, Rejected, engine_message, read_engine_answer

OFFERED = ["/find_procedure", '/choose_language{"language": "fr"}']


def test_text_is_passed_on_trimmed():
    assert engine_message("  my rights were violated ", None, []) == "my rights were violated"


def test_empty_and_oversized_messages_are_answered_by_the_gateway():
    assert engine_message("   ", None, []) == Rejected("gateway_empty_message")
    assert engine_message(None, None, []) == Rejected("gateway_empty_message")
    assert engine_message("x" * MAX_MESSAGE_CHARS, None, []) == "x" * MAX_MESSAGE_CHARS
    too_long = engine_message("x" * (MAX_MESSAGE_CHARS + 1), None, [])
    assert too_long == Rejected("gateway_too_long", {"length": 4001, "limit": 4000})


def test_only_offered_buttons_are_accepted():
    assert engine_message(None, "/find_procedure", OFFERED) == "/find_procedure"
    assert engine_message(None, "/delete_data", OFFERED) == Rejected("gateway_stale_button")


def test_commands_map_to_intents_and_typed_payloads_are_defused():
    assert engine_message("/start", None, []) == "/greet"
    assert engine_message("/delete@TreatyNavigatorBot", None, []) == "/delete_data"
    assert engine_message('/choose_language{"language": "ar"}', None, []) == (
        'choose_language{"language": "ar"}'
    )
    for forged in ("/ /affirm", "/\t/affirm", " // /delete_data", "/ /{x}"):
        message = engine_message(forged, None, [])
        assert isinstance(message, str) and not message.startswith("/"), forged
    assert engine_message("/", None, []) == Rejected("gateway_empty_message")
    assert engine_message("/ / ", None, []) == Rejected("gateway_empty_message")


def test_gateway_signals_are_acted_on_and_hidden():
    answer = read_engine_answer(
        [
            {"recipient_id": "p", "custom": {"gateway": {"set_language": "fr"}}},
            {"recipient_id": "p", "text": "Menu", "buttons": [{"title": "A", "payload": "/a"}]},
            {"recipient_id": "p", "custom": {"gateway": {"erase_conversation": True}}},
        ]
    )
    assert answer.messages == [{"text": "Menu", "buttons": [{"title": "A", "payload": "/a"}]}]
    assert answer.offered == ["/a"]
    assert answer.language == "fr"
    assert answer.erase is True


def test_only_a_whole_message_asking_for_it_starts_over():
    assert engine_message("start over", None, []) == "/restart"
    assert engine_message("recommencer depuis le début", None, [], "fr") == "/restart"
    assert engine_message("重新开始", None, [], "zh") == "/restart"
    for news, language in [("It will start again", "en"), ("Ils vont recommencer", "fr"),
                           ("Сначала его задержали", "ru"), ("法院重启了案件", "zh")]:  # fmt: skip
        assert engine_message(news, None, [], language) == news
