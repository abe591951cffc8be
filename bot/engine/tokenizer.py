"""A Rasa tokenizer for the six UN languages: Rasa's whitespace rules, plus jieba for Chinese.

Rasa's WhitespaceTokenizer leaves a Chinese sentence as one token, and its JiebaTokenizer cuts
Cyrillic and Arabic into single letters. This one tokenizes exactly as the whitespace
tokenizer does, then segments each run of Chinese characters inside a token with jieba, whose
dictionary ships in the package (nothing is downloaded). Runs inside the Rasa engine (3.10).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def segment(word: str, start: int) -> list[tuple[str, int]]:
    """(piece, offset) pairs: runs of Chinese characters cut into words, the rest kept whole."""
    import jieba

    pieces: list[tuple[str, int]] = []
    position = 0
    for han in HAN.finditer(word):
        if han.start() > position:
            pieces.append((word[position : han.start()], start + position))
        offset = start + han.start()
        for piece in jieba.cut(han.group(), HMM=False):
            pieces.append((piece, offset))
            offset += len(piece)
        position = han.end()
    if position < len(word):
        pieces.append((word[position:], start + position))
    return pieces


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class MultilingualTokenizer(WhitespaceTokenizer):
    @staticmethod
    def not_supported_languages() -> list[str] | None:
        return None

    @staticmethod
    def required_packages() -> list[str]:
        return ["jieba"]

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> MultilingualTokenizer:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        return cls(config)

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        tokens = super().tokenize(message, attribute)
        if not any(HAN.search(token.text) for token in tokens):
            return tokens
        return [
            Token(piece, offset)
            for token in tokens
            for piece, offset in (
                segment(token.text, token.start) if HAN.search(token.text) else [(token.text, token.start)]
            )
        ]
