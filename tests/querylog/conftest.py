"""A topic model over the shipped corpus, built once: it groups logged questions across languages."""

from __future__ import annotations

import pytest
from paths import SHIPPED_KNOWLEDGE

from bot.knowledge.loader import load_knowledge
from bot.querylog.topics import TopicModel


@pytest.fixture(scope="session")
def topic_model() -> TopicModel:
    return TopicModel.from_knowledge(load_knowledge(SHIPPED_KNOWLEDGE))
