"""Which language a message is in, and Chinese cut into words inside the engine."""

import json
import os
import subprocess

import pytest

from bot import model
from bot.understanding.language import guess_language
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("text", "language"),
    [("the police beat me in Lagos", "en"), ("la police m'a frappé à Paris", "fr"),
     ("la policía me golpeó en Madrid", "es"), ("полиция избила меня в Минске", "ru"),
     ("الشرطة ضربتني في القاهرة", "ar"), ("警察在新疆打了我", "zh"), ("ok", "en")],
)  # fmt: skip
def test_the_language_is_guessed_from_script_and_common_words(text, language):
    assert guess_language(text) == language


def test_chinese_is_segmented_and_other_scripts_keep_whole_words():
    code = (
        "import json, sys; from bot.engine.tokenizer import MultilingualTokenizer as T;"
        "from rasa.shared.nlu.training_data.message import Message;"
        "t = T(T.get_default_config());"
        "tokens = lambda s: [x.text for x in t.tokenize(Message({'text': s}), 'text')];"
        "print(json.dumps([tokens(s) for s in sys.argv[1:]]))"
    )
    sentences = ["警察在新疆殴打了我的儿子", "в Чечне похитили брата"]
    result = subprocess.run(
        [str(ROOT / ".venv/engine/bin/python"), "-c", code, *sentences], cwd=ROOT, capture_output=True,
        text=True, env={**os.environ, **model.engine_env()}, timeout=120, check=True,
    )  # fmt: skip
    chinese, russian = json.loads(result.stdout.strip().splitlines()[-1])
    assert chinese == ["警察", "在", "新疆", "殴打", "了", "我", "的", "儿子"]
    assert russian == ["в", "Чечне", "похитили", "брата"]
