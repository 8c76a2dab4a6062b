"""The terminal's screens and dialogs (one module each); they call services only."""

from contest.tui.screens.chief import ChiefScreen
from contest.tui.screens.clerk_entry import ClerkEntryScreen
from contest.tui.screens.clerk_home import ClerkHomeScreen
from contest.tui.screens.judge_home import JudgeHomeScreen
from contest.tui.screens.login import LoginScreen
from contest.tui.screens.organiser import OrganiserScreen
from contest.tui.screens.scoring import ScoringScreen

__all__ = [
    "ChiefScreen",
    "ClerkEntryScreen",
    "ClerkHomeScreen",
    "JudgeHomeScreen",
    "LoginScreen",
    "OrganiserScreen",
    "ScoringScreen",
]
