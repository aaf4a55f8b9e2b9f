"""Where agents' verdicts on findings are kept (SQLAlchemy Core; SQLite by default). Never the reply text."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    case,
    create_engine,
    func,
    insert,
    select,
)
from sqlalchemy.engine import Engine

from api.schemas import FeedbackIn, FeedbackSummary, RuleFeedback

metadata = MetaData()

feedback = Table(
    "feedback",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("fingerprint", String(300), nullable=False),
    Column("rule_id", String(120), nullable=False, index=True),
    Column("language", String(10), nullable=False),
    Column("verdict", String(20), nullable=False),
)


class FeedbackStore:
    """Records verdicts and sums them per rule."""

    def __init__(self, database_url: str) -> None:
        connect_args = (
            {"check_same_thread": False, "timeout": 10} if database_url.startswith("sqlite") else {}
        )
        self.engine: Engine = create_engine(database_url, connect_args=connect_args)
        metadata.create_all(self.engine)

    def record(self, vote: FeedbackIn) -> None:
        row = vote.model_dump() | {"created_at": datetime.now(UTC)}
        with self.engine.begin() as connection:
            connection.execute(insert(feedback).values(**row))

    def summary(self) -> FeedbackSummary:
        useful = func.sum(case((feedback.c.verdict == "useful", 1), else_=0))
        false_positive = func.sum(case((feedback.c.verdict == "false_positive", 1), else_=0))
        query = (
            select(feedback.c.rule_id, useful.label("useful"), false_positive.label("false_positive"))
            .group_by(feedback.c.rule_id)
            .order_by(feedback.c.rule_id)
        )
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        rules = [
            RuleFeedback(
                rule_id=row.rule_id,
                useful=int(row.useful),
                false_positive=int(row.false_positive),
                precision=round(row.useful / (row.useful + row.false_positive), 4),
            )
            for row in rows
        ]
        return FeedbackSummary(total=sum(r.useful + r.false_positive for r in rules), rules=rules)

    def close(self) -> None:
        self.engine.dispose()
