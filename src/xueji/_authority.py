"""Who may act: the role and scope checks shared by the approval engine and the record rules."""

from __future__ import annotations

from xueji.actor import Actor, Role
from xueji.errors import InvalidValue, NotAuthorized, Reason

__all__ = ["require", "require_actor", "require_other_hand"]


def require_actor(actor: object, *, doing: str) -> Actor:
    """``actor`` if it is an `Actor`, else `InvalidValue`."""
    if not isinstance(actor, Actor):
        raise InvalidValue(f"{doing}: 'by' must be a xueji.Actor")
    return actor


def require(actor: object, role: Role, scope: str | None, *, doing: str) -> Actor:
    """``actor``, unless it lacks ``role`` over ``scope`` (NotAuthorized) or is no Actor."""
    actor = require_actor(actor, doing=doing)
    if actor.role is not role:
        raise NotAuthorized(
            f"{doing} needs the {role.value} role, not {actor.role.value}",
            reason=Reason.WRONG_ROLE,
        )
    if actor.scope != scope:
        raise NotAuthorized(
            f"{doing}: this {actor.role.value} acts for another "
            + ("school" if role is Role.SCHOOL_REGISTRAR else "county"),
            reason=Reason.OUT_OF_SCOPE,
        )
    return actor


def require_other_hand(hands: tuple[Actor, ...], by: Actor, *, doing: str) -> None:
    """Nobody decides on a request they filed or already decided; told apart by ``id``."""
    if by.id is not None and by.id in {hand.id for hand in hands}:
        raise NotAuthorized(
            f"{doing}: nobody decides on a request they filed or already decided",
            reason=Reason.OWN_REQUEST,
        )
