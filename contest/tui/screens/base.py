"""What every screen and dialog of the terminal shares: the language, error notices and worker failures.

Owns no service calls of its own; each screen calls :attr:`Localised.services` from its thread workers.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState, get_current_worker

from contest.tui.catalogue import message, relabel, tr

if TYPE_CHECKING:
    from contest.services import Services
    from contest.services.views import Actor
    from contest.tui.app import ContestApp

ResultType = TypeVar("ResultType")

_POSTING = threading.Lock()
"""Makes 'is this read still the newest?' and posting it one step (see :meth:`Localised.post_fresh`)."""


class Localised:
    """Mixin for screens and dialogs: catalogue text in the app's language and bilingual footer labels."""

    LABELS: ClassVar[dict[str, str]] = {}
    """Action string -> catalogue key of its footer description."""

    app: Any

    if TYPE_CHECKING:
        # provided by the MessagePump (screen or dialog) this is mixed into; declared only for the type checker,
        # so that it does not shadow the real method

        def post_message(self, message: Message) -> bool: ...

    @property
    def contest_app(self) -> ContestApp:
        """The running :class:`~contest.tui.app.ContestApp`."""
        return cast("ContestApp", self.app)

    @property
    def services(self) -> Services:
        """The only door to state."""
        return self.contest_app.services

    @property
    def actor(self) -> Actor:
        """The logged-in judge or official."""
        actor = self.contest_app.actor
        assert actor is not None, "screen shown without a login"
        return actor

    @property
    def lang(self) -> str:
        """ "zh" or "en"."""
        return self.contest_app.lang

    def t(self, key: str, **fmt: Any) -> str:
        """Catalogue text in the current language."""
        return tr(self.lang, key, **fmt)

    def show_error(self, error: BaseException | str) -> None:
        """A refused action as a notice: the service's own words, never a traceback."""
        self.contest_app.notify(message(error, self.lang), severity="error", timeout=8)

    def apply_language(self) -> None:
        """Re-render every text in the current language (called on mount and when F2 switches language)."""
        relabel(self, self.LABELS, self.lang)
        self.render_text()
        self.contest_app.refresh_bindings()

    def render_text(self) -> None:
        """Fill the screen's labels in the current language; screens override this."""

    def post_fresh(self, *messages: Message) -> None:
        """Post a read from an exclusive thread worker, unless a newer one has replaced it.

        Starting an exclusive worker cancels the previous one, but a thread cannot be stopped: the older read runs
        on and, finishing last, would replace the newer read on screen (a returned sheet shown as still
        submitted). The check and the post happen under one lock, and the newer worker exists (so the older is
        marked cancelled) before it can post: whichever order the two finish in, only the newest read is shown.
        """
        with _POSTING:
            if get_current_worker().is_cancelled:
                return
            for message in messages:
                self.post_message(message)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """An unexpected failure in a worker (not a typed refusal) still reaches the user as a notice."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.show_error(event.worker.error)
            self.worker_failed(event.worker)

    def worker_failed(self, worker: Worker[Any]) -> None:
        """Hook: undo 'busy' state after an unexpected worker failure."""


class BaseScreen(Localised, Screen[None]):
    """A full screen of the terminal."""

    def on_mount(self) -> None:
        self.apply_language()


class BaseModal(Localised, ModalScreen[ResultType]):
    """A typed dialog: it returns its result through ``dismiss``."""

    def on_mount(self) -> None:
        self.apply_language()
